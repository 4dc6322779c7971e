import { unstable_rethrow } from "next/navigation";
import type { FormState } from "@/lib/auth/form-state";
import { isAppError } from "@/lib/errors";
import { logError } from "@/lib/log";

/**
 * The error boundary of a server action: expected failures (AppError) become the form's
 * message; anything else is logged without secrets and shown as a generic message.
 * Next's own control flow (redirect, notFound) passes through.
 */
export async function runAction(
  name: string,
  work: () => Promise<FormState>,
  /** What the user typed (no secrets), kept on the form after a failure. */
  values?: Record<string, string>,
): Promise<FormState> {
  try {
    return await work();
  } catch (error) {
    unstable_rethrow(error);
    if (isAppError(error)) return { ok: false, message: error.message, code: error.code, values };
    logError(`server action ${name} failed`, { error });
    return { ok: false, message: "Something went wrong on our side. Nothing was changed; try again.", values };
  }
}
