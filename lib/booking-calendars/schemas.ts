import { z } from "zod";
import { BOOKING_CALENDAR_TYPES, ROUND_ROBIN_MODES } from "./calendar-types";
import { id, localDate, localTime, optionalLocalDate, optionalWholeNumber, timeZone, wholeNumber } from "./fields";

// One schema per input, shared by the forms' server actions and the domain's callers. Rules that
// need the database (organization membership, slug uniqueness, appointments) live in the domain.

const SLUG_RE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const SLUG_HELP = "Use 3–60 lowercase letters, digits and hyphens, not starting or ending with a hyphen.";

export const MemberSchema = z.object({ userId: id, priority: wholeNumber(0, 100) });

export const BookingCalendarSchema = z
  .object({
    type: z.enum(BOOKING_CALENDAR_TYPES, { error: "Choose a calendar type." }),
    name: z.string().trim().min(1, "Enter a name.").max(120, "Keep the name under 120 characters."),
    slug: z.string().trim().toLowerCase().min(3, SLUG_HELP).max(60, SLUG_HELP).regex(SLUG_RE, SLUG_HELP),
    description: z.string().trim().max(2000, "Keep the description under 2,000 characters.").default(""),
    timeZone,
    durationMinutes: wholeNumber(5, 720),
    slotIntervalMinutes: optionalWholeNumber(5, 720, "empty to use the duration"),
    bufferBeforeMinutes: wholeNumber(0, 240),
    bufferAfterMinutes: wholeNumber(0, 240),
    minimumNoticeMinutes: wholeNumber(0, 43_200),
    windowRollingDays: wholeNumber(1, 730),
    windowStartDate: optionalLocalDate,
    windowEndDate: optionalLocalDate,
    maxPerDayPerStaff: optionalWholeNumber(1, 1000, "empty for no limit"),
    maxPerDayTotal: optionalWholeNumber(1, 1000, "empty for no limit"),
    roundRobinMode: z.enum(ROUND_ROBIN_MODES, { error: "Choose a round-robin mode." }).default("OPTIMIZE_AVAILABILITY"),
    // Off, 1 hour or 24 hours before (the default, as most customers expect).
    reminderMinutes: z
      .enum(["off", "60", "1440"], { error: "Choose when the reminder goes out." })
      .default("1440")
      .transform((value) => (value === "off" ? null : Number(value))),
    members: z.array(MemberSchema).max(500).default([]),
  })
  .superRefine((value, ctx) => {
    const { windowStartDate: start, windowEndDate: end } = value;
    if ((start === null) !== (end === null)) {
      const path = start === null ? "windowStartDate" : "windowEndDate";
      ctx.addIssue({ code: "custom", path: [path], message: "Set both dates of a fixed range, or neither for the rolling window." });
    } else if (start !== null && end !== null && end < start) {
      ctx.addIssue({ code: "custom", path: ["windowEndDate"], message: "The last day can't be before the first day." });
    }
    const ids = value.members.map((m) => m.userId);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["members"], message: "A member is listed twice." });
  });
export type BookingCalendarInput = z.output<typeof BookingCalendarSchema>;

export const CalendarRefSchema = z.object({ bookingCalendarId: id });

export const ServiceSchema = z.object({
  name: z.string().trim().min(1, "Enter the service's name.").max(120, "Keep the name under 120 characters."),
  durationMinutes: wholeNumber(5, 720),
  staffIds: z.array(id).min(1, "Choose at least one staff member who provides this service.").max(500),
});
export type ServiceInput = z.output<typeof ServiceSchema>;

export const ServiceRefSchema = z.object({ bookingCalendarId: id, serviceId: id });

export const ClassSessionSchema = z
  .object({
    title: z.string().trim().min(1, "Enter the class's title.").max(120, "Keep the title under 120 characters."),
    instructorId: z.string({ error: "Choose an instructor." }).trim().min(1, "Choose an instructor."),
    /** The first occurrence's local date and time in the calendar's zone. */
    date: localDate,
    time: localTime,
    durationMinutes: wholeNumber(5, 720),
    capacity: wholeNumber(1, 1000),
    recurrence: z.enum(["NONE", "WEEKLY"], { error: "Choose once or weekly." }),
    repeatUntil: optionalLocalDate,
  })
  .superRefine((value, ctx) => {
    if (value.recurrence === "WEEKLY" && value.repeatUntil && value.date && value.repeatUntil < value.date) {
      ctx.addIssue({ code: "custom", path: ["repeatUntil"], message: "The last class can't be before the first one." });
    }
  })
  // A one-time class has no last date, whatever the form still carried.
  .transform((value) => (value.recurrence === "NONE" ? { ...value, repeatUntil: null } : value));
export type ClassSessionInput = z.output<typeof ClassSessionSchema>;

export const ClassSessionRefSchema = z.object({ bookingCalendarId: id, sessionId: id });
