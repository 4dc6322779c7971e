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
  | "NO_CALENDARS";

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

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
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
