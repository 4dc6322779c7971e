import type { Interval } from "@/lib/availability/types";
import type { Db } from "@/lib/db";

const DAY_MS = 86_400_000;
const MIN_AHEAD_DAYS = 90;

/**
 * The period a staff member's busy blocks must cover: from a day ago (a booking's buffers and
 * "today" in every zone) to the longest booking window of any iCloud-enabled calendar they
 * belong to, and never less than 90 days ahead.
 */
export async function refreshWindow(client: Db, userId: string, now: number): Promise<Interval> {
  const calendars = await client.bookingCalendar.findMany({
    where: { type: { not: "SIMPLE" }, members: { some: { userId } } },
    select: { windowRollingDays: true, windowEndDate: true },
  });
  return windowFor(calendars, now);
}

/** The same for many members in one query; `active` says whether they belong to any iCloud-enabled booking calendar. */
export async function refreshWindows(
  client: Db,
  userIds: string[],
  now: number,
): Promise<Map<string, { window: Interval; active: boolean }>> {
  const rows = await client.bookingCalendarMember.findMany({
    where: { userId: { in: userIds }, bookingCalendar: { type: { not: "SIMPLE" } } },
    select: { userId: true, bookingCalendar: { select: { windowRollingDays: true, windowEndDate: true } } },
  });
  const out = new Map<string, { window: Interval; active: boolean }>();
  for (const userId of userIds) {
    const mine = rows.filter((r) => r.userId === userId).map((r) => r.bookingCalendar);
    out.set(userId, { window: windowFor(mine, now), active: mine.length > 0 });
  }
  return out;
}

function windowFor(calendars: { windowRollingDays: number; windowEndDate: Date | null }[], now: number): Interval {
  let aheadMs = MIN_AHEAD_DAYS * DAY_MS;
  for (const c of calendars) {
    const end = c.windowEndDate ? c.windowEndDate.getTime() + 2 * DAY_MS - now : (c.windowRollingDays + 1) * DAY_MS;
    aheadMs = Math.max(aheadMs, end);
  }
  // Round to whole days so consecutive refreshes agree on the window and don't re-query its tail.
  const end = Math.ceil((now + aheadMs) / DAY_MS) * DAY_MS;
  return { start: Math.floor((now - DAY_MS) / DAY_MS) * DAY_MS, end };
}

/** Long windows are queried in chunks so no single response grows without bound. */
export function chunks(range: Interval, chunkDays = 31): Interval[] {
  const out: Interval[] = [];
  for (let start = range.start; start < range.end; start += chunkDays * DAY_MS) {
    out.push({ start, end: Math.min(range.end, start + chunkDays * DAY_MS) });
  }
  return out;
}
