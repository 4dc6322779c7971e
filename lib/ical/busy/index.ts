// Busy time from iCloud calendars: one CalDAV object (.ics) → busy intervals for availability,
// plus the CRM's own pushed events so the sync layer can see iCloud moving or deleting them.
// Pure: no I/O, no clock; instants are epoch ms, zones are IANA names or embedded VTIMEZONEs.

import { parseBusyIntervalsWithStats } from "./parse";
import type { ParseOptions, ParseResult } from "./types";

export type { BusyInterval, CrmEventSeen, ParseLimits, ParseOptions, ParseResult, SkippedComponent } from "./types";
export { ownerEmailsFor } from "./policy";

/** Never throws on bad calendar data (it is reported in `skipped`); throws on an invalid ownerTimeZone. */
export function parseBusyIntervals(ics: string, options: ParseOptions): ParseResult {
  const { intervals, crmEvents, crmIntervals, skipped, truncated, unreadable } = parseBusyIntervalsWithStats(ics, options);
  return { intervals, crmEvents, crmIntervals, skipped, truncated, unreadable };
}
