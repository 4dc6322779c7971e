// The busy-block reader's contract: one CalDAV object (.ics text) in, plain data out. Instants are
// epoch milliseconds; intervals are half-open [start, end).

export interface BusyInterval {
  /** Includes Apple travel time before the event (X-APPLE-TRAVEL-DURATION). */
  start: number;
  end: number;
  allDay: boolean;
  title: string;
  uid: string;
  /** The occurrence's RECURRENCE-ID instant, for recurring events (and overrides). */
  recurrenceId?: number;
}

/** An event the CRM pushed itself, seen again in iCloud: the sync layer compares it with what it wrote. */
export interface CrmEventSeen {
  uid: string;
  /** The X-CRM-APPOINTMENT value; null when the event was recognised by its UID alone. */
  appointmentRef: string | null;
  start: number;
  end: number;
  sequence: number | null;
  cancelled: boolean;
}

/** Data that was not (fully) used, and why. Policy filters (transparent, declined…) are not listed. */
export interface SkippedComponent {
  uid: string | null;
  reason: string;
}

export interface ParseLimits {
  /** Occurrences one event may produce from its RRULEs/RDATEs before expansion stops. Default 2000. */
  maxOccurrencesPerEvent?: number;
  /** Intervals returned for one object at most (the earliest are kept). Default 5000. */
  maxIntervalsPerObject?: number;
  /** Larger objects are not read at all. Default 1 000 000 (UTF-8 bytes). */
  maxObjectBytes?: number;
  /** Objects with more top-level components (VEVENT, VTIMEZONE, …) are not read at all. Default 500. */
  maxComponentsPerObject?: number;
}

export interface ParseOptions {
  /** Keep/expand only what overlaps this (epoch ms, half-open). */
  window: { start: number; end: number };
  /** IANA zone; floating times and all-day dates are read in it. */
  ownerTimeZone: string;
  /** Lowercased addresses of the calendar's owner (Apple ID, CRM email). */
  ownerEmails: string[];
  /** Default true: PARTSTAT=NEEDS-ACTION (or none) on the owner's ATTENDEE still blocks. */
  blockUnansweredInvitations?: boolean;
  limits?: ParseLimits;
}

export interface ParseResult {
  /** Sorted by start, deduplicated, not clipped to the window. */
  intervals: BusyInterval[];
  crmEvents: CrmEventSeen[];
  /**
   * The busy time of the events in `crmEvents`, expanded like any other event. Not busy for the
   * member whose own CRM event it is (the CRM already blocks that appointment); the caller adds
   * the intervals of every CRM-looking UID that is not one of the member's own, because UIDs
   * are predictable and a look-alike (an invitation, a copy) must not hide real busy time.
   */
  crmIntervals: BusyInterval[];
  skipped: SkippedComponent[];
  /** Some limit cut the results: the object, an event's expansion, or the interval count. */
  truncated: boolean;
  /**
   * Events (or the whole object, uid null) whose busy time could not be determined: the object
   * went over a size or component limit, or an event uses something the reader cannot expand
   * correctly. Non-empty means `intervals` may be missing busy time: the caller must fail closed
   * (keep the object's previous blocks, or treat the calendar as not fresh) and tell the owner.
   */
  unreadable: SkippedComponent[];
}

/** Work counters, for tests that check that expansion stays bounded without timing it. */
export interface ParseStats {
  /** Occurrences produced by RRULE iterators, RDATEs and DTSTARTs, over all events. */
  occurrencesExamined: number;
  /** Candidate dates ical.js's RRULE iterator tested, over all events. */
  ruleSteps: number;
}

export const DEFAULT_LIMITS: Required<ParseLimits> = {
  maxOccurrencesPerEvent: 2000,
  maxIntervalsPerObject: 5000,
  maxObjectBytes: 1_000_000,
  maxComponentsPerObject: 500,
};
