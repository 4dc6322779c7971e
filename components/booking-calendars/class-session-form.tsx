"use client";

import { useActionState, useState } from "react";
import { deleteClassSessionAction, saveClassSessionAction } from "./actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import type { ClassSessionView, Person } from "@/lib/booking-calendars/form-values";
import { ConfirmDelete } from "./confirm-delete";

/**
 * Adds a class (without `session`) or edits one. The first date and time are local to the
 * calendar's zone; the server turns them into an instant for that zone.
 */
export function ClassSessionForm({
  bookingCalendarId,
  session,
  people,
  timeZone,
}: {
  bookingCalendarId: string;
  session?: ClassSessionView;
  people: Person[];
  timeZone: string;
}) {
  const [state, formAction, pending] = useActionState(saveClassSessionAction, null);
  const [recurrence, setRecurrence] = useState(session?.recurrence ?? "NONE");
  const errors = (state && !state.ok ? state.fieldErrors : undefined) ?? {};
  const key = session?.id ?? "new";
  const id = (name: string) => `class-${name}-${key}`;
  return (
    <div className="space-y-3">
      <form
        id={`class-${key}`}
        action={formAction}
        onSubmit={submitWithoutReset(formAction)}
        className="space-y-3"
        aria-label={session ? `Class ${session.title}` : "New class"}
      >
        <input type="hidden" name="bookingCalendarId" value={bookingCalendarId} />
        {session ? <input type="hidden" name="sessionId" value={session.id} /> : null}
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={id("title")} name="title" label="Title" required maxLength={120} defaultValue={session?.title} errors={errors.title} />
          <SelectField
            id={id("instructor")}
            name="instructorId"
            label="Instructor"
            required
            defaultValue={session?.instructorId ?? ""}
            options={[{ value: "", label: "Choose…" }, ...people.map((p) => ({ value: p.id, label: p.name }))]}
            errors={errors.instructorId}
          />
        </div>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Field id={id("date")} name="date" type="date" label="First date" required defaultValue={session?.date} errors={errors.date} />
          <Field
            id={id("time")}
            name="time"
            type="time"
            label="Start time"
            required
            defaultValue={session?.time}
            errors={errors.time}
            hint={`In ${timeZone}.`}
          />
          <Field
            id={id("duration")}
            name="durationMinutes"
            type="number"
            inputMode="numeric"
            label="Duration (minutes)"
            min={5}
            max={720}
            required
            defaultValue={session?.durationMinutes ?? 60}
            errors={errors.durationMinutes}
          />
          <Field
            id={id("capacity")}
            name="capacity"
            type="number"
            inputMode="numeric"
            label="Seats"
            min={1}
            max={1000}
            required
            defaultValue={session?.capacity ?? 10}
            errors={errors.capacity}
          />
        </div>
        <div className="flex flex-wrap items-start gap-x-6 gap-y-3">
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">Repeats</legend>
            <div className="mt-1 flex gap-4">
              {(["NONE", "WEEKLY"] as const).map((value) => (
                <label key={value} className="inline-flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="recurrence"
                    value={value}
                    checked={recurrence === value}
                    onChange={() => setRecurrence(value)}
                  />
                  {value === "NONE" ? "Once" : "Weekly"}
                </label>
              ))}
            </div>
          </fieldset>
          {recurrence === "WEEKLY" ? (
            <Field
              id={id("until")}
              name="repeatUntil"
              type="date"
              label="Repeat until"
              className="w-full sm:w-56"
              defaultValue={session?.repeatUntil}
              errors={errors.repeatUntil}
              hint="Last date, included. Empty: as far as the booking window goes."
            />
          ) : null}
        </div>
        <FormMessage state={state} />
      </form>
      {/* The dialog's own form stays outside this one: React would bubble its submit into ours. */}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" form={`class-${key}`} variant={session ? "secondary" : "primary"} disabled={pending}>
          {pending ? "Saving…" : session ? "Save class" : "Add class"}
        </Button>
        {session ? (
          <ConfirmDelete
            action={deleteClassSessionAction}
            fields={{ bookingCalendarId, sessionId: session.id }}
            trigger={`Remove ${session.title}`}
            title={`Remove “${session.title}”?`}
            description="Customers can no longer book it. A class with upcoming bookings can't be removed."
            confirm="Remove class"
          />
        ) : null}
      </div>
    </div>
  );
}
