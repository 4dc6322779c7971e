/**
 * Every way a CalDAV exchange can fail, as the rest of the app needs to tell them apart:
 * AUTH means the app-specific password was rejected (revoked after an Apple ID password
 * change, typically) and must never be retried blindly — repeated failures can lock the
 * Apple ID. Transient kinds are retried with backoff by the jobs.
 */
export type CalDavErrorKind =
  | "AUTH"
  | "TIMEOUT"
  | "NETWORK"
  | "UNAVAILABLE"
  | "SERVER"
  | "MALFORMED"
  | "DISALLOWED_HOST"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "PRECONDITION"
  | "NO_CALENDARS"
  /** An answer over the byte cap (lib/caldav/http.ts): not read, never taken as "no events". */
  | "TOO_LARGE";

const TRANSIENT: ReadonlySet<CalDavErrorKind> = new Set(["TIMEOUT", "NETWORK", "UNAVAILABLE", "SERVER"]);

export class CalDavError extends Error {
  constructor(
    readonly kind: CalDavErrorKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; url?: string } = {},
  ) {
    super(message);
    this.name = "CalDavError";
  }

  get transient(): boolean {
    return TRANSIENT.has(this.kind);
  }
}

export function isCalDavError(error: unknown): error is CalDavError {
  return error instanceof CalDavError;
}

/** The longest wait a server's Retry-After can impose: a hostile or broken server must not park a calendar for days. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). The wait is clamped to
 * [0, MAX_RETRY_AFTER_MS]; anything else (negative numbers, fractions, garbage, overlong values)
 * is undefined, so the caller's own backoff applies.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value || value.length > 64) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(MAX_RETRY_AFTER_MS, Number(trimmed) * 1000);
  // Only the date forms of RFC 9110 (IMF-fixdate and the obsolete ones), never Date.parse's guesses at numbers.
  if (!/^[A-Za-z]{3,9},? /.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now));
}

/** A URL safe to show or log: no credentials, no query. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}
