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
  onSuccess,
}: {
  action: Action;
  children: (pending: boolean) => React.ReactNode;
  className?: string;
  /** The form's accessible name, when a page has several alike. */
  label?: string;
  /** Told of a success, for a form that disappears with it (a reassigned appointment's row). */
  onSuccess?: (message: string) => void;
}) {
  // Told as the answer arrives: the same response may remove this form (its row is done).
  const [state, formAction, pending] = useActionState(async (prev: FormState, formData: FormData) => {
    const result = await action(prev, formData);
    if (result?.ok && result.message) onSuccess?.(result.message);
    return result;
  }, null);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className={className} aria-label={label}>
      {children(pending)}
      <FormMessage state={state} className="mt-3" />
    </form>
  );
}
