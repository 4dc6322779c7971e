// The booking calendar types and what each one needs. No imports: client components use it.

export const BOOKING_CALENDAR_TYPES = ["SIMPLE", "ROUND_ROBIN", "COLLECTIVE", "CLASS", "SERVICE"] as const;
export type BookingCalendarType = (typeof BOOKING_CALENDAR_TYPES)[number];

export const ROUND_ROBIN_MODES = ["OPTIMIZE_AVAILABILITY", "EQUAL_DISTRIBUTION"] as const;

/** Types whose staff are chosen as calendar members; SERVICE and CLASS take theirs from services and classes. */
export const MEMBER_TYPES: readonly string[] = ["SIMPLE", "ROUND_ROBIN", "COLLECTIVE"];
/** Types that can't offer any time without a member. */
export const MEMBERS_REQUIRED: readonly string[] = ["ROUND_ROBIN", "COLLECTIVE"];

export const TYPE_DESCRIPTIONS: Record<BookingCalendarType, string> = {
  SIMPLE: "A straightforward calendar for its members' working hours. No iCloud.",
  ROUND_ROBIN: "Each booking goes to one member, chosen by the round-robin mode.",
  COLLECTIVE: "Every member attends: a time is offered only when all of them are free.",
  CLASS: "Scheduled classes with an instructor and a number of seats.",
  SERVICE: "Customers pick a service; each service has its own length and staff.",
};

/** Read together as "<label>: <explanation>". */
export const ROUND_ROBIN_MODE_TEXT: Record<(typeof ROUND_ROBIN_MODES)[number], { label: string; explanation: string }> = {
  OPTIMIZE_AVAILABILITY: {
    label: "Optimize for availability",
    explanation: "the highest-priority free member; ties go to whoever was booked least recently.",
  },
  EQUAL_DISTRIBUTION: {
    label: "Equal distribution",
    explanation: "whoever has the fewest bookings this month; ties go to whoever was booked least recently.",
  },
};
