// The slot engine's contract: plain data in, plain data out, no I/O. Instants are epoch
// milliseconds; intervals are half-open [start, end). Local times are read in IANA zones.

export interface Interval {
  start: number;
  end: number;
}

/** One weekly working interval in the staff member's own zone; minutes after local midnight. */
export interface WeeklyHours {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  startMinute: number;
  /** Exclusive; at most 1440. */
  endMinute: number;
}

/** Replaces the weekly hours on one local date: empty `intervals` means a day off. */
export interface DateOverride {
  /** Local date "YYYY-MM-DD" in the staff member's zone. */
  date: string;
  intervals: { startMinute: number; endMinute: number }[];
}

export interface StaffSchedule {
  staffId: string;
  timeZone: string;
  weeklyHours: WeeklyHours[];
  overrides: DateOverride[];
  /** CRM appointments on any booking calendar, each already padded by its own calendar's buffers; any order. */
  appointments: Interval[];
  /** Read-only iCloud busy time; empty for calendars where iCloud does not apply. */
  busyBlocks: Interval[];
  /**
   * Existing active bookings of this staff member on THIS booking calendar, for the daily cap:
   * their start instants (the day is the staff member's local day).
   */
  bookingStartsOnCalendar: number[];
  /** False when the member may not be booked at all (e.g. stale iCloud data); no slots then. */
  available?: boolean;
}

export interface SlotRules {
  durationMs: number;
  /** Slot starts are on a grid of this step from local midnight in `timeZone`. */
  intervalMs: number;
  bufferBeforeMs: number;
  bufferAfterMs: number;
  /** No slot may start before now + minimumNoticeMs. */
  minimumNoticeMs: number;
  /** The booking window, absolute: slots start inside [window.start, window.end). */
  window: Interval;
  maxPerDayPerStaff: number | null;
  maxPerDayTotal: number | null;
  /** The booking calendar's zone: the slot grid and the per-calendar daily cap use its days. */
  timeZone: string;
  /** Start instants of every active booking on this calendar, for maxPerDayTotal. */
  calendarBookingStarts: number[];
}

export type Combination = "ANY" | "ALL";

export interface SlotQuery {
  rules: SlotRules;
  staff: StaffSchedule[];
  /** ANY: round robin and service (a slot needs one free member); ALL: collective. */
  combine: Combination;
  /** The range asked for (the slots API's start/end), intersected with the window. */
  range: Interval;
  now: number;
}

export interface Slot {
  start: number;
  end: number;
  /** Members free for this slot (ANY: at least one; ALL: every member). */
  staffIds: string[];
}

export interface ClassOccurrenceInput {
  sessionId: string;
  instructorId: string;
  start: number;
  end: number;
  capacity: number;
  seatsTaken: number;
}

export interface ClassSlot {
  sessionId: string;
  start: number;
  end: number;
  seatsLeft: number;
  instructorId: string;
}
