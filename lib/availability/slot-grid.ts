// Candidate slot starts. The grid restarts at every local midnight of the booking calendar's
// zone, so on a 23 h or 25 h day the last step is short and the next day is aligned again
// (a 30-minute grid shows :00 and :30 on both sides of a shift).

import type { Interval } from "./types";
import { DAY_MS, wallDaysCovering, wallToInstant } from "./zoned-time";

/** Ascending, distinct starts in [range.start, range.end) at `stepMs` from each local midnight. */
export function gridStarts(range: Interval, stepMs: number, timeZone: string): number[] {
  const starts: number[] = [];
  for (const day of wallDaysCovering(range, timeZone)) {
    const dayStart = wallToInstant(day, timeZone);
    const dayEnd = Math.min(wallToInstant(day + DAY_MS, timeZone), range.end);
    const firstStep = Math.max(0, Math.ceil((range.start - dayStart) / stepMs));
    for (let start = dayStart + firstStep * stepMs; start < dayEnd; start += stepMs) {
      // Guards the seam between days should a zone ever resolve two midnights out of order.
      if (starts.length === 0 || start > starts[starts.length - 1]!) starts.push(start);
    }
  }
  return starts;
}
