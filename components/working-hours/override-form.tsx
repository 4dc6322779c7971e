"use client";

import { useActionState, useState } from "react";
import { setOverrideAction } from "./actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import { IntervalsEditor, useIntervalKeys, type ClockInterval } from "./intervals-editor";

/** Adds a date with a day off or different hours; an existing entry for that date is replaced. */
export function OverrideForm({ userId, today }: { userId: string; today: string }) {
  const [state, formAction, pending] = useActionState(setOverrideAction, null);
  const [kind, setKind] = useState<"off" | "hours">("off");
  const newKey = useIntervalKeys(1);
  const [intervals, setIntervals] = useState<ClockInterval[]>([{ key: 0, start: "09:00", end: "17:00" }]);
  const errors = (state && !state.ok ? state.fieldErrors : undefined) ?? {};
  const errorId = `override-${userId}-intervals-error`;
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-4" aria-label="Add a date" aria-busy={pending}>
      <input type="hidden" name="userId" value={userId} />
      <div className="flex flex-wrap items-end gap-x-6 gap-y-4">
        <Field
          id={`override-date-${userId}`}
          name="date"
          type="date"
          label="Date"
          min={today}
          required
          errors={errors.date}
          className="w-48"
        />
        <fieldset>
          <legend className="sr-only">What changes on that date</legend>
          <div className="flex flex-wrap gap-4 pb-2">
            {(["off", "hours"] as const).map((value) => (
              <label key={value} className="inline-flex items-center gap-2 text-sm">
                <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} />
                {value === "off" ? "Day off" : "Different hours"}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {kind === "hours" ? (
        <div className="space-y-1">
          <IntervalsEditor
            label="Hours on that date"
            suffix=""
            intervals={intervals}
            onChange={(next) => setIntervals(next.length ? next : [{ key: newKey(), start: "09:00", end: "17:00" }])}
            newKey={newKey}
            invalid={Boolean(errors.intervals?.length)}
            describedBy={errors.intervals?.length ? errorId : undefined}
          />
          {errors.intervals?.length ? (
            <p id={errorId} className="text-sm text-red-700">
              {errors.intervals.join(" ")}
            </p>
          ) : null}
        </div>
      ) : null}
      <FormMessage state={state} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Add date"}
      </Button>
    </form>
  );
}
