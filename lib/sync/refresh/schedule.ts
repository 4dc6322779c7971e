import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { enqueueJob } from "@/lib/sync/enqueue";

type Sql = Pick<Prisma.TransactionClient, "$executeRaw">;

/** How often a calendar is read: every minute while its owner is bookable through iCloud. */
export const ACTIVE_INTERVAL_MS = 60_000;
export const IDLE_INTERVAL_MS = 15 * 60_000;

/** One job per calendar at a time: the key coalesces repeated requests. */
export async function enqueueCalendarRefresh(sql: Sql, calendarId: string, options: { full?: boolean; priority?: boolean } = {}): Promise<void> {
  await enqueueJob(sql, "refresh_calendar", { calendarId, full: options.full ?? false }, { jobKey: `refresh_calendar:${calendarId}` });
}

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
    WHERE (c."checkConflicts" OR c."isPrimary") AND c."missingSince" IS NULL
      AND (c."nextRefreshAt" IS NULL OR c."nextRefreshAt" <= ${new Date(now)})
      AND (c."lastRefreshAttemptAt" IS NULL OR c."lastRefreshAttemptAt" <= CASE
            WHEN EXISTS (
              SELECT 1 FROM "BookingCalendarMember" m JOIN "BookingCalendar" b ON b.id = m."bookingCalendarId"
              WHERE m."userId" = c."userId" AND b.type <> 'SIMPLE'
            ) THEN ${new Date(now - ACTIVE_INTERVAL_MS + 5_000)}::timestamp
            ELSE ${new Date(now - IDLE_INTERVAL_MS + 5_000)}::timestamp END)
    ORDER BY c."lastRefreshAttemptAt" NULLS FIRST
    LIMIT 500`;
  return rows.map((r) => r.id);
}

export async function enqueueDueRefreshes(now = Date.now()): Promise<number> {
  const due = await findDueCalendars(now);
  for (const id of due) await enqueueCalendarRefresh(db, id);
  return due.length;
}

/** After a connect, reconnect or configuration change: read the counted calendars right away. */
export async function enqueueUserRefresh(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const calendars = await tx.externalCalendar.findMany({
    where: { userId, missingSince: null, OR: [{ checkConflicts: true }, { isPrimary: true }], connection: { status: "ACTIVE" } },
    select: { id: true },
  });
  for (const c of calendars) await enqueueCalendarRefresh(tx, c.id);
}
