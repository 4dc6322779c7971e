import { AppError, type AppErrorCode } from "@/lib/errors";

/** An expected failure that belongs to one form field (shown next to it, not only at the top). */
export class FieldError extends AppError {
  constructor(
    code: AppErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(code, message);
  }
}

export function isFieldError(error: unknown): error is FieldError {
  return error instanceof FieldError;
}

export const SLUG_TAKEN = "That link is already used by another calendar.";

export const slugArchived = (name: string) => `That link belongs to the archived calendar “${name}”. Restore it, or choose another link.`;

/** A slug taken between our check and the write (lib/db-errors.ts reads PostgreSQL's errors). */
export { isUniqueViolation } from "@/lib/db-errors";
