import { z } from "zod";
import { canonicalTimeZone } from "@/lib/time-zones";

// Zod building blocks for form input. Values arrive as strings from FormData (or as numbers from
// tests and other callers); an empty field is "not set", never 0.

function toNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : Number(trimmed);
}

/** A required whole number within [min, max]. */
export function wholeNumber(min: number, max: number) {
  const range = `Enter a whole number from ${min} to ${max}.`;
  return z.preprocess(toNumber, z.number({ error: range }).int(range).min(min, range).max(max, range));
}

/** A whole number within [min, max], or null when left empty. */
export function optionalWholeNumber(min: number, max: number, emptyMeans = "empty") {
  const range = `Enter a whole number from ${min} to ${max}, or leave it ${emptyMeans}.`;
  return z.preprocess(
    (value) => (value == null ? null : (toNumber(value) ?? null)),
    z.number({ error: range }).int(range).min(min, range).max(max, range).nullable(),
  );
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date "YYYY-MM-DD" (as <input type="date"> sends it); 2026-02-30 is refused. */
export function isCalendarDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const localDate = z.string().trim().refine(isCalendarDate, "Enter a date.");

export const optionalLocalDate = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? null : (value ?? null)),
  localDate.nullable(),
);

/** "HH:MM" on a 24-hour clock. */
export const localTime = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time as HH:MM.");

export const timeZone = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const canonical = canonicalTimeZone(value);
    if (!canonical) {
      ctx.addIssue({ code: "custom", message: "Choose a time zone from the list (an IANA name such as Europe/Berlin)." });
      return z.NEVER;
    }
    return canonical;
  });

export const id = z.string().trim().min(1).max(64);

/** A @db.Date value from "YYYY-MM-DD": midnight UTC, which PostgreSQL stores as that date. */
export function dateColumn(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

export function dateColumnToString(value: Date): string {
  return value.toISOString().slice(0, 10);
}
