"use client";

import { useActionState } from "react";
import { acceptInvitationAction } from "./accept-invitation-actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";

export function AcceptInvitationForm({
  token,
  name,
  organizationName,
  email,
}: {
  token: string;
  name: string;
  organizationName: string;
  email: string;
}) {
  const [state, formAction, pending] = useActionState(acceptInvitationAction, null);
  const failed = state && !state.ok ? state : undefined;
  const errors = failed?.fieldErrors;
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-5" noValidate>
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account being created. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <Field
        id="name"
        name="name"
        label="Name"
        required
        autoComplete="name"
        defaultValue={failed?.values?.name ?? name}
        errors={errors?.name}
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
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : `Join ${organizationName}`}
      </Button>
    </form>
  );
}
