"use client";

import { useActionState, useState } from "react";
import { saveConfigurationAction } from "./actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import type { FormState } from "@/lib/auth/form-state";
import type { ConnectionView } from "@/lib/connections/queries";

type Calendar = ConnectionView["calendars"][number];

/**
 * The Calendar Configuration: the primary (linked) calendar where CRM appointments are written,
 * and the calendars whose events block availability. The primary always counts for conflicts,
 * so its box is shown ticked and locked.
 *
 * The form always shows what is stored: it is fully controlled, it is keyed by the stored
 * configuration so that the server's answer after a save replaces any local state, and it is
 * sent without React's automatic form reset (which would put the controls back to the values
 * of their first render and make a second Save write those stale values).
 */
export function CalendarConfiguration({ userId, connections }: { userId: string; connections: ConnectionView[] }) {
  const [state, formAction, pending] = useActionState(saveConfigurationAction, null);
  const calendars = connections.flatMap((c) => c.calendars);
  if (calendars.length === 0) {
    return <p className="text-sm text-slate-600">Connect an iCloud calendar first; its calendars will appear here.</p>;
  }
  const stored = calendars.map((c) => `${c.id}:${c.isPrimary ? "p" : ""}${c.checkConflicts ? "c" : ""}`).join(",");
  return (
    <ConfigurationForm
      key={stored}
      userId={userId}
      connections={connections}
      calendars={calendars}
      state={state}
      formAction={formAction}
      pending={pending}
    />
  );
}

function ConfigurationForm({
  userId,
  connections,
  calendars,
  state,
  formAction,
  pending,
}: {
  userId: string;
  connections: ConnectionView[];
  calendars: Calendar[];
  state: FormState;
  formAction: (data: FormData) => void;
  pending: boolean;
}) {
  const [primaryId, setPrimaryId] = useState(calendars.find((c) => c.isPrimary)?.id ?? "");
  const [conflicts, setConflicts] = useState(() => new Set(calendars.filter((c) => c.checkConflicts).map((c) => c.id)));
  const toggle = (id: string, on: boolean) =>
    setConflicts((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-5">
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
                  {/* A disabled box is not submitted; the server counts the primary anyway. */}
                  <input
                    type="checkbox"
                    name="conflictCalendarIds"
                    value={c.id}
                    checked={locked || conflicts.has(c.id)}
                    disabled={locked}
                    onChange={(e) => toggle(c.id, e.target.checked)}
                  />
                  <span
                    aria-hidden
                    className="inline-block h-3 w-3 rounded-full ring-1 ring-black/10"
                    style={{ backgroundColor: c.color ?? "#94a3b8" }}
                  />
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
