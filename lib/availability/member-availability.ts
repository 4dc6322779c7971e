// Which grid starts one staff member can take. Buffers pad the new slot against busy time only:
// [s − before, s + duration + after) overlaps busy [a, b) exactly when the slot body
// [s, s + duration) overlaps [a − after, b + before), so busy time is padded once per query
// instead of every candidate being padded.

import type { Interval, SlotRules, StaffSchedule } from "./types";
import { normalizeIntervals, subtractIntervals } from "./intervals";
import { daysAtCap } from "./daily-caps";
import { workingIntervals } from "./working-intervals";

/** Busy time (appointments and busy blocks) padded so a slot body must not overlap it. */
export function paddedBusy(member: StaffSchedule, rules: SlotRules, bodyRange: Interval): Interval[] {
  const { bufferBeforeMs, bufferAfterMs } = rules;
  const padded: Interval[] = [];
  for (const list of [member.appointments, member.busyBlocks]) {
    for (const { start, end } of list) {
      // Busy time nowhere near the asked range cannot matter; skipping it keeps the sort small.
      if (end <= start || start - bufferAfterMs >= bodyRange.end || end + bufferBeforeMs <= bodyRange.start) continue;
      padded.push({ start: start - bufferAfterMs, end: end + bufferBeforeMs });
    }
  }
  return normalizeIntervals(padded);
}

/**
 * 1 where the member can take the slot [starts[k], starts[k] + duration), else 0.
 * `starts` ascend and lie in `startRange`.
 */
export function memberFreeFlags(member: StaffSchedule, rules: SlotRules, starts: readonly number[], startRange: Interval): Uint8Array {
  const flags = new Uint8Array(starts.length);
  if (member.available === false || starts.length === 0) return flags;
  const duration = rules.durationMs;
  const bodyRange = { start: startRange.start, end: startRange.end + duration };
  const free = subtractIntervals(workingIntervals(member, bodyRange), paddedBusy(member, rules, bodyRange));
  const capped = daysAtCap(member.bookingStartsOnCalendar, rules.maxPerDayPerStaff, member.timeZone, startRange);
  // Starts and slot ends both ascend, as do free and capped intervals: one merged sweep.
  let f = 0;
  let c = 0;
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k]!;
    const end = start + duration;
    while (f < free.length && free[f]!.end < end) f++;
    if (f === free.length) break;
    if (free[f]!.start > start) continue;
    while (c < capped.length && capped[c]!.end <= start) c++;
    if (c < capped.length && capped[c]!.start <= start) continue;
    flags[k] = 1;
  }
  return flags;
}
