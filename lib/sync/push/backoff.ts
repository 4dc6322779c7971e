import { MAX_RETRY_AFTER_MS } from "@/lib/caldav/errors";

const BASE_MS = 2_000;
const MAX_MS = 10 * 60_000;

/** Exponential backoff with full jitter, capped at ten minutes. */
export function pushBackoffMs(attempt: number, random = Math.random): number {
  return Math.round(random() * Math.min(MAX_MS, BASE_MS * 2 ** Math.min(attempt, 20)));
}

/** A server's Retry-After as the push's wait: at most an hour (MAX_RETRY_AFTER_MS), never negative, never NaN. */
export function clampRetryAfterMs(ms: number): number {
  return Number.isFinite(ms) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms))) : MAX_RETRY_AFTER_MS;
}
