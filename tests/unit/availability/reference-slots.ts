// A deliberately naive second implementation of computeSlots for the property tests: every
// candidate checked against every rule by brute force (O(slots × everything)), no sweeps, no
// caches beyond zonedTimeToInstant/localDateOf, which zoned-time.test.ts verifies separately.

import {
  addDays,
  localDateOf,
  weekdayOf,
  zonedTimeToInstant,
  type Interval,
  type Slot,
  type SlotQuery,
  type StaffSchedule,
} from "@/lib/availability";

function hoursOn(member: StaffSchedule, date: string): { startMinute: number; endMinute: number }[] {
  const overrides = member.overrides.filter((o) => o.date === date);
  if (overrides.length > 0) return overrides.flatMap((o) => o.intervals);
  return member.weeklyHours.filter((h) => h.weekday === weekdayOf(date));
}

/** Whether the working intervals of the dates around [start, end) cover it completely. */
export function insideWorkingHours(member: StaffSchedule, start: number, end: number): boolean {
  const pieces: Interval[] = [];
  const first = addDays(localDateOf(start, member.timeZone), -2);
  const last = addDays(localDateOf(end, member.timeZone), 2);
  for (let date = first; date <= last; date = addDays(date, 1)) {
    for (const h of hoursOn(member, date)) {
      const clamp = (m: number) => Math.min(1440, Math.max(0, m));
      const piece = {
        start: zonedTimeToInstant(date, clamp(h.startMinute), member.timeZone),
        end: zonedTimeToInstant(date, clamp(h.endMinute), member.timeZone),
      };
      if (piece.end > piece.start) pieces.push(piece);
    }
  }
  // Walk forward from `start`, jumping to the furthest end of any piece holding the cursor.
  let cursor = start;
  while (cursor < end) {
    const holding = pieces.filter((p) => p.start <= cursor && p.end > cursor);
    if (holding.length === 0) return false;
    cursor = Math.max(...holding.map((p) => p.end));
  }
  return true;
}

function memberFree(q: SlotQuery, member: StaffSchedule, start: number): boolean {
  const { rules } = q;
  if (member.available === false) return false;
  const end = start + rules.durationMs;
  if (!insideWorkingHours(member, start, end)) return false;
  const padStart = start - rules.bufferBeforeMs;
  const padEnd = end + rules.bufferAfterMs;
  for (const busy of [...member.appointments, ...member.busyBlocks]) {
    if (busy.end > busy.start && busy.start < padEnd && busy.end > padStart) return false;
  }
  if (rules.maxPerDayPerStaff !== null) {
    const day = localDateOf(start, member.timeZone);
    const count = member.bookingStartsOnCalendar.filter((b) => localDateOf(b, member.timeZone) === day).length;
    if (count >= rules.maxPerDayPerStaff) return false;
  }
  return true;
}

export function referenceSlots(q: SlotQuery): Slot[] {
  const { rules } = q;
  const from = Math.max(q.range.start, rules.window.start, q.now + rules.minimumNoticeMs);
  const to = Math.min(q.range.end, rules.window.end);
  if (!(to > from) || q.staff.length === 0) return [];
  const slots: Slot[] = [];
  const lastDate = localDateOf(to - 1, rules.timeZone);
  for (let date = localDateOf(from, rules.timeZone); date <= lastDate; date = addDays(date, 1)) {
    const dayStart = zonedTimeToInstant(date, 0, rules.timeZone);
    const dayEnd = zonedTimeToInstant(date, 1440, rules.timeZone);
    for (let start = dayStart; start < dayEnd; start += rules.intervalMs) {
      if (start < from || start >= to) continue;
      if (rules.maxPerDayTotal !== null) {
        const day = localDateOf(start, rules.timeZone);
        const count = rules.calendarBookingStarts.filter((b) => localDateOf(b, rules.timeZone) === day).length;
        if (count >= rules.maxPerDayTotal) continue;
      }
      const free = q.staff.filter((m) => memberFree(q, m, start)).map((m) => m.staffId);
      if (q.combine === "ALL" ? free.length === q.staff.length : free.length > 0) {
        slots.push({ start, end: start + rules.durationMs, staffIds: free });
      }
    }
  }
  return slots;
}
