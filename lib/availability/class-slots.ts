// Class occurrences that can still be booked. Classes are scheduled explicitly, so working hours
// do not apply; the instructor's busy time (padded by the buffers) and free seats do.

import type { ClassOccurrenceInput, ClassSlot, Interval, SlotRules, StaffSchedule } from "./types";
import { normalizeIntervals, overlapsAny } from "./intervals";
import { assertNonNegative, startRangeOf } from "./start-range";

export interface ClassSlotsInput {
  occurrences: ClassOccurrenceInput[];
  instructors: StaffSchedule[];
  rules: Pick<SlotRules, "minimumNoticeMs" | "window" | "bufferBeforeMs" | "bufferAfterMs">;
  range: Interval;
  now: number;
}

export function computeClassSlots(input: ClassSlotsInput): ClassSlot[] {
  const { rules } = input;
  assertNonNegative(rules, ["bufferBeforeMs", "bufferAfterMs", "minimumNoticeMs"]);
  const startRange = startRangeOf(input);
  // Merged busy time per instructor, built once: occurrences are then O(log n) each.
  const busyByInstructor = new Map<string, Interval[]>();
  for (const instructor of input.instructors) {
    // An unavailable instructor (e.g. stale iCloud data) is busy throughout: offering a class we
    // cannot check risks a double booking. A member listed twice keeps the union of both.
    const own = instructor.available === false ? [{ start: -Infinity, end: Infinity }] : [];
    const earlier = busyByInstructor.get(instructor.staffId) ?? [];
    busyByInstructor.set(
      instructor.staffId,
      normalizeIntervals([...earlier, ...own, ...instructor.appointments, ...instructor.busyBlocks]),
    );
  }

  const slots: ClassSlot[] = [];
  for (const occurrence of input.occurrences) {
    const seatsLeft = occurrence.capacity - occurrence.seatsTaken;
    if (!(seatsLeft > 0)) continue;
    if (occurrence.start < startRange.start || occurrence.start >= startRange.end) continue;
    // An instructor missing from the input has unknown busy time: not offered, for the same reason.
    const busy = busyByInstructor.get(occurrence.instructorId);
    if (!busy) continue;
    const paddedStart = occurrence.start - rules.bufferBeforeMs;
    const paddedEnd = occurrence.end + rules.bufferAfterMs;
    if (overlapsAny(busy, paddedStart, paddedEnd)) continue;
    const { sessionId, start, end, instructorId } = occurrence;
    slots.push({ sessionId, start, end, seatsLeft, instructorId });
  }
  // Ties broken by session id so the output never depends on the input order.
  return slots.sort((a, b) => a.start - b.start || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
}
