import { provideBusyTimeRefresh } from "@/lib/booking/busy-time-refresh";
import { calDavSettings } from "@/lib/connections/config";
import { db } from "@/lib/db";
import { refreshCalendar } from "./refresh-calendar";

const FRESH_ENOUGH_MS = 2 * 60_000;
const PER_CALENDAR_TIMEOUT_MS = 2_500;
const MAX_CALENDARS = 6;

/**
 * Just before a booking is confirmed: if a candidate's busy time is older than two minutes,
 * a quick, bounded check (one ctag or sync-token request when nothing changed) refreshes it,
 * so an event added in iCloud a minute ago still blocks. It never waits long and never fails
 * the booking: if iCloud is slow, the usual freshness rule decides.
 */
export async function refreshStaleBusyTime(staffIds: string[], now = Date.now()): Promise<void> {
  if (staffIds.length === 0) return;
  const stale = await db.externalCalendar.findMany({
    where: {
      userId: { in: staffIds },
      missingSince: null,
      OR: [{ checkConflicts: true }, { isPrimary: true }],
      connection: { status: "ACTIVE" },
      AND: [
        { OR: [{ lastRefreshedAt: null }, { lastRefreshedAt: { lt: new Date(now - FRESH_ENOUGH_MS) } }] },
        { OR: [{ nextRefreshAt: null }, { nextRefreshAt: { lte: new Date(now) } }] },
      ],
    },
    select: { id: true },
    take: MAX_CALENDARS,
  });
  if (stale.length === 0) return;
  const settings = { ...calDavSettings(), timeoutMs: PER_CALENDAR_TIMEOUT_MS };
  await Promise.race([
    // A refresh already running for a calendar (cron, Sync now) is waited for under its lock, but
    // not past this check's own bound: then the running one's result and the freshness rule decide.
    Promise.allSettled(stale.map((c) => refreshCalendar({ calendarId: c.id, settings, lockWaitMs: PER_CALENDAR_TIMEOUT_MS * 2 }))),
    new Promise((resolve) => setTimeout(resolve, PER_CALENDAR_TIMEOUT_MS * 2)),
  ]);
}

/** Booking calls refreshStaleBusyTime through lib/booking/busy-time-refresh.ts; each process that books provides it at start. */
export function provideBusyTimeRefreshFromICloud(): void {
  provideBusyTimeRefresh(refreshStaleBusyTime);
}
