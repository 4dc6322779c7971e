import type { Interval } from "@/lib/availability/types";
import type { Db } from "@/lib/db";

/**
 * iCloud busy time of these staff members within range: the one entry point availability uses.
 * Only calendars ticked "Check for conflicts" (the primary always is) on connections that are
 * not disconnected count. Callers skip it for SIMPLE calendars, where iCloud does not apply.
 */
export async function getBusyBlocks(client: Db, staffIds: string[], range: Interval): Promise<Map<string, Interval[]>> {
  const byStaff = new Map<string, Interval[]>(staffIds.map((id) => [id, []]));
  if (staffIds.length === 0) return byStaff;
  // The counted calendars first (a handful), then their blocks, merged per member into
  // disjoint ranges by PostgreSQL (range_agg): availability only needs the union of busy
  // time, and a busy calendar's overlapping events then cost one row instead of many.
  const rows = await client.$queryRaw<{ userId: string; start: number; end: number }[]>`
    SELECT m."userId", (EXTRACT(EPOCH FROM lower(m.r)) * 1000)::float8 AS start,
           (EXTRACT(EPOCH FROM upper(m.r)) * 1000)::float8 AS "end"
    FROM (
      SELECT b."userId", unnest(range_agg(tsrange(b."startsAt", b."endsAt", '[)'))) AS r
      FROM "BusyBlock" b
      WHERE b."externalCalendarId" = ANY(ARRAY(
              SELECT c.id FROM "ExternalCalendar" c JOIN "CalendarConnection" k ON k.id = c."connectionId"
              WHERE c."userId" = ANY(${staffIds}) AND c."checkConflicts" AND c."missingSince" IS NULL AND k.status <> 'DISCONNECTED'))
        AND b."startsAt" < ${new Date(range.end)} AND b."endsAt" > ${new Date(range.start)}
        AND b."endsAt" > b."startsAt"
      GROUP BY b."userId"
    ) m`;
  for (const row of rows) byStaff.get(row.userId)?.push({ start: Number(row.start), end: Number(row.end) });
  return byStaff;
}
