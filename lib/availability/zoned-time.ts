// Local wall-clock time ↔ instants in IANA zones, using only Intl. A "wall" number is the local
// date and time encoded as if it were UTC epoch ms; it is never an instant itself.

import type { Interval } from "./types";
import { BoundedCache } from "@/lib/bounded-cache";
import { wallClockMs } from "@/lib/time-zones";
import { formatWallDate, wallMidnightOf } from "./local-date";

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** The local wall clock at an instant, as a wall number (lib/time-zones.ts, the one Intl reader). */
const wallAt = wallClockMs;

function offsetAt(instant: number, timeZone: string): number {
  return wallAt(instant, timeZone) - instant;
}

/**
 * What a zone does around one wall day: its offsets a day before and two days after the day's
 * wall midnight, and the instant between them where the offset changes. Every wall time of the
 * day (00:00 through the next 00:00) is an instant between those probes, since offsets stay
 * within ±14 h, and real zones never shift twice within three days. Cached, so after the first
 * call for a day no conversion touches Intl.
 */
interface DayShift {
  before: number;
  after: number;
  /** First instant with the `after` offset; NaN when the offsets are equal. */
  at: number;
}

// Bounded twice: zones (least recently used go first) and days per zone.
const dayShiftCache = new BoundedCache<string, Map<number, DayShift>>(32);
const DAY_CACHE_LIMIT = 20_000;

function dayShift(wallDay: number, timeZone: string): DayShift {
  let zoneCache = dayShiftCache.get(timeZone);
  if (!zoneCache) {
    zoneCache = new Map();
    dayShiftCache.set(timeZone, zoneCache);
  }
  let shift = zoneCache.get(wallDay);
  if (!shift) {
    if (zoneCache.size >= DAY_CACHE_LIMIT) zoneCache.clear();
    let low = wallDay * DAY_MS - DAY_MS;
    let high = wallDay * DAY_MS + 2 * DAY_MS;
    const before = offsetAt(low, timeZone);
    const after = offsetAt(high, timeZone);
    if (before !== after) {
      // Bisect to the second (Intl's precision): ~18 probes, once per zone and day.
      while (high - low > 1000) {
        const mid = low + Math.floor((high - low) / 2000) * 1000;
        if (offsetAt(mid, timeZone) === before) low = mid;
        else high = mid;
      }
    }
    shift = { before, after, at: before === after ? Number.NaN : high };
    zoneCache.set(wallDay, shift);
  }
  return shift;
}

/**
 * The instant of a wall time, resolved like Temporal's "compatible" disambiguation: a wall time
 * in a spring-forward gap moves forward by the gap (it is read with the offset from before the
 * shift); a wall time that occurs twice takes the earlier instant.
 */
export function wallToInstant(wall: number, timeZone: string): number {
  const { before, after, at } = dayShift(Math.floor(wall / DAY_MS), timeZone);
  const early = wall - before;
  if (before === after) return early;
  // Read with the old offset, the wall time is real if it lands before the shift; that is also
  // the earlier reading of a repeated time. Otherwise the new offset is right, unless it lands
  // before the shift too: then the time is in the gap and the old offset moves it forward.
  if (early < at) return early;
  const late = wall - after;
  return late >= at ? late : early;
}

/** The wall midnight of the local date an instant falls on. */
export function wallDayStartOf(instant: number, timeZone: string): number {
  return Math.floor(wallAt(instant, timeZone) / DAY_MS) * DAY_MS;
}

/** The instant of `minuteOfDay` (0…1440; 1440 = the next local midnight) on a local date. */
export function zonedTimeToInstant(date: string, minuteOfDay: number, timeZone: string): number {
  if (!(minuteOfDay >= 0 && minuteOfDay <= 1440)) {
    throw new RangeError(`minuteOfDay must be within 0…1440, got ${minuteOfDay}`);
  }
  return wallToInstant(wallMidnightOf(date) + minuteOfDay * MINUTE_MS, timeZone);
}

/** The local date ("YYYY-MM-DD") of an instant in a zone. */
export function localDateOf(instant: number, timeZone: string): string {
  return formatWallDate(wallDayStartOf(instant, timeZone));
}

/** A local date as an instant interval: [its first instant, the next date's first instant). */
export function localDayInterval(date: string, timeZone: string): Interval {
  const midnight = wallMidnightOf(date);
  return { start: wallToInstant(midnight, timeZone), end: wallToInstant(midnight + DAY_MS, timeZone) };
}

/** Wall midnights of every local date that has an instant inside the (non-empty) range. */
export function wallDaysCovering(range: Interval, timeZone: string): number[] {
  if (!(range.end > range.start)) return [];
  const days: number[] = [];
  const last = wallDayStartOf(range.end - 1, timeZone);
  for (let day = wallDayStartOf(range.start, timeZone); day <= last; day += DAY_MS) days.push(day);
  return days;
}

/** Every local date ("YYYY-MM-DD") that has an instant inside the range, in order. */
export function localDatesCovering(range: Interval, timeZone: string): string[] {
  return wallDaysCovering(range, timeZone).map(formatWallDate);
}
