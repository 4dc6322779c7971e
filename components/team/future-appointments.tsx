"use client";

import { useState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { cancelMemberAppointmentAction, reassignAppointmentAction } from "./actions";
import { Button } from "@/components/ui/button";
import { formatDateTimeInZone } from "@/lib/time-format";
import { ActionForm } from "./action-form";

export interface FutureAppointmentView {
  id: string;
  start: number;
  customerName: string;
  what: string;
  calendarName: string;
  isClass: boolean;
  freeMembers: { id: string; name: string }[];
}

/** A deactivated member's future appointments: reassign each to a free colleague, or cancel it. */
export function FutureAppointments({
  fromUserId,
  appointments,
  timeZone,
}: {
  fromUserId: string;
  appointments: FutureAppointmentView[];
  timeZone: string;
}) {
  // A done row leaves the list: its answer is shown above it instead.
  const [notice, setNotice] = useState<string | null>(null);
  const done = notice ? <FormMessage state={{ ok: true, message: notice }} className="mb-3" /> : null;
  if (appointments.length === 0) {
    return (
      <>
        {done}
        <p className="text-sm text-slate-600">No future appointments.</p>
      </>
    );
  }
  return (
    <>
      {done}
      <ul className="divide-y divide-slate-100">
        {appointments.map((a) => (
          <li key={a.id} className="py-4" aria-label={`${a.customerName}, ${formatDateTimeInZone(new Date(a.start), timeZone)}`}>
            <p className="text-sm font-medium text-slate-900">
              {formatDateTimeInZone(new Date(a.start), timeZone)} · {a.customerName}
            </p>
            <p className="mb-3 text-xs text-slate-500">{a.what === a.calendarName ? a.what : `${a.what} · ${a.calendarName}`}</p>
            <div className="flex flex-wrap items-start gap-4">
              {a.isClass ? (
                <p className="text-sm text-slate-600">A class seat: change the class&apos;s instructor, or cancel the seat.</p>
              ) : a.freeMembers.length === 0 ? (
                <p className="text-sm text-slate-600">Nobody else on this calendar is free then.</p>
              ) : (
                <ActionForm action={reassignAppointmentAction} label={`Reassign ${a.customerName}`} onSuccess={setNotice}>
                  {(pending) => (
                    <div className="flex flex-wrap items-end gap-2">
                      <input type="hidden" name="appointmentId" value={a.id} />
                      <input type="hidden" name="fromUserId" value={fromUserId} />
                      <div className="space-y-1">
                        <label htmlFor={`to-${a.id}`} className="block text-xs font-medium text-slate-700">
                          Reassign to
                        </label>
                        <select
                          id={`to-${a.id}`}
                          name="toUserId"
                          className="block rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300"
                        >
                          {a.freeMembers.map((m) => (
                            <option key={m.id} value={m.id}>
                              {m.name}
                            </option>
                          ))}
                        </select>
                      </div>
                      <Button type="submit" disabled={pending}>
                        {pending ? "Reassigning…" : "Reassign"}
                      </Button>
                    </div>
                  )}
                </ActionForm>
              )}
              <ActionForm action={cancelMemberAppointmentAction} label={`Cancel ${a.customerName}`} onSuccess={setNotice}>
                {(pending) => (
                  <div className="flex items-end">
                    <input type="hidden" name="appointmentId" value={a.id} />
                    <input type="hidden" name="fromUserId" value={fromUserId} />
                    <Button type="submit" variant="secondary" disabled={pending} className="sm:mt-5">
                      {pending ? "Cancelling…" : "Cancel appointment"}
                    </Button>
                  </div>
                )}
              </ActionForm>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
