import { ICLOUD_TYPES } from "@/lib/booking/calendar-rules";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { ACCOUNT_BATCH } from "./accounts";

/** How often a calendar is read: every minute while its owner is bookable through iCloud. */
export const ACTIVE_INTERVAL_MS = 60_000;
export const IDLE_INTERVAL_MS = 15 * 60_000;

/**
 * The one rule for "due" (on ExternalCalendar c joined to an ACTIVE connection): counted for
 * conflicts (the primary always is), present in iCloud, not backing off, and not read within its
 * interval (one minute for members of an iCloud-enabled booking calendar), less `marginMs`.
 */
function dueCalendar(now: number, marginMs: number): Prisma.Sql {
  return Prisma.sql`(c."checkConflicts" OR c."isPrimary") AND c."missingSince" IS NULL
    AND (c."nextRefreshAt" IS NULL OR c."nextRefreshAt" <= ${new Date(now)})
    AND (c."lastRefreshAttemptAt" IS NULL OR c."lastRefreshAttemptAt" <= CASE
          WHEN EXISTS (
            SELECT 1 FROM "BookingCalendarMember" m JOIN "BookingCalendar" b ON b.id = m."bookingCalendarId"
            WHERE m."userId" = c."userId" AND b.type::text = ANY(${[...ICLOUD_TYPES]})
          ) THEN ${new Date(now - ACTIVE_INTERVAL_MS + marginMs)}::timestamp
          ELSE ${new Date(now - IDLE_INTERVAL_MS + marginMs)}::timestamp END)`;
}

// Enqueueing a refresh lives in the job layer (lib/jobs/refresh.ts); re-exported for the worker's tasks.
export { enqueueCalendarRefresh, enqueueUserRefresh } from "@/lib/jobs/refresh";

/**
 * The calendars due for a refresh: counted for conflicts (the primary always is), on an
 * ACTIVE connection, present in iCloud, not backing off (nextRefreshAt, which honours
 * Retry-After), and not read within their interval — one minute for members of an
 * iCloud-enabled booking calendar, fifteen for everyone else.
 */
export async function findDueCalendars(now: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT c.id
    FROM "ExternalCalendar" c
    JOIN "CalendarConnection" k ON k.id = c."connectionId" AND k.status = 'ACTIVE'
    WHERE ${dueCalendar(now, 5_000)}
    ORDER BY c."lastRefreshAttemptAt" NULLS FIRST
    LIMIT 500`;
  return rows.map((r) => r.id);
}

/**
 * The cron's work (once a minute across all workers): claims the accounts with a calendar that is
 * due — by setting lastRefreshAttemptAt on all their counted calendars in the same statement, so a
 * second caller at the same moment finds nothing — and enqueues their refresh_accounts jobs in the
 * same transaction. Each account is read at its own second of the minute (`accountOffsetMs`, fixed
 * per account), not all at the tick: every account is then read 60 s after its last read, and the
 * worker's load is spread evenly over the minute instead of a burst it must drain. Jobs hold up to
 * ACCOUNT_BATCH accounts whose seconds lie within BATCH_SPAN_MS, and run at the first of them.
 * Returns the number of accounts enqueued.
 */
export async function enqueueDueRefreshes(now = Date.now()): Promise<number> {
  return db.$transaction(
    async (tx) => {
      // One claimer at a time (graphile-worker's cron runs once a minute across workers; a manual
      // call may overlap it): the second one's query then sees the first one's claims.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SCHEDULE_LOCK_CLASS}, 0)`;
      const claimed = await claimDueAccounts(tx, now);
      for (const batch of plannedBatches(claimed, now)) {
        await enqueue(
          tx,
          "refresh_accounts",
          { connectionIds: batch.ids, claimedAt: now },
          batch.runAt > now ? { runAt: new Date(batch.runAt) } : {},
        );
      }
      return claimed.length;
    },
    { timeout: 60_000 },
  );
}

/** Accounts are spread over this much of each minute; the rest is slack before the next claim. */
export const SPREAD_MS = 50_000;
/** One job's accounts are due within this span of each other. */
export const BATCH_SPAN_MS = 2_000;

/** An account's fixed offset into each minute (FNV-1a of its id): the same every minute. */
export function accountOffsetMs(connectionId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < connectionId.length; i++) {
    hash ^= connectionId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % SPREAD_MS;
}

/**
 * The claimed accounts in jobs: each at the minute's start plus its offset (an offset already past
 * runs at once), up to ACCOUNT_BATCH per job and BATCH_SPAN_MS between a job's first and last.
 */
export function plannedBatches(connectionIds: string[], now: number): { runAt: number; ids: string[] }[] {
  const minute = Math.floor(now / 60_000) * 60_000;
  const planned = connectionIds.map((id) => ({ id, at: Math.max(now, minute + accountOffsetMs(id)) })).sort((a, b) => a.at - b.at);
  const batches: { runAt: number; ids: string[] }[] = [];
  for (const account of planned) {
    const last = batches[batches.length - 1];
    if (last && last.ids.length < ACCOUNT_BATCH && account.at - last.runAt <= BATCH_SPAN_MS) last.ids.push(account.id);
    else batches.push({ runAt: account.at, ids: [account.id] });
  }
  return batches;
}

/**
 * A calendar is due at a tick if it was not attempted within its interval less this much: a
 * calendar read by hand (Sync now) late in the minute is still in the next minute's run, while
 * two claims within 15 s of each other never take the same account.
 */
const CLAIM_MARGIN_MS = 45_000;
const SCHEDULE_LOCK_CLASS = 0x52_46_53_43; // "RFSC"

/** Accounts one cron run claims at most (well above what one worker keeps fresh a minute). */
export const MAX_CLAIMED_ACCOUNTS = 20_000;

async function claimDueAccounts(tx: Prisma.TransactionClient, now: number): Promise<string[]> {
  const rows = await tx.$queryRaw<{ connectionId: string }[]>`
    WITH due AS (
      SELECT c."connectionId" AS id, min(c."lastRefreshAttemptAt") AS oldest
      FROM "ExternalCalendar" c
      JOIN "CalendarConnection" k ON k.id = c."connectionId" AND k.status = 'ACTIVE'
      WHERE ${dueCalendar(now, CLAIM_MARGIN_MS)}
      GROUP BY c."connectionId"
      ORDER BY oldest NULLS FIRST, c."connectionId"
      LIMIT ${MAX_CLAIMED_ACCOUNTS}
    ), claimed AS (
      UPDATE "ExternalCalendar" c SET "lastRefreshAttemptAt" = ${new Date(now)}
      FROM due
      WHERE c."connectionId" = due.id AND (c."checkConflicts" OR c."isPrimary") AND c."missingSince" IS NULL
        AND (c."lastRefreshAttemptAt" IS NULL OR c."lastRefreshAttemptAt" < ${new Date(now)})
      RETURNING c."connectionId"
    )
    SELECT DISTINCT "connectionId" FROM claimed ORDER BY "connectionId"`;
  return rows.map((r) => r.connectionId);
}
