import { isCalDavError } from "@/lib/caldav/errors";
import { collectionKey } from "@/lib/caldav/reader";
import { calDavSettings, type CalDavSettings } from "@/lib/connections/config";
import { noteRejectedPassword, openReader } from "@/lib/connections/caldav-client";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { recordRefreshFailure } from "./failures";
import { refreshCalendar } from "./refresh-calendar";
import { refreshWindows } from "./window";

/**
 * The scheduled refresh, account by account (docs/PERFORMANCE.md, "Keeping many calendars
 * fresh"): one Depth-1 PROPFIND of the account's calendar home gives every calendar's ctag and
 * sync token at once. Calendars whose state is what was stored are marked read (in one batched
 * UPDATE for the whole batch of accounts); only changed calendars are read, each through
 * refreshCalendar (its lock, its fail-closed rules, its two-way edits). Nothing changed: one
 * request per account.
 */

/** Accounts per refresh_accounts job; the cron enqueues ceil(due / ACCOUNT_BATCH) jobs. */
export const ACCOUNT_BATCH = 50;
/** Home PROPFINDs one job has in flight (the work is waiting on iCloud, not CPU). */
export const ACCOUNT_CONCURRENCY = 50;
/** Changed calendars one job reads at once (each also needs one of the process's refresh-lock sessions). */
const CHANGED_READERS = 8;
/** A calendar that just changed, of a member read every 15 minutes, is looked at again this soon. */
export const CHANGED_RECHECK_MS = 2 * 60_000;

/** 429/503 answers from this many accounts within GLOBAL_WINDOW_MS pause every account in this process. */
const GLOBAL_THRESHOLD = 3;
const GLOBAL_WINDOW_MS = 10_000;
const GLOBAL_MIN_PAUSE_MS = 30_000;
const GLOBAL_MAX_PAUSE_MS = 10 * 60_000;

const throttled: number[] = [];
let pausedUntil = 0;

/**
 * Global backoff (per worker process): when iCloud answers 429/503 to several accounts at once it
 * is throttling us as a whole, so this process sends no account refreshes until the pause ends
 * (the Retry-After given, at least 30 s). The affected calendars are due again after it.
 */
export function noteThrottled(now: number, retryAfterMs: number | undefined): void {
  throttled.push(now);
  while (throttled.length && throttled[0]! < now - GLOBAL_WINDOW_MS) throttled.shift();
  if (throttled.length >= GLOBAL_THRESHOLD) {
    const pause = Math.min(GLOBAL_MAX_PAUSE_MS, Math.max(GLOBAL_MIN_PAUSE_MS, retryAfterMs ?? 0));
    pausedUntil = Math.max(pausedUntil, now + pause);
  }
}

export function globalPauseUntil(): number {
  return pausedUntil;
}

/** For tests. */
export function resetGlobalBackoff(): void {
  throttled.length = 0;
  pausedUntil = 0;
}

export type AccountStatus = "checked" | "failed" | "paused" | "skipped";

export interface AccountOutcome {
  connectionId: string;
  status: AccountStatus;
  unchanged: number;
  changed: number;
  error?: string;
}

interface CalendarRow {
  id: string;
  url: string;
  ctag: string | null;
  syncToken: string | null;
  lastRefreshedAt: Date | null;
  coveredUntil: Date | null;
  refreshFailures: number;
  nextRefreshAt: Date | null;
}

/** What one account's check found: calendars to mark read (with the state they were read in) and ones to read. */
interface Checked {
  at: number;
  connectionId: string;
  unchanged: CalendarRow[];
}

/**
 * `claimedAt`: when the cron claimed these accounts. An account claimed again by a later run
 * (this job waited in a backlog past the next minute) is left to that run's job.
 */
export async function refreshAccounts(options: {
  connectionIds: string[];
  settings?: CalDavSettings;
  concurrency?: number;
  claimedAt?: number;
}): Promise<AccountOutcome[]> {
  const ids = [...new Set(options.connectionIds)];
  if (ids.length === 0) return [];
  const settings = options.settings ?? calDavSettings();
  const connections = await db.calendarConnection.findMany({
    where: { id: { in: ids }, status: "ACTIVE" },
    select: {
      id: true,
      userId: true,
      appleId: true,
      homeUrl: true,
      passwordKeyId: true,
      passwordCiphertext: true,
      calendars: {
        where: { missingSince: null, OR: [{ checkConflicts: true }, { isPrimary: true }] },
        select: {
          id: true,
          url: true,
          ctag: true,
          syncToken: true,
          lastRefreshedAt: true,
          lastRefreshAttemptAt: true,
          coveredUntil: true,
          refreshFailures: true,
          nextRefreshAt: true,
        },
      },
    },
  });
  const windows = await refreshWindows(db, [...new Set(connections.map((c) => c.userId))], Date.now());
  const outcomes: AccountOutcome[] = ids
    .filter((id) => !connections.some((c) => c.id === id))
    .map((connectionId) => ({ connectionId, status: "skipped", unchanged: 0, changed: 0 }));
  const checked: Checked[] = [];

  // Changed calendars are read as they are found, a few at a time (each under its lock, on a
  // session of its own: lib/sync/refresh/lock.ts), while the other accounts' PROPFINDs go on.
  const reads: Promise<void>[] = [];
  const soon = new Set<string>();
  let reading = 0;
  let readError: unknown;
  const readQueue: { connectionId: string; calendarId: string; active: boolean }[] = [];
  const pump = () => {
    while (reading < CHANGED_READERS && readQueue.length > 0) {
      const item = readQueue.shift()!;
      reading++;
      reads.push(
        readChanged(item)
          .catch((error: unknown) => {
            readError ??= error;
          })
          .finally(() => {
            reading--;
            pump();
          }),
      );
    }
  };
  const readChanged = async (item: { connectionId: string; calendarId: string; active: boolean }) => {
    if (globalPauseUntil() > Date.now()) return deferCalendars([item.calendarId], globalPauseUntil());
    // The claim set the attempt time: the account keeps its place in the minute (schedule.ts).
    const outcome = await refreshCalendar({
      calendarId: item.calendarId,
      settings,
      lockWaitMs: 30_000,
      claimed: options.claimedAt !== undefined,
    });
    if (outcome.mode === "failed" && /busy or unavailable/.test(outcome.error ?? "")) noteThrottled(Date.now(), undefined);
    if (!item.active && (outcome.mode === "incremental" || outcome.mode === "full")) soon.add(item.connectionId);
  };

  let next = 0;
  const lane = async () => {
    while (next < connections.length) {
      const connection = connections[next++]!;
      const now = Date.now();
      const claimedAt = options.claimedAt;
      const superseded =
        claimedAt !== undefined &&
        connection.calendars.every((c) => c.lastRefreshAttemptAt && c.lastRefreshAttemptAt.getTime() > claimedAt + 1_000);
      if (connection.calendars.length === 0 || superseded) {
        outcomes.push({ connectionId: connection.id, status: "skipped", unchanged: 0, changed: 0 });
        continue;
      }
      if (globalPauseUntil() > now) {
        await deferCalendars(
          connection.calendars.map((c) => c.id),
          globalPauseUntil(),
        );
        outcomes.push({ connectionId: connection.id, status: "paused", unchanged: 0, changed: 0 });
        continue;
      }
      const { window, active } = windows.get(connection.userId)!;
      try {
        const reader = openReader(connection, settings);
        const states = await reader.homeStates(connection.homeUrl);
        const unchanged: CalendarRow[] = [];
        let changed = 0;
        for (const calendar of connection.calendars) {
          const state = states.get(collectionKey(calendar.url));
          const same = state && (state.ctag !== null ? state.ctag === calendar.ctag : state.syncToken === calendar.syncToken);
          if (same && calendar.lastRefreshedAt && calendar.coveredUntil && calendar.coveredUntil.getTime() >= window.end) {
            unchanged.push(calendar);
          } else if (!calendar.nextRefreshAt || calendar.nextRefreshAt.getTime() <= now) {
            // Changed, never read, window grown, or not listed any more (its own read says why).
            readQueue.push({ connectionId: connection.id, calendarId: calendar.id, active });
            pump();
            changed++;
          }
        }
        checked.push({ at: now, connectionId: connection.id, unchanged });
        outcomes.push({ connectionId: connection.id, status: "checked", unchanged: unchanged.length, changed });
      } catch (error) {
        await noteRejectedPassword(connection.id, error);
        if (isCalDavError(error) && error.kind === "UNAVAILABLE") noteThrottled(now, error.details.retryAfterMs);
        // Per account: every calendar of it backs off (Retry-After when given).
        let message = "";
        for (const calendar of connection.calendars)
          message = await recordRefreshFailure(calendar.id, calendar.refreshFailures, error, now);
        outcomes.push({ connectionId: connection.id, status: "failed", unchanged: 0, changed: 0, error: message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? ACCOUNT_CONCURRENCY, connections.length)) }, lane));

  await markUnchanged(checked);

  while (reads.length > 0) await reads.shift();
  if (readError) throw readError;
  for (const connectionId of soon) {
    await enqueue(
      db,
      "refresh_accounts",
      { connectionIds: [connectionId] },
      { jobKey: `refresh_account_soon:${connectionId}`, runAt: new Date(Date.now() + CHANGED_RECHECK_MS) },
    );
  }
  return outcomes;
}

/**
 * One transaction for the batch: the connections' "last checked" and the unchanged calendars'
 * "last refreshed" together (Sync now and the freshness rule follow these). lastRefreshAttemptAt
 * stays the claim's time (lib/sync/refresh/schedule.ts): the next minute's claim counts from it,
 * so an account checked a few seconds after the tick is still due at the next one. A calendar is only
 * marked if its row still holds the state it was compared with: a refresh that stored something
 * newer meanwhile is left alone.
 */
async function markUnchanged(checked: Checked[]): Promise<void> {
  if (checked.length === 0) return;
  const rows = checked.flatMap((c) => c.unchanged.map((calendar) => ({ calendar, at: new Date(c.at) })));
  await db.$transaction([
    db.$executeRaw`
      UPDATE "CalendarConnection" k SET "lastCheckedAt" = v.at, "lastSyncedAt" = v.at
      FROM unnest(${checked.map((c) => c.connectionId)}::text[], ${checked.map((c) => new Date(c.at))}::timestamp[]) AS v(id, at)
      WHERE k.id = v.id AND k.status = 'ACTIVE'`,
    db.$executeRaw`
      UPDATE "ExternalCalendar" c SET
        "lastRefreshedAt" = GREATEST(c."lastRefreshedAt", v.at), "lastRefreshError" = NULL, "refreshFailures" = 0, "nextRefreshAt" = NULL
      FROM unnest(
        ${rows.map((r) => r.calendar.id)}::text[], ${rows.map((r) => r.at)}::timestamp[],
        ${rows.map((r) => r.calendar.ctag)}::text[], ${rows.map((r) => r.calendar.syncToken)}::text[]
      ) AS v(id, at, ctag, token)
      WHERE c.id = v.id AND c.ctag IS NOT DISTINCT FROM v.ctag AND c."syncToken" IS NOT DISTINCT FROM v.token`,
  ]);
}

/** Not read now (global pause): due again once the pause is over, and not before. */
async function deferCalendars(calendarIds: string[], until: number): Promise<void> {
  await db.externalCalendar.updateMany({
    where: { id: { in: calendarIds }, OR: [{ nextRefreshAt: null }, { nextRefreshAt: { lt: new Date(until) } }] },
    data: { nextRefreshAt: new Date(until) },
  });
}
