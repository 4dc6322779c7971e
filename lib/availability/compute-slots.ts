// Bookable slots for a booking calendar: the grid in the calendar's zone, filtered by notice,
// window, range and the calendar's daily cap, then by each member's own availability.

import type { Slot, SlotQuery, SlotRules } from "./types";
import { daysAtCap } from "./daily-caps";
import { memberFreeFlags } from "./member-availability";
import { gridStarts } from "./slot-grid";
import { assertNonNegative, startRangeOf } from "./start-range";

function assertRules(rules: SlotRules): void {
  // A zero or negative step would never advance the grid.
  if (!(rules.durationMs > 0)) throw new RangeError(`durationMs must be > 0, got ${rules.durationMs}`);
  if (!(rules.intervalMs > 0)) throw new RangeError(`intervalMs must be > 0, got ${rules.intervalMs}`);
  assertNonNegative(rules, ["bufferBeforeMs", "bufferAfterMs", "minimumNoticeMs"]);
}

export function computeSlots(query: SlotQuery): Slot[] {
  const { rules, staff, combine } = query;
  assertRules(rules);
  const startRange = startRangeOf(query);
  // No members means nobody to book: ALL is not vacuously true here.
  if (startRange.end <= startRange.start || staff.length === 0) return [];

  const calendarFull = daysAtCap(rules.calendarBookingStarts, rules.maxPerDayTotal, rules.timeZone, startRange);
  let c = 0;
  const starts = gridStarts(startRange, rules.intervalMs, rules.timeZone).filter((start) => {
    while (c < calendarFull.length && calendarFull[c]!.end <= start) c++;
    return !(c < calendarFull.length && calendarFull[c]!.start <= start);
  });

  const allowed = new Uint8Array(starts.length).fill(combine === "ALL" ? 1 : 0);
  const flagsByMember = staff.map((member) => {
    const flags = memberFreeFlags(member, rules, starts, startRange);
    for (let k = 0; k < flags.length; k++) {
      allowed[k] = combine === "ALL" ? allowed[k]! & flags[k]! : allowed[k]! | flags[k]!;
    }
    return flags;
  });

  const allIds = staff.map((member) => member.staffId);
  const slots: Slot[] = [];
  for (let k = 0; k < starts.length; k++) {
    if (!allowed[k]) continue;
    const start = starts[k]!;
    const staffIds = combine === "ALL" ? allIds.slice() : allIds.filter((_, m) => flagsByMember[m]![k] === 1);
    slots.push({ start, end: start + rules.durationMs, staffIds });
  }
  return slots;
}
