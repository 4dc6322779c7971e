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

/** PostgreSQL's unique violation as Prisma reports it: a slug taken between our check and the write. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
