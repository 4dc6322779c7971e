"use client";

import { useActionState } from "react";
import { requestPushAction } from "./actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

/**
 * "Retry now" (pending or failed) and "Restore to iCloud" (changed or removed there): both enqueue
 * the push for one member, which makes their iCloud match the CRM again.
 */
export function PushButton({
  appointmentId,
  userId,
  memberName,
  kind,
}: {
  appointmentId: string;
  userId: string;
  memberName: string;
  kind: "retry" | "restore";
}) {
  const [state, formAction, pending] = useActionState(requestPushAction, null);
  const text = kind === "retry" ? "Retry now" : "Restore to iCloud";
  return (
    <form action={formAction} className="mt-1.5 space-y-2">
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <input type="hidden" name="userId" value={userId} />
      <Button type="submit" variant="secondary" disabled={pending} className="px-2.5 py-1 text-xs">
        {pending ? "Queuing…" : text}
        <span className="sr-only"> for {memberName}</span>
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
