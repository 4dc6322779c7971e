"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/ui/form-message";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import type { FormState } from "@/lib/auth/form-state";

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** A small form posting to one server action, with its answer announced below it. */
export function ActionForm({
  action,
  children,
  className,
  label,
}: {
  action: Action;
  children: (pending: boolean) => React.ReactNode;
  className?: string;
  /** The form's accessible name, when a page has several alike. */
  label?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className={className} aria-label={label}>
      {children(pending)}
      <FormMessage state={state} className="mt-3" />
    </form>
  );
}
