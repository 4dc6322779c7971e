"use client";

import { AlertDialog } from "radix-ui";
import { useActionState } from "react";
import { archiveBookingCalendarAction, restoreBookingCalendarAction } from "./actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

/**
 * Archiving retires a calendar without losing its history. While customers have upcoming
 * appointments on it, it can't be archived: the admin cancels or moves them first.
 */
export function ArchiveCalendar({
  bookingCalendarId,
  name,
  slug,
  upcoming,
}: {
  bookingCalendarId: string;
  name: string;
  slug: string;
  upcoming: number;
}) {
  const [state, formAction, pending] = useActionState(archiveBookingCalendarAction, null);
  const blocked = upcoming > 0;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        {blocked
          ? `It has ${upcoming} upcoming appointment${upcoming === 1 ? "" : "s"}. Cancel or move ${upcoming === 1 ? "it" : "them"} before archiving the calendar.`
          : `Customers will no longer find it at /book/${slug}. Its settings and appointments are kept, the link stays reserved for it, and you can restore it at any time.`}
      </p>
      <AlertDialog.Root>
        <AlertDialog.Trigger asChild>
          <Button type="button" variant="secondary">
            Archive calendar
          </Button>
        </AlertDialog.Trigger>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 bg-slate-900/40" />
          <AlertDialog.Content className="fixed top-1/2 left-1/2 w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
            <AlertDialog.Title className="text-lg font-semibold">{`Archive “${name}”?`}</AlertDialog.Title>
            <AlertDialog.Description className="mt-2 text-sm text-slate-600">
              {blocked
                ? "It still has upcoming appointments, so it can't be archived yet."
                : `/book/${slug} will answer “not found” and the calendar moves to Archived. Its past appointments stay in the CRM.`}
            </AlertDialog.Description>
            <form action={formAction} className="mt-4 space-y-4">
              <input type="hidden" name="bookingCalendarId" value={bookingCalendarId} />
              {state?.ok ? null : <FormMessage state={state} />}
              <div className="flex justify-end gap-2">
                <AlertDialog.Cancel asChild>
                  <Button type="button" variant="secondary">
                    Cancel
                  </Button>
                </AlertDialog.Cancel>
                <Button type="submit" disabled={pending}>
                  {pending ? "Archiving…" : "Archive calendar"}
                </Button>
              </div>
            </form>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </div>
  );
}

/** Puts an archived calendar back at its link. */
export function RestoreCalendar({ bookingCalendarId, name }: { bookingCalendarId: string; name: string }) {
  const [state, formAction, pending] = useActionState(restoreBookingCalendarAction, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="bookingCalendarId" value={bookingCalendarId} />
      <Button type="submit" variant="secondary" disabled={pending} aria-label={`Restore ${name}`}>
        {pending ? "Restoring…" : "Restore"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
