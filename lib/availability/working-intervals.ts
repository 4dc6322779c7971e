// A staff member's working hours as instants: the weekly pattern read on each local date in the
// member's own zone, so "09:00–17:00" follows the member's clock across DST shifts (a 7 h or 9 h
// absolute day is correct on a shift day).

import type { Interval, StaffSchedule } from "./types";
import { formatWallDate } from "./local-date";
import { clipIntervals, normalizeIntervals } from "./intervals";
import { DAY_MS, MINUTE_MS, wallDaysCovering, wallToInstant } from "./zoned-time";

type MinuteRange = { startMinute: number; endMinute: number };

const clampMinute = (minute: number) => Math.min(1440, Math.max(0, minute));

function weeklyByWeekday(schedule: StaffSchedule): MinuteRange[][] {
  const byWeekday: MinuteRange[][] = [[], [], [], [], [], [], []];
  for (const hours of schedule.weeklyHours) byWeekday[hours.weekday]?.push(hours);
  return byWeekday;
}

/** Several overrides for one date are unioned, so their input order cannot matter. */
function overridesByDate(schedule: StaffSchedule): Map<string, MinuteRange[]> {
  const byDate = new Map<string, MinuteRange[]>();
  for (const override of schedule.overrides) {
    const list = byDate.get(override.date) ?? [];
    list.push(...override.intervals);
    byDate.set(override.date, list);
  }
  return byDate;
}

/** Working time inside `range`: normalized (sorted, merged, so 22:00–24:00 joins 00:00–02:00). */
export function workingIntervals(schedule: StaffSchedule, range: Interval): Interval[] {
  if (!(range.end > range.start)) return [];
  const { timeZone } = schedule;
  const weekly = weeklyByWeekday(schedule);
  const overrides = overridesByDate(schedule);
  const days = wallDaysCovering(range, timeZone);
  const instants: Interval[] = [];
  // The day before too, defensively: hours ending inside a gap that straddled midnight would
  // move forward into the next day. No zone in today's tz database shifts across midnight that
  // way, so no test can reach this; the day after can never reach back into the range.
  const first = days[0]! - DAY_MS;
  const last = days[days.length - 1]!;
  for (let day = first; day <= last; day += DAY_MS) {
    // 1970-01-01 was a Thursday (4).
    const weekday = (((Math.floor(day / DAY_MS) + 4) % 7) + 7) % 7;
    const ranges = overrides.size > 0 ? (overrides.get(formatWallDate(day)) ?? weekly[weekday]!) : weekly[weekday]!;
    for (const { startMinute, endMinute } of ranges) {
      const start = wallToInstant(day + clampMinute(startMinute) * MINUTE_MS, timeZone);
      const end = wallToInstant(day + clampMinute(endMinute) * MINUTE_MS, timeZone);
      // "Compatible" mapping is not monotonic in a gap (02:30 → 03:30 but 03:00 → 03:00), so
      // hours lying wholly inside or just after a gap can invert; they hold no working time.
      if (end > start) instants.push({ start, end });
    }
  }
  return clipIntervals(normalizeIntervals(instants), range);
}
