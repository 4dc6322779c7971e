import { zonedTimeToInstant } from "@/lib/availability";
import type { Interval, SlotRules } from "@/lib/availability/types";
import type { BookingCalendar, BookingCalendarType, Prisma } from "@/lib/generated/prisma/client";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * iCloud applies to every booking calendar type except SIMPLE (docs/ARCHITECTURE.md). The one
 * owner of that rule: code asks usesICloud, queries use ICLOUD_CALENDAR (a BookingCalendar
 * filter) or ICLOUD_TYPES (for SQL), never a hand-written "not SIMPLE".
 */
export const ICLOUD_TYPES = ["ROUND_ROBIN", "COLLECTIVE", "CLASS", "SERVICE"] as const satisfies readonly BookingCalendarType[];

export function usesICloud(type: string): boolean {
  return (ICLOUD_TYPES as readonly string[]).includes(type);
}

/** Prisma's filter for booking calendars that use iCloud. */
export const ICLOUD_CALENDAR = { type: { in: [...ICLOUD_TYPES] } } satisfies Prisma.BookingCalendarWhereInput;

/** The window in which slots may start: a fixed local date range, or rolling days from now. */
export function bookingWindow(calendar: BookingCalendar, now: number): Interval {
  if (calendar.windowStartDate && calendar.windowEndDate) {
    const start = zonedTimeToInstant(calendar.windowStartDate.toISOString().slice(0, 10), 0, calendar.timeZone);
    const end = zonedTimeToInstant(calendar.windowEndDate.toISOString().slice(0, 10), 1440, calendar.timeZone);
    return { start: Math.max(start, now), end };
  }
  return { start: now, end: now + calendar.windowRollingDays * DAY_MS };
}

export function slotRules(
  calendar: BookingCalendar,
  options: { now: number; durationMinutes?: number; calendarBookingStarts: number[]; staffMove?: boolean },
): SlotRules {
  const durationMinutes = options.durationMinutes ?? calendar.durationMinutes;
  return {
    durationMs: durationMinutes * MINUTE_MS,
    // A staff member's own move is not bound to the customers' grid or notice (SlotRequest.staffMove).
    intervalMs: options.staffMove ? MINUTE_MS : (calendar.slotIntervalMinutes ?? durationMinutes) * MINUTE_MS,
    bufferBeforeMs: calendar.bufferBeforeMinutes * MINUTE_MS,
    bufferAfterMs: calendar.bufferAfterMinutes * MINUTE_MS,
    minimumNoticeMs: options.staffMove ? 0 : calendar.minimumNoticeMinutes * MINUTE_MS,
    window: bookingWindow(calendar, options.now),
    maxPerDayPerStaff: calendar.maxPerDayPerStaff,
    maxPerDayTotal: calendar.maxPerDayTotal,
    timeZone: calendar.timeZone,
    calendarBookingStarts: options.calendarBookingStarts,
  };
}
