const BASE_MS = 2_000;
const MAX_MS = 10 * 60_000;

/** Exponential backoff with full jitter, capped at ten minutes. */
export function pushBackoffMs(attempt: number, random = Math.random): number {
  return Math.round(random() * Math.min(MAX_MS, BASE_MS * 2 ** Math.min(attempt, 20)));
}
