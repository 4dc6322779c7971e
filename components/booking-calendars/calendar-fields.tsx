"use client";

import { useState } from "react";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import type { CalendarFormValues } from "@/lib/booking-calendars/form-values";
import { suggestSlug } from "@/lib/booking-calendars/slug";
import { type TimeZoneOption, zoneName } from "@/lib/time-format";

type Errors = Record<string, string[] | undefined>;

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold text-slate-900">{title}</legend>
      {description ? <p className="-mt-2 text-sm text-slate-600">{description}</p> : null}
      {children}
    </fieldset>
  );
}

const grid = "grid gap-4 sm:grid-cols-2 lg:grid-cols-3";

/**
 * While creating, the link follows the name ("Intro call" → intro-call) until the admin edits
 * the link field themselves; when editing, it never changes by itself (shared links would break).
 */
function NameAndLink({ values, errors, suggest }: { values: CalendarFormValues; errors: Errors; suggest: boolean }) {
  const [name, setName] = useState(values.name);
  const [slug, setSlug] = useState(values.slug);
  const [slugEdited, setSlugEdited] = useState(!suggest || values.slug !== "");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field
        id="name"
        name="name"
        label="Name"
        required
        maxLength={120}
        value={name}
        onChange={(event) => {
          setName(event.target.value);
          if (!slugEdited) setSlug(suggestSlug(event.target.value));
        }}
        errors={errors.name}
      />
      <Field
        id="slug"
        name="slug"
        label="Link"
        required
        minLength={3}
        maxLength={60}
        placeholder="e.g. consultation"
        value={slug}
        onChange={(event) => {
          setSlug(event.target.value);
          // Emptying the field hands it back to the suggestion.
          setSlugEdited(event.target.value !== "");
          if (event.target.value === "") setSlug(suggestSlug(name));
        }}
        errors={errors.slug}
        hint={
          <>
            Customers book at /book/&lt;link&gt;. Lowercase letters, digits and hyphens.
            {suggest ? " Suggested from the name until you change it." : " Changing it breaks links already shared."}
          </>
        }
      />
    </div>
  );
}

export function BasicsFields({
  values,
  errors,
  timeZones,
  suggestSlug: suggest = false,
}: {
  values: CalendarFormValues;
  errors: Errors;
  timeZones: TimeZoneOption[];
  suggestSlug?: boolean;
}) {
  return (
    <Section title="Basics">
      <NameAndLink values={values} errors={errors} suggest={suggest} />
      <div className="space-y-1.5">
        <label htmlFor="description" className="block text-sm font-medium text-slate-800">
          Description <span className="font-normal text-slate-500">(optional, shown to customers)</span>
        </label>
        <textarea
          id="description"
          name="description"
          rows={3}
          maxLength={2000}
          defaultValue={values.description}
          aria-invalid={errors.description?.length ? true : undefined}
          aria-describedby={errors.description?.length ? "description-error" : undefined}
          className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 aria-[invalid]:ring-red-500"
        />
        {errors.description?.length ? (
          <p id="description-error" className="text-sm text-red-700">
            {errors.description.join(" ")}
          </p>
        ) : null}
      </div>
      <SelectField
        id="timeZone"
        name="timeZone"
        label="Time zone"
        className="max-w-md"
        defaultValue={zoneName(values.timeZone)}
        options={timeZones}
        errors={errors.timeZone}
        hint="The slot grid, daily limits, fixed dates and class times are read in this zone."
      />
    </Section>
  );
}

/** Length, grid and buffers. Classes set their own times, so a class calendar only has buffers. */
export function TimingFields({ type, values, errors }: { type: string; values: CalendarFormValues; errors: Errors }) {
  const classes = type === "CLASS";
  return (
    <Section title="Timing">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {classes ? (
          <>
            <input type="hidden" name="durationMinutes" value={values.durationMinutes} />
            <input type="hidden" name="slotIntervalMinutes" value={values.slotIntervalMinutes} />
          </>
        ) : (
          <>
            <Field
              id="durationMinutes"
              name="durationMinutes"
              type="number"
              inputMode="numeric"
              label={type === "SERVICE" ? "Default duration (minutes)" : "Duration (minutes)"}
              min={5}
              max={720}
              required
              defaultValue={values.durationMinutes}
              errors={errors.durationMinutes}
              hint={type === "SERVICE" ? "Each service has its own length; this one is the fallback." : "5 to 720."}
            />
            <Field
              id="slotIntervalMinutes"
              name="slotIntervalMinutes"
              type="number"
              inputMode="numeric"
              label="Slot interval (minutes)"
              min={5}
              max={720}
              defaultValue={values.slotIntervalMinutes}
              errors={errors.slotIntervalMinutes}
              hint="How often a slot starts. Empty: every duration."
            />
          </>
        )}
        <Field
          id="bufferBeforeMinutes"
          name="bufferBeforeMinutes"
          type="number"
          inputMode="numeric"
          label="Buffer before (minutes)"
          min={0}
          max={240}
          required
          defaultValue={values.bufferBeforeMinutes}
          errors={errors.bufferBeforeMinutes}
          hint="Free time kept before each booking, 0 to 240."
        />
        <Field
          id="bufferAfterMinutes"
          name="bufferAfterMinutes"
          type="number"
          inputMode="numeric"
          label="Buffer after (minutes)"
          min={0}
          max={240}
          required
          defaultValue={values.bufferAfterMinutes}
          errors={errors.bufferAfterMinutes}
          hint="Free time kept after each booking, 0 to 240."
        />
      </div>
    </Section>
  );
}

export function WindowFields({ values, errors }: { values: CalendarFormValues; errors: Errors }) {
  return (
    <Section title="When customers can book">
      <div className={grid}>
        <Field
          id="minimumNoticeMinutes"
          name="minimumNoticeMinutes"
          type="number"
          inputMode="numeric"
          label="Minimum notice (minutes)"
          min={0}
          max={43200}
          required
          defaultValue={values.minimumNoticeMinutes}
          errors={errors.minimumNoticeMinutes}
          hint="0 to 43,200 (30 days)."
        />
        <Field
          id="windowRollingDays"
          name="windowRollingDays"
          type="number"
          inputMode="numeric"
          label="Booking window (days ahead)"
          min={1}
          max={730}
          required
          defaultValue={values.windowRollingDays}
          errors={errors.windowRollingDays}
          hint="1 to 730. Ignored when fixed dates are set."
        />
      </div>
      <div className={grid}>
        <Field
          id="windowStartDate"
          name="windowStartDate"
          type="date"
          label="Fixed range: first day"
          defaultValue={values.windowStartDate}
          errors={errors.windowStartDate}
          hint="Optional. Set both dates, or neither."
        />
        <Field
          id="windowEndDate"
          name="windowEndDate"
          type="date"
          label="Fixed range: last day"
          defaultValue={values.windowEndDate}
          errors={errors.windowEndDate}
        />
      </div>
      <div className={grid}>
        <Field
          id="maxPerDayPerStaff"
          name="maxPerDayPerStaff"
          type="number"
          inputMode="numeric"
          label="Daily limit per staff member"
          min={1}
          max={1000}
          defaultValue={values.maxPerDayPerStaff}
          errors={errors.maxPerDayPerStaff}
          hint="Empty: no limit."
        />
        <Field
          id="maxPerDayTotal"
          name="maxPerDayTotal"
          type="number"
          inputMode="numeric"
          label="Daily limit for the calendar"
          min={1}
          max={1000}
          defaultValue={values.maxPerDayTotal}
          errors={errors.maxPerDayTotal}
          hint="Empty: no limit."
        />
      </div>
      <div className={grid}>
        <SelectField
          id="reminderMinutes"
          name="reminderMinutes"
          label="Reminder"
          options={[
            { value: "off", label: "Off" },
            { value: "60", label: "1 hour before" },
            { value: "1440", label: "24 hours before" },
          ]}
          defaultValue={values.reminderMinutes}
          errors={errors.reminderMinutes}
          hint="The email customers get before their appointment. None is sent for a booking made closer to the start than this."
        />
      </div>
    </Section>
  );
}
