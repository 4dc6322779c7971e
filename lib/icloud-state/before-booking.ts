import { db } from "@/lib/db";

const FRESH_ENOUGH_MS = 2 * 60_000;
const PER_CALENDAR_TIMEOUT_MS = 2_500;
const MAX_CALENDARS = 6;

/** Reads one calendar's busy time now (the sync layer's refresh), within these bounds. */
export type BusyTimeRefresher = (calendarId: string, bounds: { timeoutMs: number; lockWaitMs: number }) => Promise<unknown>;

// On globalThis: Next compiles instrumentation and each route into separate module graphs of one
// process, so a module variable set at startup would not be seen by the routes.
const KEY = Symbol.for("crm-calendar.busy-time-refresher");
type Holder = { [KEY]?: BusyTimeRefresher };

/**
 * Booking sits below the sync layer and must not import it; the sync layer hands its refresh in
 * here when it loads (lib/sync/refresh/refresh-calendar.ts), which every process that books does
 * at startup (instrumentation.ts, the worker, the test setup).
 */
export function provideBusyTimeRefresher(refresher: BusyTimeRefresher): void {
  (globalThis as Holder)[KEY] = refresher;
}

function refresher(): BusyTimeRefresher {
  const refresh = (globalThis as Holder)[KEY];
  if (!refresh) throw new Error("No busy-time refresher was provided: import lib/sync/refresh/refresh-calendar.ts when the process starts.");
  return refresh;
}

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
      AND: [{ OR: [{ lastRefreshedAt: null }, { lastRefreshedAt: { lt: new Date(now - FRESH_ENOUGH_MS) } }] }, { OR: [{ nextRefreshAt: null }, { nextRefreshAt: { lte: new Date(now) } }] }],
    },
    select: { id: true },
    take: MAX_CALENDARS,
  });
  if (stale.length === 0) return;
  const refresh = refresher();
  await Promise.race([
    // A refresh already running for a calendar (cron, Sync now) is waited for under its lock, but
    // not past this check's own bound: then the running one's result and the freshness rule decide.
    Promise.allSettled(stale.map((c) => refresh(c.id, { timeoutMs: PER_CALENDAR_TIMEOUT_MS, lockWaitMs: PER_CALENDAR_TIMEOUT_MS * 2 }))),
    new Promise((resolve) => setTimeout(resolve, PER_CALENDAR_TIMEOUT_MS * 2)),
  ]);
}
