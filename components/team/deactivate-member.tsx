"use client";

import { AlertDialog } from "radix-ui";
import { useActionState, useState } from "react";
import { deactivateMemberAction } from "./actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/auth/form-state";

/** "Deactivate" asks first (with the iCloud choice); the answer stays on the page afterwards. */
export function DeactivateMember({
  member,
  hasICloud,
  onDone,
}: {
  member: { id: string; name: string };
  hasICloud: boolean;
  onDone: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState(async (prev: FormState, formData: FormData) => {
    const result = await deactivateMemberAction(prev, formData);
    if (result?.ok) {
      setOpen(false);
      // This form goes once the member is deactivated: the page above it shows the answer.
      if (result.message) onDone(result.message);
    }
    return result;
  }, null);
  return (
    <div>
      <p className="mb-3 text-sm text-slate-700">
        Deactivating signs {member.name} out at once, stops them signing in, stops offering them in any booking calendar and deletes their
        iCloud credentials. Their appointments are kept: you reassign or cancel the future ones next.
      </p>
      <AlertDialog.Root open={open} onOpenChange={setOpen}>
        <AlertDialog.Trigger asChild>
          <Button type="button" variant="danger">
            Deactivate
          </Button>
        </AlertDialog.Trigger>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="fixed inset-0 bg-slate-900/40" />
          <AlertDialog.Content className="fixed top-1/2 left-1/2 w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
            <AlertDialog.Title className="text-lg font-semibold">{`Deactivate ${member.name}?`}</AlertDialog.Title>
            <AlertDialog.Description className="mt-2 text-sm text-slate-600">
              They are signed out on their next click and can&apos;t sign in until an admin reactivates them.
            </AlertDialog.Description>
            <form action={formAction} className="mt-4 space-y-4">
              <input type="hidden" name="userId" value={member.id} />
              {hasICloud ? (
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="removeEvents" />
                  Also remove the CRM&apos;s events from their iCloud calendar
                </label>
              ) : null}
              {state?.ok ? null : <FormMessage state={state} />}
              <div className="flex justify-end gap-2">
                <AlertDialog.Cancel asChild>
                  <Button type="button" variant="secondary">
                    Cancel
                  </Button>
                </AlertDialog.Cancel>
                <Button type="submit" variant="danger" disabled={pending}>
                  {pending ? "Deactivating…" : "Deactivate"}
                </Button>
              </div>
            </form>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </div>
  );
}
