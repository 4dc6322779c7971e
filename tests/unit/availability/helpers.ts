// Builders shared by the availability tests: readable defaults, overridden per test.

import type { SlotQuery, SlotRules, StaffSchedule } from "@/lib/availability";

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** "2026-06-01T09:00Z" → epoch ms; throws on a typo rather than yielding NaN. */
export function at(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad ISO instant in test: ${iso}`);
  return ms;
}

export const iso = (ms: number) => new Date(ms).toISOString().replace(":00.000Z", "Z");

export function member(overrides: Partial<StaffSchedule> = {}): StaffSchedule {
  return {
    staffId: "ana",
    timeZone: "UTC",
    // Monday 09:00–12:00.
    weeklyHours: [{ weekday: 1, startMinute: 9 * 60, endMinute: 12 * 60 }],
    overrides: [],
    appointments: [],
    busyBlocks: [],
    bookingStartsOnCalendar: [],
    ...overrides,
  };
}

export function rules(overrides: Partial<SlotRules> = {}): SlotRules {
  return {
    durationMs: 60 * MIN,
    intervalMs: 30 * MIN,
    bufferBeforeMs: 0,
    bufferAfterMs: 0,
    minimumNoticeMs: 0,
    window: { start: at("2026-01-01T00:00Z"), end: at("2027-01-01T00:00Z") },
    maxPerDayPerStaff: null,
    maxPerDayTotal: null,
    timeZone: "UTC",
    calendarBookingStarts: [],
    ...overrides,
  };
}

/** Monday 1 June 2026 (UTC day), asked well in advance, one UTC member: the base scenario. */
export function query(overrides: Partial<SlotQuery> = {}): SlotQuery {
  return {
    rules: rules(),
    staff: [member()],
    combine: "ANY",
    range: { start: at("2026-06-01T00:00Z"), end: at("2026-06-02T00:00Z") },
    now: at("2026-05-01T00:00Z"),
    ...overrides,
  };
}

/** Slot starts as compact ISO strings: failures then read like the expectations. */
export const startsOf = (slots: { start: number }[]) => slots.map((s) => iso(s.start));
