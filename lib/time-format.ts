import { canonicalTimeZone, listTimeZones, utcOffsetMinutes } from "@/lib/time-zones";
import { BoundedCache } from "@/lib/bounded-cache";

// How the app writes times, dates and time zones: staff pages, the staff calendar (FullCalendar)
// and the public booking pages alike, so one appointment reads the same wherever it is shown.
//
// The clock is 24-hour ("14:00"): customers book from anywhere, and "14:00" cannot be misread the
// way "2pm"/"2:00 PM" can in countries that write the 24-hour clock; the public pages and the
// working-hours editor (HH:MM fields) already used it. hourCycle "h23" rather than hour12: false,
// which some ICU versions print as "24:00" at midnight.
//
// Dates are day-month-year with the weekday, "Thu 3 Dec 2026" (never "12/3", which half the world
// reads as 12 March); headings spell them out, "Thursday 3 December 2026".
//
// A zone is its current IANA name with its UTC offset at the instant shown:
// "America/New_York (UTC−05:00)"; in a list, offset first so the list reads in order:
// "(UTC+05:30) Asia/Kolkata".

const LOCALE = "en-GB";

/** The clock for Intl and for FullCalendar's eventTimeFormat / slotLabelFormat. */
export const CLOCK: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };

const SHORT_DATE: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short", year: "numeric" };
const LONG_DATE: Intl.DateTimeFormatOptions = { weekday: "long", day: "numeric", month: "long", year: "numeric" };

type Instant = Date | number | string;

/** Bounded: one per zone and format; zones come from users and browsers. */
const formatters = new BoundedCache<string, Intl.DateTimeFormat>(512);

function format(at: Instant, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): string {
  const key = JSON.stringify([timeZone ?? "", options]);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone });
    formatters.set(key, f);
  }
  // en-GB puts a comma after the weekday ("Thu, 3 Dec 2026") in some ICU versions and not in others.
  return f.format(new Date(at)).replace(/^(\p{L}+),/u, "$1");
}

// The functions below take the zone to show the instant in; without one, the runtime's own
// (the browser's, for the staff calendar, which draws in the browser's zone).

/** "14:00" */
export function formatTime(at: Instant, timeZone?: string): string {
  return format(at, timeZone, CLOCK);
}

/** "Thu 3 Dec 2026" */
export function formatDate(at: Instant, timeZone?: string): string {
  return format(at, timeZone, SHORT_DATE);
}

/** "Thursday 3 December 2026", for headings. */
export function formatLongDate(at: Instant, timeZone?: string): string {
  return format(at, timeZone, LONG_DATE);
}

/** A wall date "2026-12-03" (no instant, no zone) as "Thu 3 Dec 2026", or in "long" form. */
export function formatLocalDate(date: string, style: "short" | "long" = "short"): string {
  return format(`${date}T12:00:00Z`, "UTC", style === "long" ? LONG_DATE : SHORT_DATE);
}

/** "14:00–14:30", or "23:00–Fri 4 Dec 2026, 01:00" when it ends on another day. */
export function formatTimeRange(start: Instant, end: Instant, timeZone?: string): string {
  const endText = formatDate(end, timeZone) === formatDate(start, timeZone) ? formatTime(end, timeZone) : formatDateTime(end, timeZone);
  return `${formatTime(start, timeZone)}–${endText}`;
}

/** "Thu 3 Dec 2026, 14:00" */
export function formatDateTime(at: Instant, timeZone?: string): string {
  return `${formatDate(at, timeZone)}, ${formatTime(at, timeZone)}`;
}

/** "Thu 3 Dec 2026, 14:00 America/New_York (UTC−05:00)" */
export function formatDateTimeInZone(at: Instant, timeZone: string): string {
  return `${formatDateTime(at, timeZone)} ${zoneLabel(timeZone, at)}`;
}

/** "Thu 3 Dec 2026, 14:00–14:30 America/New_York (UTC−05:00)": an appointment, wherever it is shown. */
export function formatWhen(start: Instant, end: Instant, timeZone: string): string {
  return `${formatDate(start, timeZone)}, ${formatTimeRange(start, end, timeZone)} ${zoneLabel(timeZone, start)}`;
}

/** "UTC+05:30", "UTC−05:00" (a true minus sign), "UTC+00:00". */
export function formatUtcOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `UTC${minutes < 0 ? "\u2212" : "+"}${hh}:${mm}`;
}

/** The current IANA name of a zone, even when given an old one ("Asia/Calcutta" → "Asia/Kolkata"). */
export function zoneName(timeZone: string): string {
  return canonicalTimeZone(timeZone) ?? timeZone;
}

/** "America/New_York (UTC−05:00)" at that instant (UTC−04:00 in summer); "UTC" alone. */
export function zoneLabel(timeZone: string, at: Instant = Date.now()): string {
  const name = zoneName(timeZone);
  if (name === "UTC") return "UTC";
  return `${name} (${formatUtcOffset(utcOffsetMinutes(name, new Date(at)))})`;
}

/** "(UTC+05:30) Asia/Kolkata": an entry of a time-zone list. */
export function zoneOptionLabel(timeZone: string, at: Instant = Date.now()): string {
  const name = zoneName(timeZone);
  return `(${formatUtcOffset(utcOffsetMinutes(name, new Date(at)))}) ${name}`;
}

export interface TimeZoneOption {
  value: string;
  label: string;
}

/**
 * The options of a time-zone select: current names only, labelled and sorted by their offset at
 * `at`, then by name, with UTC. `current` (a saved or detected zone, possibly an old name) is
 * always there under its current name; give the select `zoneName(current)` as its value.
 */
export function timeZoneOptions(current?: string, at: Instant = Date.now()): TimeZoneOption[] {
  const instant = new Date(at);
  return listTimeZones(current, instant).map((zone) => ({ value: zone, label: zoneOptionLabel(zone, instant) }));
}
