// The staff calendar view's data, shared by the domain functions, the route handler and the client
// component (types only: nothing here imports the database).

import type { PushState } from "@/lib/sync/push/status";

export interface ViewedMember {
  id: string;
  name: string;
  timeZone: string;
}

/**
 * Where an appointment stands in the member's iCloud calendar, in the words of the appointment
 * page (lib/sync/push/status.ts); null for SIMPLE calendars (no iCloud).
 */
export type ICloudSyncState = { state: PushState; label: string };

export interface AppointmentItem {
  /** The staff hold's id: an appointment with several members is one item per member. */
  id: string;
  kind: "appointment" | "class";
  staff: { id: string; name: string };
  start: Date;
  end: Date;
  calendarName: string;
  serviceName: string | null;
  /** The customer (appointments) or null (class occurrences, which have many). */
  customerName: string | null;
  classTitle: string | null;
  seatsBooked: number | null;
  capacity: number | null;
  /** The staff appointment page; a class occurrence links to its first booked seat. */
  href: string | null;
  iCloud: ICloudSyncState | null;
}

export interface BusyBlockItem {
  id: string;
  staff: { id: string; name: string };
  start: Date;
  end: Date;
  /** For all-day blocks, the owner's local dates (end exclusive), so the all-day row shows the right days. */
  allDay: { start: string; end: string } | null;
  /** The iCloud title for its owner only; "Busy" for anyone else, admins included. */
  title: string;
  calendarName: string;
  color: string | null;
  lastRefreshedAt: Date | null;
}

/** Time a member blocked off in the CRM: like an appointment for availability, editable here. */
export interface BlockedTimeItem {
  id: string;
  staff: { id: string; name: string; timeZone: string };
  title: string;
  start: Date;
  end: Date;
  /** All day: the member's local dates (end exclusive), for the all-day row. */
  allDay: { start: string; end: string } | null;
  /** Wall times in the member's zone, as the edit form shows them (endDate: the last day for all-day). */
  local: { startDate: string; startTime: string; endDate: string; endTime: string };
  /** One occurrence of a weekly repeat. */
  repeats: boolean;
  /** The member themselves or an admin. */
  editable: boolean;
}

export interface CalendarFreshness {
  id: string;
  staff: { id: string; name: string };
  displayName: string;
  color: string | null;
  lastRefreshedAt: Date | null;
  connectionStatus: "ACTIVE" | "NEEDS_REAUTH" | "ERROR";
}

export interface CalendarFeed {
  members: ViewedMember[];
  appointments: AppointmentItem[];
  busyBlocks: BusyBlockItem[];
  blockedTime: BlockedTimeItem[];
  calendars: CalendarFreshness[];
}

/** What JSON makes of a value: dates become ISO strings (one level deep is all the feed needs). */
type WireValue<T> = T extends Date ? string : T;
export type Wire<T> = { [K in keyof T]: WireValue<T[K]> };

export interface CalendarFeedJson {
  members: ViewedMember[];
  appointments: Wire<AppointmentItem>[];
  busyBlocks: Wire<BusyBlockItem>[];
  blockedTime: Wire<BlockedTimeItem>[];
  calendars: Wire<CalendarFreshness>[];
}
