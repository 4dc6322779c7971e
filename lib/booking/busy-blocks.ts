import type { Interval } from "@/lib/availability/types";
import { firstEndingAfter, normalizeIntervals } from "@/lib/availability/intervals";
import { BoundedCache } from "@/lib/bounded-cache";
import { db, type Db } from "@/lib/db";

/**
 * iCloud busy time of these staff members within range: the one entry point availability uses.
 * Only calendars ticked "Check for conflicts" (the primary always is) on connections that are
 * not disconnected count. Callers skip it for SIMPLE calendars, where iCloud does not apply.
 *
 * Each calendar's blocks are merged into disjoint ranges (availability only needs the union of busy
 * time) and kept in this process per calendar, under the calendar's `busyVersion`. A trigger on
 * BusyBlock (migration 20261204030000_busy_version) raises that number in the same transaction as
 * any insert, update, delete or truncate of the calendar's blocks, so a request first reads the counted calendars with their versions (a few hundred small rows) and
 * loads blocks only for calendars it has not seen at that version. Whether a calendar counts
 * (ticked, present, connection not disconnected) is read on every request, never cached.
 * Results are read-only: the slot engine copies before it sorts.
 */
export async function getBusyBlocks(client: Db, staffIds: string[], range: Interval): Promise<Map<string, Interval[]>> {
  const byStaff = new Map<string, Interval[]>(staffIds.map((id) => [id, []]));
  if (staffIds.length === 0) return byStaff;
  const counted = await client.$queryRaw<{ id: string; userId: string; version: number; created: number }[]>`
    SELECT c.id, c."userId", c."busyVersion" AS version, (EXTRACT(EPOCH FROM c."createdAt") * 1000)::float8 AS created
    FROM "ExternalCalendar" c JOIN "CalendarConnection" k ON k.id = c."connectionId"
    WHERE c."userId" = ANY(${staffIds}) AND c."checkConflicts" AND c."missingSince" IS NULL AND k.status <> 'DISCONNECTED'`;

  const found = new Map<string, readonly Interval[]>();
  const missing: string[] = [];
  for (const c of counted) {
    const hit = keptFor(c.id, c.created, c.version, range);
    if (hit) found.set(c.id, hit);
    else missing.push(c.id);
  }
  stats.hits += counted.length - missing.length;
  stats.misses += missing.length;
  if (missing.length > 0) {
    // The versions come from the same statement as the blocks: what is kept matches what was read.
    // Each calendar's blocks come in start order from the (calendar, start, end) index alone, packed
    // as big-endian float8 pairs (epoch ms) in one bytea, and are merged here: a 200-member team's
    // 50,000 blocks then cost 200 rows, no per-value text parsing and no heap visits.
    const loaded = await client.$queryRaw<{ id: string; version: number; created: number; packed: Uint8Array | null }[]>`
      SELECT c.id, c."busyVersion" AS version, (EXTRACT(EPOCH FROM c."createdAt") * 1000)::float8 AS created,
             (SELECT string_agg(float8send(date_part('epoch', b."startsAt") * 1000) || float8send(date_part('epoch', b."endsAt") * 1000), ''::bytea
                              ORDER BY b."startsAt")
              FROM "BusyBlock" b
              WHERE b."externalCalendarId" = c.id AND b."startsAt" < ${new Date(range.end)} AND b."endsAt" > ${new Date(range.start)}
                AND b."endsAt" > b."startsAt") AS packed
      FROM "ExternalCalendar" c
      WHERE c.id = ANY(${missing})`;
    // Kept only when read outside a transaction: a transaction may see its own uncommitted blocks.
    const keep = client === db;
    for (const row of loaded) {
      const intervals = mergeSorted(row.packed);
      found.set(row.id, intervals);
      if (keep) cache.set(row.id, { created: row.created, version: row.version, range, intervals }, intervals.length + 1);
    }
  }

  const perStaff = new Map<string, (readonly Interval[])[]>();
  for (const c of counted) {
    const intervals = found.get(c.id);
    if (!intervals || intervals.length === 0) continue;
    const lists = perStaff.get(c.userId) ?? [];
    lists.push(intervals);
    perStaff.set(c.userId, lists);
  }
  for (const [userId, lists] of perStaff) byStaff.set(userId, union(lists.map((list) => within(list, range))));
  return byStaff;
}

/** Big-endian float8 pairs (start, end in epoch ms) in start order, merged into disjoint intervals. */
export function mergeSorted(packed: Uint8Array | null): Interval[] {
  const merged: Interval[] = [];
  if (!packed || packed.byteLength === 0) return merged;
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  let last: Interval | undefined;
  for (let o = 0; o + 16 <= packed.byteLength; o += 16) {
    // Whole milliseconds (date_part's seconds times 1000 can be off by a float's last bit).
    const start = Math.round(view.getFloat64(o));
    const end = Math.round(view.getFloat64(o + 8));
    if (last && start <= last.end) {
      if (end > last.end) last.end = end;
    } else {
      last = { start, end };
      merged.push(last);
    }
  }
  return merged;
}

/** The union of sorted, disjoint lists (one list is returned as it is). */
function union(lists: (readonly Interval[])[]): Interval[] {
  return lists.length === 1 ? (lists[0] as Interval[]) : normalizeIntervals(lists.flat());
}

/** The part of a sorted, disjoint list that overlaps the range (a slice, found by binary search). */
function within(list: readonly Interval[], range: Interval): readonly Interval[] {
  const from = firstEndingAfter(list, range.start);
  let end = from;
  while (end < list.length && list[end]!.start < range.end) end++;
  return from === 0 && end === list.length ? list : list.slice(from, end);
}

interface Entry {
  /** The calendar row's creation time: a calendar re-created under the same id starts afresh. */
  created: number;
  version: number;
  /** The range the blocks were read for: a request outside it reads again. */
  range: Interval;
  intervals: readonly Interval[];
}

/** Ranges kept in all, across calendars (about 40 bytes each); the least recently used go first. */
export const MAX_CACHED_INTERVALS = 500_000;

/** A calendar's kept busy time if it is at this version and covers the range. */
function keptFor(id: string, created: number, version: number, range: Interval): readonly Interval[] | null {
  const entry = cache.get(id);
  if (!entry || entry.created !== created || entry.version !== version) return null;
  if (entry.range.start > range.start || entry.range.end < range.end) return null;
  return entry.intervals;
}

// Kept on globalThis: Next may bundle this module into several chunks, and each copy would keep its own.
// Weighed by ranges (one more per entry), so at most MAX_CACHED_INTERVALS in all.
const KEY = Symbol.for("crm-calendar.busy-time-cache");
type Shared = { cache: BoundedCache<string, Entry>; stats: { hits: number; misses: number } };
const holder = globalThis as unknown as Record<symbol, Shared | undefined>;
const shared = (holder[KEY] ??= {
  cache: new BoundedCache<string, Entry>(MAX_CACHED_INTERVALS, MAX_CACHED_INTERVALS),
  stats: { hits: 0, misses: 0 },
});
const cache = shared.cache;
const stats = shared.stats;

/** Calendars answered from this process's memory and read from PostgreSQL so far (benchmarks report it). */
export function busyTimeCacheStats(): { hits: number; misses: number } {
  return { ...stats };
}

/** Forget every kept calendar (benchmarks measure the cold path with it). */
export function clearBusyTimeCache(): void {
  cache.clear();
}
