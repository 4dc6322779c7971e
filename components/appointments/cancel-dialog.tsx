"use client";

import { AlertDialog } from "radix-ui";
import { useActionState } from "react";
import { cancelAppointmentAction } from "./actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

export function CancelAppointmentDialog({
  appointmentId,
  summary,
  usesICloud,
}: {
  appointmentId: string;
  summary: string;
  usesICloud: boolean;
}) {
  const [state, formAction, pending] = useActionState(cancelAppointmentAction, null);
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button type="button" variant="secondary" className="text-red-700 ring-red-200 hover:bg-red-50">
          Cancel appointment
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold">Cancel this appointment?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">
            {summary}. The time becomes free for new bookings. This can&apos;t be undone, and the CRM doesn&apos;t email the customer: let
            them know yourself.
            {usesICloud ? " The event is removed from the staff member's iCloud calendar automatically." : ""}
          </AlertDialog.Description>
          <form action={formAction} className="mt-4 space-y-4">
            <input type="hidden" name="appointmentId" value={appointmentId} />
            <FormMessage state={state} />
            <div className="flex flex-wrap justify-end gap-2">
              <AlertDialog.Cancel asChild>
                <Button type="button" variant="secondary">
                  Keep appointment
                </Button>
              </AlertDialog.Cancel>
              <Button type="submit" variant="danger" disabled={pending}>
                {pending ? "Cancelling…" : "Cancel appointment"}
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
