"use client";

import { useActionState, useState } from "react";
import { saveConfigurationAction } from "@/app/(staff)/settings/profile/calendars/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import type { ConnectionView } from "@/lib/connections/queries";

/**
 * The Calendar Configuration: the primary (linked) calendar where CRM appointments are written,
 * and the calendars whose events block availability. The primary always counts for conflicts,
 * so its box is shown ticked and locked.
 */
export function CalendarConfiguration({ userId, connections }: { userId: string; connections: ConnectionView[] }) {
  const [state, formAction, pending] = useActionState(saveConfigurationAction, null);
  const calendars = connections.flatMap((c) => c.calendars.map((cal) => ({ ...cal, appleId: c.appleId })));
  const [primaryId, setPrimaryId] = useState(calendars.find((c) => c.isPrimary)?.id ?? "");
  if (calendars.length === 0) {
    return <p className="text-sm text-slate-600">Connect an iCloud calendar first; its calendars will appear here.</p>;
  }
  return (
    <form action={formAction} className="space-y-5">
      <input type="hidden" name="userId" value={userId} />
      <div className="space-y-1.5">
        <label htmlFor={`primary-${userId}`} className="block text-sm font-medium">
          Primary calendar
        </label>
        <select
          id={`primary-${userId}`}
          name="primaryCalendarId"
          value={primaryId}
          onChange={(e) => setPrimaryId(e.target.value)}
          aria-describedby={`primary-${userId}-hint`}
          className="block w-full max-w-md rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
        >
          <option value="">None: don&apos;t write CRM appointments to iCloud</option>
          {connections.map((connection) => (
            <optgroup key={connection.id} label={connection.appleId}>
              {connection.calendars
                .filter((c) => c.canBePrimary)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.displayName}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
        <p id={`primary-${userId}-hint`} className="text-xs text-slate-500">
          The linked calendar: CRM appointments are written here. Read-only (shared) calendars can&apos;t be chosen.
        </p>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Check for conflicts</legend>
        <p className="text-xs text-slate-500">Events in the ticked calendars make you unavailable for bookings.</p>
        <ul className="space-y-1.5">
          {calendars.map((c) => {
            const locked = c.id === primaryId;
            return (
              <li key={c.id} className="flex flex-wrap items-center gap-2">
                <label className="inline-flex items-center gap-2 text-sm">
                  {/* A disabled box is not submitted; the primary always counts on the server anyway. */}
                  <input
                    type="checkbox"
                    name="conflictCalendarIds"
                    value={c.id}
                    defaultChecked={c.checkConflicts}
                    {...(locked ? { checked: true, disabled: true, readOnly: true } : {})}
                    key={locked ? `${c.id}-locked` : c.id}
                  />
                  <span aria-hidden className="inline-block h-3 w-3 rounded-full ring-1 ring-black/10" style={{ backgroundColor: c.color ?? "#94a3b8" }} />
                  {c.displayName}
                </label>
                {locked ? <span className="text-xs text-slate-500">Primary: always checked</span> : null}
                {c.readOnly ? <span className="text-xs text-slate-500">Read-only</span> : null}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
