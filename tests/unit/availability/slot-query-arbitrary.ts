// fast-check generators for slot queries: small random teams, hours, busy time and rules
// around DST shifts, shared by the property tests.

import fc from "fast-check";
import { addDays, type Interval, type SlotQuery, type StaffSchedule } from "@/lib/availability";
import { DAY, HOUR, MIN } from "./helpers";

// Random queries around DST shifts (incl. 30-minute, 45-minute-offset and midnight shifts).
const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "America/Santiago",
  "America/Havana",
  "Pacific/Chatham",
];
const ANCHORS = ["2026-03-07", "2026-03-28", "2026-04-03", "2026-06-01", "2026-09-05", "2026-09-26", "2026-10-03", "2026-10-31"];

const steps = (step: number, min: number, max: number) => fc.integer({ min: min / step, max: max / step }).map((k) => k * step);
const minuteRange = fc
  .tuple(steps(15, 0, 1425), steps(15, 15, 900))
  .map(([startMinute, length]) => ({ startMinute, endMinute: Math.min(1440, startMinute + length) }));
const everyDay = (startMinute: number, endMinute: number) => [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute, endMinute }));
// Mostly random hours; sometimes whole days or night shifts, so members overlap and DST hours
// (00:00–04:00 local) are actually worked.
const randomWeek = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 6 }), minuteRange).map(([weekday, r]) => ({ weekday, ...r })),
  { minLength: 3, maxLength: 12 },
);
const templateWeek = fc.constantFrom(
  ...[
    [0, 1440],
    [0, 1440],
    [360, 1200],
    [360, 1200],
    [0, 300],
    [90, 180],
  ].map(([from, to]) => everyDay(from!, to!)),
);
const weeklyHoursArb = fc.oneof({ weight: 1, arbitrary: randomWeek }, { weight: 2, arbitrary: templateWeek });
const overrideHours = fc.oneof(
  { weight: 1, arbitrary: fc.constant<{ startMinute: number; endMinute: number }[]>([]) },
  { weight: 2, arbitrary: fc.array(minuteRange, { minLength: 1, maxLength: 2 }) },
);
// fast-check leans towards small integers, so a cap of 0 (no slots at all) gets its own small weight.
const cap = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) },
  { weight: 1, arbitrary: fc.constant(0) },
);

function memberArb(anchorDate: string, anchor: number, index: number): fc.Arbitrary<StaffSchedule> {
  // Busy time on a 5-minute lattice from a day before the anchor, so buffers can touch exactly.
  const busy = fc
    .tuple(steps(5 * MIN, -DAY, 4 * DAY), steps(5 * MIN, 0, 4 * HOUR))
    .map(([offset, length]): Interval => ({ start: anchor + offset, end: anchor + offset + length }));
  return fc.record({
    staffId: fc.constant(`m${index}`),
    timeZone: fc.constantFrom(...ZONES),
    weeklyHours: weeklyHoursArb,
    overrides: fc.array(fc.record({ date: fc.integer({ min: -1, max: 4 }).map((d) => addDays(anchorDate, d)), intervals: overrideHours }), {
      maxLength: 2,
    }),
    appointments: fc.array(busy, { maxLength: 5 }),
    busyBlocks: fc.array(busy, { maxLength: 5 }),
    bookingStartsOnCalendar: fc.array(
      steps(30 * MIN, -DAY, 4 * DAY).map((o) => anchor + o),
      { maxLength: 4 },
    ),
    available: fc.constantFrom(undefined, undefined, undefined, true, true, false),
  });
}

const rangeAndNow = (anchor: number) =>
  fc
    .tuple(steps(15 * MIN, -12 * HOUR, 2 * DAY), steps(15 * MIN, 6 * HOUR, 40 * HOUR))
    .map(([offset, length]) => ({ start: anchor + offset, end: anchor + offset + length }))
    .chain((range) =>
      fc.record({
        range: fc.constant(range),
        // Mostly before the range (notice then rarely empties it), sometimes inside it.
        now: fc.oneof(
          { weight: 4, arbitrary: steps(15 * MIN, 0, 2 * DAY).map((before) => range.start - before) },
          { weight: 1, arbitrary: steps(15 * MIN, 0, range.end - range.start).map((into) => range.start + into) },
        ),
        // Mostly a wide window; sometimes one that cuts into the range from either side.
        window: fc.oneof(
          { weight: 3, arbitrary: fc.constant({ start: anchor - 30 * DAY, end: anchor + 30 * DAY }) },
          {
            weight: 1,
            arbitrary: fc
              .tuple(steps(15 * MIN, -DAY, range.end - range.start), steps(15 * MIN, HOUR, 2 * DAY))
              .map(([offset, length]) => ({ start: range.start + offset, end: range.start + offset + length })),
          },
        ),
      }),
    );

export const queryArb: fc.Arbitrary<SlotQuery> = fc.constantFrom(...ANCHORS).chain((anchorDate) => {
  const anchor = Date.parse(`${anchorDate}T00:00Z`);
  const around = (min: number, max: number) => steps(15 * MIN, min, max).map((o) => anchor + o);
  return fc
    .record({
      staff: fc
        .integer({ min: 1, max: 4 })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => memberArb(anchorDate, anchor, i)))),
      combine: fc.constantFrom("ANY" as const, "ALL" as const),
      frame: rangeAndNow(anchor),
      rules: fc.record({
        durationMs: steps(5 * MIN, 5 * MIN, 3 * HOUR),
        intervalMs: fc.constantFrom(10, 15, 20, 25, 30, 45, 60, 90, 120).map((m) => m * MIN),
        bufferBeforeMs: steps(5 * MIN, 0, HOUR),
        bufferAfterMs: steps(5 * MIN, 0, HOUR),
        minimumNoticeMs: steps(30 * MIN, 0, 6 * HOUR),
        maxPerDayPerStaff: cap,
        maxPerDayTotal: cap,
        timeZone: fc.constantFrom(...ZONES),
        calendarBookingStarts: fc.array(around(-DAY, 4 * DAY), { maxLength: 5 }),
      }),
    })
    .map(({ frame, rules, ...rest }) => ({ ...rest, range: frame.range, now: frame.now, rules: { ...rules, window: frame.window } }));
});
