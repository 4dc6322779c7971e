// The VTIMEZONE transition table (zones.ts) against an independent source: the runtime's IANA
// data through Intl. Multi-era definitions as Apple and Outlook write them (a rule with UNTIL,
// then a new rule; RDATE lists), checked hour by hour around every change.

import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { ianaZone, vtimezoneZone } from "@/lib/ical/busy/zones";

const HOUR = 3_600_000;

function zoneFrom(lines: string[]) {
  const component = new ICAL.Component(
    ICAL.parse(["BEGIN:VCALENDAR", ...lines, "END:VCALENDAR", ""].join("\r\n")) as unknown[],
  ).getFirstSubcomponent("vtimezone")!;
  const zone = vtimezoneZone(component, 2030);
  if (typeof zone === "string") throw new Error(zone);
  return zone;
}

/** Every hour from `from` to `to` (UTC ISO dates) where the two zones disagree. */
function disagreements(a: { offsetAt(i: number): number }, b: { offsetAt(i: number): number }, from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += HOUR) {
    if (a.offsetAt(t) !== b.offsetAt(t)) out.push(new Date(t).toISOString());
  }
  return out;
}

describe("VTIMEZONE transitions agree with the IANA data", () => {
  it("New York in two eras: the 1987-2006 rule ends with UNTIL, the 2007 rule follows", () => {
    const zone = zoneFrom([
      "BEGIN:VTIMEZONE",
      "TZID:America/New_York",
      "BEGIN:DAYLIGHT",
      "DTSTART:19870405T020000",
      "RRULE:FREQ=YEARLY;UNTIL=20060402T070000Z;BYMONTH=4;BYDAY=1SU",
      "TZOFFSETFROM:-0500",
      "TZOFFSETTO:-0400",
      "END:DAYLIGHT",
      "BEGIN:STANDARD",
      "DTSTART:19671029T020000",
      "RRULE:FREQ=YEARLY;UNTIL=20061029T060000Z;BYMONTH=10;BYDAY=-1SU",
      "TZOFFSETFROM:-0400",
      "TZOFFSETTO:-0500",
      "END:STANDARD",
      "BEGIN:DAYLIGHT",
      "DTSTART:20070311T020000",
      "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
      "TZOFFSETFROM:-0500",
      "TZOFFSETTO:-0400",
      "END:DAYLIGHT",
      "BEGIN:STANDARD",
      "DTSTART:20071104T020000",
      "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
      "TZOFFSETFROM:-0400",
      "TZOFFSETTO:-0500",
      "END:STANDARD",
      "END:VTIMEZONE",
    ]);
    const iana = ianaZone("America/New_York")!;
    expect(disagreements(zone, iana, "1990-01-01", "2030-01-01")).toEqual([]);
  });

  it("Berlin written as DTSTART + RDATE lists only (no RRULE)", () => {
    // Last Sundays of March (02:00 CET) and October (03:00 CEST), 2024-2027, written out.
    const zone = zoneFrom([
      "BEGIN:VTIMEZONE",
      "TZID:Berlin RDATEs",
      "BEGIN:DAYLIGHT",
      "DTSTART:20240331T020000",
      "RDATE:20250330T020000,20260329T020000",
      "RDATE:20270328T020000",
      "TZOFFSETFROM:+0100",
      "TZOFFSETTO:+0200",
      "END:DAYLIGHT",
      "BEGIN:STANDARD",
      "DTSTART:20231029T030000",
      "RDATE:20241027T030000,20251026T030000,20261025T030000,20271031T030000",
      "TZOFFSETFROM:+0200",
      "TZOFFSETTO:+0100",
      "END:STANDARD",
      "END:VTIMEZONE",
    ]);
    expect(disagreements(zone, ianaZone("Europe/Berlin")!, "2023-11-01", "2028-01-01")).toEqual([]);
  });

  it("a change placed by BYHOUR/BYMINUTE (Lord Howe-like half-hour shift at 02:00)", () => {
    // Australia/Lord_Howe: +10:30 standard, +11:00 summer; the change is at 02:00 local on the
    // first Sunday of April (to standard) and of October (to summer).
    const zone = zoneFrom([
      "BEGIN:VTIMEZONE",
      "TZID:Lord Howe",
      "BEGIN:STANDARD",
      "DTSTART:20080406T000000",
      "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;BYHOUR=2;BYMINUTE=0",
      "TZOFFSETFROM:+1100",
      "TZOFFSETTO:+1030",
      "END:STANDARD",
      "BEGIN:DAYLIGHT",
      "DTSTART:20081005T000000",
      "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU;BYHOUR=2;BYMINUTE=0",
      "TZOFFSETFROM:+1030",
      "TZOFFSETTO:+1100",
      "END:DAYLIGHT",
      "END:VTIMEZONE",
    ]);
    expect(disagreements(zone, ianaZone("Australia/Lord_Howe")!, "2009-01-01", "2030-01-01")).toEqual([]);
  });
});
