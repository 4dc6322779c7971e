import { isCalDavError, MAX_RETRY_AFTER_MS } from "@/lib/caldav/errors";
import { db } from "@/lib/db";
import { logError } from "@/lib/log";

const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 30 * 60_000;

/**
 * Records a failed refresh and when to try again: Retry-After when the server gave one,
 * otherwise exponential backoff with jitter. The calendar's busy blocks are left as they were.
 */
export async function recordRefreshFailure(calendarId: string, previousFailures: number, error: unknown, now: number): Promise<string> {
  const failures = previousFailures + 1;
  const backoff = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (failures - 1));
  const given = isCalDavError(error) ? error.details.retryAfterMs : undefined;
  const retryAfter = given === undefined || !Number.isFinite(given) ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, given));
  const delay = retryAfter ?? backoff * (0.8 + Math.random() * 0.4);
  const message = isCalDavError(error) ? error.message : "Unexpected error while reading the calendar.";
  if (!isCalDavError(error)) logError("calendar refresh failed", { calendarId, error });
  await db.externalCalendar.update({
    where: { id: calendarId },
    data: { refreshFailures: failures, lastRefreshError: message, nextRefreshAt: new Date(now + delay) },
  });
  return message;
}
