"use client";

import { useActionState } from "react";
import { forgotPasswordAction } from "./forgot-password-actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

export function ForgotPasswordForm() {
  const [state, formAction, pending] = useActionState(forgotPasswordAction, null);
  const failed = state && !state.ok ? state : undefined;
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <Field
        id="email"
        name="email"
        type="email"
        label="Email"
        required
        autoComplete="username"
        defaultValue={failed?.values?.email}
        errors={failed?.fieldErrors?.email}
      />
      <FormMessage state={state} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
