import { z } from "zod";
import { id, localDate, timeZone } from "@/lib/booking-calendars/fields";

// Working hours are minutes after local midnight in the staff member's own zone, [start, end).

export const DAY_MINUTES = 1440;
export const MAX_INTERVALS_PER_DAY = 12;

const CLOCK = /^(\d{1,2}):(\d{2})$/;

/**
 * "HH:MM" → minutes. An end of 00:00 (or 24:00) is midnight at the end of the day: time inputs
 * can't show 24:00, and "22:00–00:00" is how people write an evening shift.
 */
export function parseClock(value: string, as: "start" | "end"): number | null {
  const match = CLOCK.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  const total = hours * 60 + minutes;
  if (as === "end" && total === 0) return DAY_MINUTES;
  if (as === "start" && total === DAY_MINUTES) return null;
  return total;
}

/** Minutes → "HH:MM" for a time input (24:00 shows as 00:00, read back as the day's end). */
export function clockValue(minute: number): string {
  const m = minute % DAY_MINUTES;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

export interface MinuteInterval {
  startMinute: number;
  endMinute: number;
}

const label = (i: MinuteInterval) => `${clockValue(i.startMinute)}–${i.endMinute === DAY_MINUTES ? "24:00" : clockValue(i.endMinute)}`;

/** One day's intervals, sorted; or why they can't be saved. Touching intervals are fine; overlapping ones are not. */
export function parseDayIntervals(raw: { start: string; end: string }[]): { intervals: MinuteInterval[] } | { error: string } {
  if (raw.length > MAX_INTERVALS_PER_DAY) return { error: `At most ${MAX_INTERVALS_PER_DAY} intervals a day.` };
  const intervals: MinuteInterval[] = [];
  for (const { start, end } of raw) {
    const startMinute = parseClock(start, "start");
    const endMinute = parseClock(end, "end");
    if (startMinute === null || endMinute === null) return { error: "Enter times as HH:MM between 00:00 and 24:00." };
    if (startMinute >= endMinute) return { error: `${start}–${end}: the end must be after the start.` };
    intervals.push({ startMinute, endMinute });
  }
  intervals.sort((a, b) => a.startMinute - b.startMinute);
  for (let i = 1; i < intervals.length; i++) {
    if (intervals[i]!.startMinute < intervals[i - 1]!.endMinute) {
      return { error: `${label(intervals[i - 1]!)} and ${label(intervals[i]!)} overlap.` };
    }
  }
  return { intervals };
}

const RawInterval = z.object({ start: z.string().max(10), end: z.string().max(10) });

export const WeeklyHoursSchema = z
  .object({
    userId: id,
    // Checked in the transform with the days, so one submit reports a bad zone and bad days together.
    timeZone: z.string().max(100),
    days: z.array(z.object({ weekday: z.number().int().min(0).max(6), intervals: z.array(RawInterval) })).max(7),
  })
  .transform((value, ctx) => {
    const zone = timeZone.safeParse(value.timeZone);
    if (!zone.success) ctx.addIssue({ code: "custom", path: ["timeZone"], message: zone.error.issues[0]!.message });
    const hours: (MinuteInterval & { weekday: number })[] = [];
    const seen = new Set<number>();
    for (const day of value.days) {
      if (seen.has(day.weekday)) ctx.addIssue({ code: "custom", path: [`day-${day.weekday}`], message: "This day is listed twice." });
      seen.add(day.weekday);
      const result = parseDayIntervals(day.intervals);
      if ("error" in result) ctx.addIssue({ code: "custom", path: [`day-${day.weekday}`], message: result.error });
      else hours.push(...result.intervals.map((i) => ({ weekday: day.weekday, ...i })));
    }
    return { userId: value.userId, timeZone: zone.data ?? value.timeZone, hours };
  });
export type WeeklyHoursInput = z.output<typeof WeeklyHoursSchema>;

export const OverrideSchema = z
  .object({
    userId: id,
    date: localDate,
    kind: z.enum(["off", "hours"], { error: "Choose a day off or different hours." }),
    intervals: z.array(RawInterval),
  })
  .transform((value, ctx) => {
    if (value.kind === "off") return { userId: value.userId, date: value.date, intervals: [] as MinuteInterval[] };
    const result = parseDayIntervals(value.intervals);
    if ("error" in result) {
      ctx.addIssue({ code: "custom", path: ["intervals"], message: result.error });
      return z.NEVER;
    }
    if (result.intervals.length === 0) {
      ctx.addIssue({ code: "custom", path: ["intervals"], message: "Add the hours for that date, or choose Day off." });
      return z.NEVER;
    }
    return { userId: value.userId, date: value.date, intervals: result.intervals };
  });
export type OverrideInput = z.output<typeof OverrideSchema>;

export const RemoveOverrideSchema = z.object({ userId: id, date: localDate });
