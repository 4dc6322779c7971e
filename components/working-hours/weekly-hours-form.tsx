"use client";

import { useActionState, useState } from "react";
import { saveWorkingHoursAction } from "./actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import { type TimeZoneOption, zoneName } from "@/lib/time-format";
import { weekdayName } from "@/lib/ui/format";
import { IntervalsEditor, useIntervalKeys, type ClockInterval } from "./intervals-editor";

/** Monday first, as staff read their week; weekday numbers stay JavaScript's (0 = Sunday). */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

export interface WeeklyHoursValue {
  weekday: number;
  intervals: { start: string; end: string }[];
}

/** The weekly hours editor: per weekday off, or one or more intervals; and the zone they are read in. */
export function WeeklyHoursForm({
  userId,
  weekly,
  timeZone,
  timeZones,
}: {
  userId: string;
  weekly: WeeklyHoursValue[];
  timeZone: string;
  timeZones: TimeZoneOption[];
}) {
  const [state, formAction, pending] = useActionState(saveWorkingHoursAction, null);
  const newKey = useIntervalKeys(1000);
  const [days, setDays] = useState<Record<number, ClockInterval[]>>(() =>
    Object.fromEntries(weekly.map((d) => [d.weekday, d.intervals.map((i, n) => ({ key: d.weekday * 100 + n, ...i }))])),
  );
  const errors = (state && !state.ok ? state.fieldErrors : undefined) ?? {};
  const setDay = (weekday: number, intervals: ClockInterval[]) => setDays((all) => ({ ...all, [weekday]: intervals }));
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-5" aria-busy={pending} aria-label="Weekly hours">
      <input type="hidden" name="userId" value={userId} />
      <SelectField
        id={`timeZone-${userId}`}
        name="timeZone"
        label="Time zone"
        className="max-w-md"
        defaultValue={zoneName(timeZone)}
        options={timeZones}
        errors={errors.timeZone}
        hint="Your hours are read in this zone. Changing it keeps the same local times."
      />
      <ul className="divide-y divide-slate-200 rounded-md ring-1 ring-slate-200">
        {WEEK.map((weekday) => {
          const name = weekdayName(weekday);
          const intervals = days[weekday] ?? [];
          const working = intervals.length > 0;
          const error = errors[`day-${weekday}`];
          const errorId = `day-${weekday}-${userId}-error`;
          return (
            <li key={weekday} className="grid gap-2 px-2 py-3 sm:grid-cols-[9rem_1fr] sm:items-start sm:px-3">
              <label className="inline-flex items-center gap-2 pt-1 text-sm font-medium">
                <input
                  type="checkbox"
                  checked={working}
                  onChange={(e) => setDay(weekday, e.target.checked ? [{ key: newKey(), start: "09:00", end: "17:00" }] : [])}
                />
                {name}
              </label>
              <div className="space-y-1">
                {working ? (
                  <IntervalsEditor
                    label={name}
                    suffix={`-${weekday}`}
                    intervals={intervals}
                    onChange={(next) => setDay(weekday, next)}
                    newKey={newKey}
                    invalid={Boolean(error?.length)}
                    describedBy={error?.length ? errorId : undefined}
                  />
                ) : (
                  <p className="pt-1 text-sm text-slate-500">Off</p>
                )}
                {error?.length ? (
                  <p id={errorId} className="text-sm text-red-700">
                    {error.join(" ")}
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      <p className="text-xs text-slate-500">An end at midnight (00:00, or 12:00 AM) means the end of the day.</p>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Update hours"}
      </Button>
    </form>
  );
}
