"use client";

import { useActionState, useEffect, useRef } from "react";
import { setupAction } from "./actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import { zoneName } from "@/lib/time-format";

export function SetupForm({ timeZones, defaultTimeZone }: { timeZones: { value: string; label: string }[]; defaultTimeZone: string }) {
  const [state, formAction, pending] = useActionState(setupAction, null);
  const failed = state && !state.ok ? state : undefined;
  const errors = failed?.fieldErrors;
  const values = failed?.values;
  const zoneRef = useRef<HTMLSelectElement>(null);
  // Preselect the browser's own zone when the list has it; the server can't know it.
  useEffect(() => {
    const select = zoneRef.current;
    // Under its current name: browsers may report "Asia/Calcutta" for Asia/Kolkata.
    const browserZone = zoneName(Intl.DateTimeFormat().resolvedOptions().timeZone);
    if (select && select.value === defaultTimeZone && [...select.options].some((o) => o.value === browserZone)) select.value = browserZone;
  }, [defaultTimeZone]);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-5" noValidate>
      <Field
        id="organizationName"
        name="organizationName"
        label="Organization name"
        required
        autoComplete="organization"
        defaultValue={values?.organizationName}
        errors={errors?.organizationName}
      />
      <SelectField
        id="timeZone"
        name="timeZone"
        ref={zoneRef}
        label="Time zone"
        options={timeZones}
        defaultValue={values?.timeZone || defaultTimeZone}
        errors={errors?.timeZone}
        hint="Your working hours and new booking calendars use it; each member can change their own."
      />
      <Field id="name" name="name" label="Your name" required autoComplete="name" defaultValue={values?.name} errors={errors?.name} />
      <Field
        id="email"
        name="email"
        type="email"
        label="Email"
        required
        autoComplete="username"
        defaultValue={values?.email}
        errors={errors?.email}
      />
      <Field
        id="password"
        name="password"
        type="password"
        label="Password"
        required
        autoComplete="new-password"
        hint="At least 10 characters."
        errors={errors?.password}
      />
      <Field
        id="confirmPassword"
        name="confirmPassword"
        type="password"
        label="Confirm password"
        required
        autoComplete="new-password"
        errors={errors?.confirmPassword}
      />
      {failed?.message ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {failed.message}
        </p>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending} aria-disabled={pending}>
        {pending ? "Creating…" : "Create organization"}
      </Button>
    </form>
  );
}
