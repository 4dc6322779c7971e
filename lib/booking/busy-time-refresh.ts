/**
 * Just before a booking or a move is confirmed, busy time older than a couple of minutes is read
 * again from iCloud (see lib/sync/refresh/before-booking.ts). Reading iCloud is the sync layer's
 * work, and sync sits above booking (it pushes appointments and applies two-way edits), so booking
 * does not import it: each process that books provides the refresh once at start (the Next server
 * in instrumentation.ts, the job worker in startWorker, the test setup), and booking calls it here.
 *
 * Kept on globalThis, not in this module: Next may bundle this file into more than one chunk, and
 * the tests reload modules; every copy must see the one refresh the process provided.
 */
export type BusyTimeRefresh = (staffIds: string[], now: number) => Promise<void>;

const SLOT = Symbol.for("crm-calendar.busy-time-refresh");
type Holder = { [SLOT]?: BusyTimeRefresh };

export function provideBusyTimeRefresh(refresh: BusyTimeRefresh): void {
  (globalThis as Holder)[SLOT] = refresh;
}

/**
 * Refreshes the given members' stale iCloud busy time. A process that books without having
 * provided the refresh is a wiring mistake: it fails loudly rather than booking on old data.
 */
export async function refreshStaleBusyTime(staffIds: string[], now: number): Promise<void> {
  if (staffIds.length === 0) return;
  const refresh = (globalThis as Holder)[SLOT];
  if (!refresh) throw new Error("No busy-time refresh was provided in this process (see lib/booking/busy-time-refresh.ts)");
  await refresh(staffIds, now);
}
