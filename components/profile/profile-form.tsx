"use client";

import { useActionState } from "react";
import { saveProfileAction } from "./actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SelectField } from "@/components/ui/select-field";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";

export function ProfileForm({
  initial,
  timeZones,
}: {
  initial: { name: string; timeZone: string };
  timeZones: { value: string; label: string }[];
}) {
  const [state, formAction, pending] = useActionState(saveProfileAction, null);
  const failed = state && !state.ok ? state : undefined;
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-4" noValidate aria-label="Profile">
      <Field
        id="profile-name"
        name="name"
        label="Name"
        required
        autoComplete="name"
        defaultValue={failed?.values?.name ?? initial.name}
        errors={failed?.fieldErrors?.name}
      />
      <SelectField
        id="profile-timeZone"
        name="timeZone"
        label="Time zone"
        options={timeZones}
        defaultValue={failed?.values?.timeZone ?? initial.timeZone}
        errors={failed?.fieldErrors?.timeZone}
        hint="Your working hours are read in it; they keep their local times when it changes."
      />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}
