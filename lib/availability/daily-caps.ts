// Daily booking caps: a local day that already holds `cap` bookings offers no more slots. Days
// are read in a zone (the member's for the per-staff cap, the calendar's for the total cap).

import type { Interval } from "./types";
import { normalizeIntervals } from "./intervals";
import { DAY_MS, wallDaysCovering, wallToInstant } from "./zoned-time";

/**
 * The local days touching `range` on which `bookingStarts` already has ≥ cap entries, as a
 * normalized list of instant intervals (a slot may not START inside them). Null cap: none.
 */
export function daysAtCap(bookingStarts: readonly number[], cap: number | null, timeZone: string, range: Interval): Interval[] {
  if (cap === null) return [];
  const days = wallDaysCovering(range, timeZone);
  if (days.length === 0) return [];
  // bounds[i] is day i's first instant, bounds[days.length] the instant after the last day.
  const bounds = days.map((day) => wallToInstant(day, timeZone));
  bounds.push(wallToInstant(days[days.length - 1]! + DAY_MS, timeZone));
  const counts = new Array<number>(days.length).fill(0);
  for (const start of bookingStarts) {
    const index = lastAtOrBefore(bounds, start);
    if (index >= 0 && index < days.length) counts[index]!++;
  }
  const blocked: Interval[] = [];
  counts.forEach((count, i) => {
    if (count >= cap) blocked.push({ start: bounds[i]!, end: bounds[i + 1]! });
  });
  return normalizeIntervals(blocked);
}

/** Index of the last ascending bound ≤ value; -1 when value precedes them all. */
function lastAtOrBefore(bounds: readonly number[], value: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bounds[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
