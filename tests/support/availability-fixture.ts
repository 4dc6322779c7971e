// A deterministic worst-realistic round robin for tests of the slot engine: 50 members in five zones,
// 30 days spanning both March 2026 DST shifts (New York 8 March, Europe 29 March),
// 10,000 busy blocks and 2,000 appointments (about 10% outside the range, as real feeds are).

import type { Interval, SlotQuery, StaffSchedule, WeeklyHours } from "@/lib/availability/types";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ZONES = ["America/New_York", "Europe/London", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney"];
const MEMBERS = 50;
const BUSY_BLOCKS = 10_000;
const APPOINTMENTS = 2_000;

/** mulberry32: tiny, seedable, good enough to spread fixtures. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function makeBenchQuery(seed: number): SlotQuery {
  const random = randomFrom(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const rangeStart = Date.UTC(2026, 2, 2); // Monday 2 March 2026
  const range: Interval = { start: rangeStart, end: rangeStart + 30 * DAY };
  // Busy time lands in a slightly wider span than the range, so some of it must be ignored.
  const busyAt = (minLength: number, maxLength: number): Interval => {
    const start = rangeStart - 2 * DAY + int(0, 34 * 96) * 15 * MINUTE;
    return { start, end: start + int(minLength, maxLength) * 15 * MINUTE };
  };

  const staff: StaffSchedule[] = [];
  for (let m = 0; m < MEMBERS; m++) {
    const startMinute = int(7, 10) * 60;
    const weeklyHours: WeeklyHours[] = [];
    for (let weekday = 1; weekday <= 5; weekday++) {
      // A lunch break splits most days, so merging and subtraction have real work to do.
      weeklyHours.push({ weekday, startMinute, endMinute: startMinute + 240 });
      weeklyHours.push({ weekday, startMinute: startMinute + 300, endMinute: startMinute + 540 });
    }
    if (m % 3 === 0) weeklyHours.push({ weekday: 6, startMinute: 600, endMinute: 840 });
    staff.push({
      staffId: `staff-${String(m).padStart(2, "0")}`,
      timeZone: ZONES[m % ZONES.length]!,
      weeklyHours,
      overrides: [
        { date: `2026-03-${String(int(2, 31)).padStart(2, "0")}`, intervals: [] },
        { date: `2026-03-${String(int(2, 31)).padStart(2, "0")}`, intervals: [{ startMinute: 720, endMinute: 1200 }] },
      ],
      appointments: [],
      busyBlocks: [],
      bookingStartsOnCalendar: [],
    });
  }
  for (let i = 0; i < BUSY_BLOCKS; i++) staff[int(0, MEMBERS - 1)]!.busyBlocks.push(busyAt(1, 12));
  const calendarBookingStarts: number[] = [];
  for (let i = 0; i < APPOINTMENTS; i++) {
    const member = staff[int(0, MEMBERS - 1)]!;
    const appointment = busyAt(2, 6);
    member.appointments.push(appointment);
    // Every third appointment is on this booking calendar and counts towards the caps.
    if (i % 3 === 0) {
      member.bookingStartsOnCalendar.push(appointment.start);
      calendarBookingStarts.push(appointment.start);
    }
  }

  return {
    rules: {
      durationMs: 30 * MINUTE,
      intervalMs: 15 * MINUTE,
      bufferBeforeMs: 10 * MINUTE,
      bufferAfterMs: 5 * MINUTE,
      minimumNoticeMs: 2 * HOUR,
      window: { start: rangeStart - DAY, end: rangeStart + 60 * DAY },
      maxPerDayPerStaff: 3,
      maxPerDayTotal: 40,
      timeZone: "Europe/Berlin",
      calendarBookingStarts,
    },
    staff,
    combine: "ANY",
    range,
    now: rangeStart + 9 * HOUR,
  };
}
