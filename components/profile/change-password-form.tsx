"use client";

import { useActionState } from "react";
import { changePasswordAction } from "./actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

export function ChangePasswordForm({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState(changePasswordAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate aria-label="Change password">
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <Field
        id="currentPassword"
        name="currentPassword"
        type="password"
        label="Current password"
        required
        autoComplete="current-password"
        errors={errors?.currentPassword}
      />
      <Field
        id="newPassword"
        name="password"
        type="password"
        label="New password"
        required
        autoComplete="new-password"
        hint="At least 10 characters."
        errors={errors?.password}
      />
      <Field
        id="confirmNewPassword"
        name="confirmPassword"
        type="password"
        label="Confirm new password"
        required
        autoComplete="new-password"
        errors={errors?.confirmPassword}
      />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
