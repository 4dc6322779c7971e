"use client";

import { useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { changeRoleAction, reactivateMemberAction } from "./actions";
import { Button } from "@/components/ui/button";
import { ActionForm } from "./action-form";
import { DeactivateMember } from "./deactivate-member";

/** Role select and deactivate / reactivate for one member (Admin > Team > member). */
export function MemberAdmin({
  member,
  isSelf,
  hasICloud,
}: {
  member: { id: string; name: string; role: "ADMIN" | "STAFF"; deactivated: boolean };
  isSelf: boolean;
  hasICloud: boolean;
}) {
  // Deactivating and reactivating swap these forms: their answer is kept here.
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="space-y-6">
      <ActionForm action={changeRoleAction} label="Role">
        {(pending) => (
          <>
            <input type="hidden" name="userId" value={member.id} />
            <div className="flex flex-wrap items-end gap-3">
              <div className="space-y-1.5">
                <label htmlFor="role" className="block text-sm font-medium text-slate-800">
                  Role
                </label>
                <select
                  id="role"
                  name="role"
                  defaultValue={member.role}
                  key={member.role}
                  className="block rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300"
                >
                  <option value="ADMIN">Admin</option>
                  <option value="STAFF">Staff</option>
                </select>
              </div>
              <Button type="submit" disabled={pending}>
                {pending ? "Saving…" : "Save role"}
              </Button>
            </div>
            <p className="mt-2 text-xs text-slate-500">
              Admins manage the team, booking calendars and the email log. A change ends {isSelf ? "your" : "their"} open sessions.
            </p>
          </>
        )}
      </ActionForm>
      {member.deactivated ? (
        <ActionForm action={reactivateMemberAction} label="Reactivate" onSuccess={setNotice} key="reactivate">
          {(pending) => (
            <>
              <input type="hidden" name="userId" value={member.id} />
              <p className="mb-3 text-sm text-slate-700">
                {member.name} is deactivated: they can&apos;t sign in and are offered in no booking calendar. Reactivating lets them sign in
                again; they reconnect iCloud themselves.
              </p>
              <Button type="submit" variant="secondary" disabled={pending}>
                {pending ? "Reactivating…" : "Reactivate"}
              </Button>
            </>
          )}
        </ActionForm>
      ) : isSelf ? (
        <p className="text-sm text-slate-600">You can&apos;t deactivate yourself; another admin can.</p>
      ) : (
        <DeactivateMember member={member} hasICloud={hasICloud} onDone={setNotice} />
      )}
      {notice ? <FormMessage state={{ ok: true, message: notice }} /> : null}
    </div>
  );
}
