// PostgreSQL reports constraint violations by SQLSTATE; through Prisma's driver adapter the
// code and constraint name end up in different places depending on the query kind, so look
// at the whole error chain.
const EXCLUSION_VIOLATION = "23P01";
const UNIQUE_VIOLATION = "23505";
const CHECK_VIOLATION = "23514";

function chain(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const e = current as { message?: string; code?: string; meta?: unknown; cause?: unknown };
    parts.push(String(e.message ?? ""), String(e.code ?? ""), JSON.stringify(e.meta ?? null));
    current = e.cause;
  }
  return parts.join(" | ");
}

export function isOverlapViolation(error: unknown): boolean {
  const text = chain(error);
  return text.includes(EXCLUSION_VIOLATION) || text.includes("StaffHold_no_overlap");
}

export function isSeatLimitViolation(error: unknown): boolean {
  const text = chain(error);
  return text.includes("ClassOccurrence_seats_within_capacity") || (text.includes(CHECK_VIOLATION) && text.includes("seats"));
}

/** A unique constraint refused the write; with a hint, only the constraint or column it names. */
export function isUniqueViolation(error: unknown, hint?: string): boolean {
  if (typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002" && hint === undefined) return true;
  const text = chain(error);
  return (text.includes(UNIQUE_VIOLATION) || text.includes("P2002")) && (hint === undefined || text.includes(hint));
}
