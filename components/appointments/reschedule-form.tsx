"use client";

import { useActionState } from "react";
import { rescheduleAppointmentAction, rescheduleTimesAction } from "./actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { localDateLabel } from "./format";

/**
 * Reschedule in two steps: pick a date, then one of the times the booking calendar's rules leave
 * free on it (the server computes them, in the viewer's zone).
 */
export function RescheduleForm({
  appointmentId,
  initialDate,
  today,
  timeZone,
}: {
  appointmentId: string;
  initialDate: string;
  today: string;
  timeZone: string;
}) {
  const [found, findTimes, finding] = useActionState(rescheduleTimesAction, null);
  const [state, reschedule, moving] = useActionState(rescheduleAppointmentAction, null);
  const result = found && "times" in found ? found : null;
  const failed = found && !found.ok ? found : undefined;
  const busyTimes = result?.times.some((t) => !t.keepsStaff);
  return (
    <div className="space-y-4">
      <form action={findTimes} className="flex flex-wrap items-end gap-3" aria-busy={finding}>
        <input type="hidden" name="appointmentId" value={appointmentId} />
        <Field
          id="reschedule-date"
          name="date"
          type="date"
          label="New date"
          required
          min={today}
          defaultValue={result?.date ?? initialDate}
          errors={failed?.fieldErrors?.date}
        />
        <Button type="submit" variant="secondary" disabled={finding}>
          {finding ? "Finding free times…" : "Show free times"}
        </Button>
      </form>
      {failed && !failed.fieldErrors ? <FormMessage state={failed} /> : null}
      {result && result.times.length === 0 ? (
        <p role="status" className="text-sm text-slate-600">
          No free times on {localDateLabel(result.date)}. Try another date.
        </p>
      ) : null}
      {result && result.times.length > 0 ? (
        <form action={reschedule} className="space-y-4" key={`${result.date}-${result.times.length}`}>
          <input type="hidden" name="appointmentId" value={appointmentId} />
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">Free times on {localDateLabel(result.date)}</legend>
            <p className="text-xs text-slate-500">Shown in your time zone ({timeZone}).</p>
            <div className="flex flex-wrap gap-2">
              {result.times.map((t) => (
                <label
                  key={t.start}
                  className="inline-flex cursor-pointer items-center rounded-md bg-white px-3 py-1.5 text-sm font-medium tabular-nums text-slate-900 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 has-[:checked]:bg-brand-600 has-[:checked]:text-white has-[:checked]:ring-brand-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600"
                >
                  <input type="radio" name="start" value={t.start} required className="sr-only" />
                  {t.label}
                  {t.keepsStaff ? null : (
                    <>
                      <span aria-hidden>*</span>
                      <span className="sr-only"> (goes to a colleague)</span>
                    </>
                  )}
                </label>
              ))}
            </div>
            {busyTimes ? (
              <p className="text-xs text-slate-500">
                * The assigned staff member is busy then; the appointment would go to a free colleague.
              </p>
            ) : null}
          </fieldset>
          <FormMessage state={state} />
          <Button type="submit" disabled={moving}>
            {moving ? "Rescheduling…" : "Reschedule"}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
