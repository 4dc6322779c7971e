"use client";

import { useActionState } from "react";
import { resendInvitationAction, revokeInvitationAction } from "./actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import { formatDateTimeInZone } from "@/lib/time-format";
import { CopyLink } from "./copy-link";

export interface PendingInvitationView {
  id: string;
  name: string;
  email: string;
  role: "ADMIN" | "STAFF";
  expiresAt: number;
  expired: boolean;
}

export function PendingInvitations({ invitations, timeZone }: { invitations: PendingInvitationView[]; timeZone: string }) {
  if (invitations.length === 0) return <p className="text-sm text-slate-600">No pending invitations.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {invitations.map((i) => (
        <Invitation key={i.id} invitation={i} timeZone={timeZone} />
      ))}
    </ul>
  );
}

function Invitation({ invitation: i, timeZone }: { invitation: PendingInvitationView; timeZone: string }) {
  const [resent, resend, resending] = useActionState(resendInvitationAction, null);
  const [revoked, revoke, revoking] = useActionState(revokeInvitationAction, null);
  return (
    <li className="py-3" aria-label={`Invitation for ${i.name}`}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-medium text-slate-900">
            {i.name} <span className="font-normal text-slate-500">· {i.email}</span>
          </p>
          <p className="text-xs text-slate-500">
            {i.role === "ADMIN" ? "Admin" : "Staff"} · {i.expired ? "Expired" : "Expires"}{" "}
            {formatDateTimeInZone(new Date(i.expiresAt), timeZone)}
          </p>
        </div>
        <div className="flex gap-2">
          <form action={resend} onSubmit={submitWithoutReset(resend)}>
            <input type="hidden" name="invitationId" value={i.id} />
            <Button type="submit" variant="secondary" disabled={resending}>
              {resending ? "Sending…" : "Resend"}
            </Button>
          </form>
          <form action={revoke} onSubmit={submitWithoutReset(revoke)}>
            <input type="hidden" name="invitationId" value={i.id} />
            <Button type="submit" variant="ghost" disabled={revoking}>
              {revoking ? "Revoking…" : "Revoke"}
            </Button>
          </form>
        </div>
      </div>
      <FormMessage state={resent} className="mt-2" />
      <FormMessage state={revoked} className="mt-2" />
      {resent?.ok && resent.data?.url ? <CopyLink url={resent.data.url} label={`New invitation link for ${i.name}`} /> : null}
    </li>
  );
}
