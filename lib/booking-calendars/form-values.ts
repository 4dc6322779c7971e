// What the forms render from: plain strings and numbers only, so pages can pass them to client
// components. No imports with side effects: client components import this file.

export const CALENDAR_FIELDS = [
  "type",
  "name",
  "slug",
  "description",
  "timeZone",
  "durationMinutes",
  "slotIntervalMinutes",
  "bufferBeforeMinutes",
  "bufferAfterMinutes",
  "minimumNoticeMinutes",
  "windowRollingDays",
  "windowStartDate",
  "windowEndDate",
  "maxPerDayPerStaff",
  "maxPerDayTotal",
  "roundRobinMode",
  "reminderMinutes",
] as const;
export type CalendarField = (typeof CALENDAR_FIELDS)[number];
export type CalendarFormValues = Record<CalendarField, string>;

export interface MemberValue {
  userId: string;
  priority: number;
}

export interface Person {
  id: string;
  name: string;
}

export interface ServiceView {
  id: string;
  name: string;
  durationMinutes: number;
  staffIds: string[];
}

export interface ClassSessionView {
  id: string;
  title: string;
  instructorId: string;
  /** The first occurrence, local to the calendar's zone. */
  date: string;
  time: string;
  durationMinutes: number;
  capacity: number;
  recurrence: "NONE" | "WEEKLY";
  repeatUntil: string;
}

export function newCalendarValues(timeZone: string): CalendarFormValues {
  return {
    type: "ROUND_ROBIN",
    name: "",
    slug: "",
    description: "",
    timeZone,
    durationMinutes: "30",
    slotIntervalMinutes: "",
    bufferBeforeMinutes: "0",
    bufferAfterMinutes: "0",
    minimumNoticeMinutes: "60",
    windowRollingDays: "60",
    windowStartDate: "",
    windowEndDate: "",
    maxPerDayPerStaff: "",
    maxPerDayTotal: "",
    roundRobinMode: "OPTIMIZE_AVAILABILITY",
    reminderMinutes: "1440",
  };
}
