"use client";

import { AlertDialog } from "radix-ui";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/auth/form-state";

/** A "Delete" button that asks first; a refusal from the server is shown inside the dialog. */
export function ConfirmDelete({
  action,
  fields,
  trigger,
  title,
  description,
  confirm,
}: {
  action: (prev: FormState, data: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  /** The trigger button's text. */
  trigger: string;
  title: string;
  description: React.ReactNode;
  /** The confirming button's text. */
  confirm: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button type="button" variant="ghost" className="text-red-700 hover:bg-red-50">
          {trigger}
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">{description}</AlertDialog.Description>
          <form action={formAction} className="mt-4 space-y-4">
            {Object.entries(fields).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            {state?.ok ? null : <FormMessage state={state} />}
            <div className="flex justify-end gap-2">
              <AlertDialog.Cancel asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </AlertDialog.Cancel>
              <Button type="submit" variant="danger" disabled={pending}>
                {pending ? "Deleting…" : confirm}
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
