// Small builders for iCalendar text in tests: Apple-shaped, CRLF, one VCALENDAR per object.

import type { ParseOptions } from "@/lib/ical/busy";

export const at = (iso: string) => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad ISO time: ${iso}`);
  return ms;
};
export const iso = (ms: number) => new Date(ms).toISOString().replace(/(:00)?\.000Z$/, "Z");

export const BERLIN_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Berlin",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "DTSTART:19810329T020000",
  "TZNAME:CEST",
  "TZOFFSETTO:+0200",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "DTSTART:19961027T030000",
  "TZNAME:CET",
  "TZOFFSETTO:+0100",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

export const NEW_YORK_VTIMEZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:America/New_York",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:-0500",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
  "DTSTART:20070311T020000",
  "TZNAME:EDT",
  "TZOFFSETTO:-0400",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:-0400",
  "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
  "DTSTART:20071104T020000",
  "TZNAME:EST",
  "TZOFFSETTO:-0500",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

/** A VEVENT from property lines (UID first unless given). */
export function vevent(lines: string[], uid = "test-event"): string {
  const hasUid = lines.some((l) => l.startsWith("UID"));
  return ["BEGIN:VEVENT", ...(hasUid ? [] : [`UID:${uid}`]), "DTSTAMP:20260301T090000Z", ...lines, "END:VEVENT"].join("\r\n");
}

export function calendar(...parts: string[]): string {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Apple Inc.//iCloud 2.0//EN",
    "CALSCALE:GREGORIAN",
    ...parts,
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

export function options(overrides: Partial<ParseOptions> = {}): ParseOptions {
  return {
    window: { start: at("2026-03-01T00:00Z"), end: at("2026-05-01T00:00Z") },
    ownerTimeZone: "Europe/Berlin",
    ownerEmails: ["anna@example.com"],
    ...overrides,
  };
}

/** Intervals as "start/end" ISO pairs, for compact expectations. */
export const spans = (intervals: { start: number; end: number }[]) => intervals.map((i) => `${iso(i.start)}/${iso(i.end)}`);
