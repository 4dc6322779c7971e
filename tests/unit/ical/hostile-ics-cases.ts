// Hostile iCalendar objects for the busy reader: unbounded rules, huge fields, invalid dates, bad
// TZIDs and broken structure. Each case says how its result must be classified:
//  - "read":       busy time determined; nothing in `unreadable`
//  - "event":      at least one event's busy time unknown: `unreadable` names it (uid set)
//  - "object":     the whole object unknown: `unreadable` has a uid-null entry
// plus, where the answer is known by hand, the exact number of busy intervals.

import type { ParseLimits } from "@/lib/ical/busy";
import { BERLIN_VTIMEZONE, calendar, vevent } from "./helpers";

export type Verdict = "read" | "event" | "object";

export interface HostileCase {
  name: string;
  ics: () => string;
  verdict: Verdict;
  /** Exact number of intervals, when it follows from the case by hand. */
  intervals?: number;
  /** A skipped reason must match this. */
  skipped?: RegExp;
  limits?: ParseLimits;
}

// The default window (helpers.options): 2026-03-01 – 2026-05-01, owner Europe/Berlin.
const at10 = ["DTSTART:20260310T090000Z", "DURATION:PT1H"];
const one = (...lines: string[]) => calendar(vevent(lines, "hostile"));
const ruled = (rule: string, start = "DTSTART:20260310T090000Z") => one(start, "DURATION:PT30M", `RRULE:${rule}`);
const list = (n: number, f: (i: number) => string | number) => Array.from({ length: n }, (_, i) => f(i)).join(",");
const berlin = (tzid: string) => calendar(vevent([`DTSTART;TZID=${tzid}:20260310T090000`, "DURATION:PT1H"], "hostile"));
const customZone = (lines: string[], tzid = "Custom Zone") =>
  calendar(
    ["BEGIN:VTIMEZONE", `TZID:${tzid}`, ...lines, "END:VTIMEZONE"].join("\r\n"),
    vevent([`DTSTART;TZID=${tzid}:20260310T090000`, "DURATION:PT1H"], "hostile"),
  );
const observance = (kind: string, extra: string[] = [], from = "+0100", to = "+0100") =>
  [`BEGIN:${kind}`, "DTSTART:19700101T000000", `TZOFFSETFROM:${from}`, `TZOFFSETTO:${to}`, ...extra, `END:${kind}`].join("\r\n");

export const RULE_CASES: HostileCase[] = [
  // 61 days in the window, 03-01 .. 04-30.
  {
    name: "DAILY without COUNT or UNTIL since 1900",
    ics: () => ruled("FREQ=DAILY", "DTSTART:19000101T090000Z"),
    verdict: "read",
    intervals: 61,
  },
  {
    name: "HOURLY without end since 2020 (skipped ahead)",
    ics: () => ruled("FREQ=HOURLY", "DTSTART:20200101T000000Z"),
    verdict: "read",
    intervals: 61 * 24,
  },
  {
    name: "HOURLY with 60 BYSECOND values: over 2000 occurrences in the window",
    ics: () => ruled(`FREQ=HOURLY;BYSECOND=${list(60, (i) => i)}`, "DTSTART:20260301T000000Z"),
    verdict: "event",
  },
  {
    name: "DAILY at every minute of the day (BYHOUR×BYMINUTE)",
    ics: () => ruled(`FREQ=DAILY;BYHOUR=${list(24, (i) => i)};BYMINUTE=${list(60, (i) => i)}`, "DTSTART:20260301T000000Z"),
    verdict: "event",
  },
  {
    name: "YEARLY BYSETPOS storm over every weekday",
    ics: () => ruled(`FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYSETPOS=${list(366, (i) => i + 1)}`, "DTSTART:20260101T090000Z"),
    verdict: "read",
    intervals: 61,
  },
  {
    name: "MONTHLY last weekday (BYSETPOS=-1)",
    ics: () => ruled("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "DTSTART:20260130T090000Z"),
    verdict: "read",
    intervals: 2,
  },
  // RFC 5545 gives the first and last day of each month (4 in the window); ical.js 2.2.1 ignores
  // BYSETPOS here and gives every day: more busy time than written, never less.
  {
    name: "MONTHLY with BYMONTHDAY ±1..31 and BYSETPOS 1,-1 (bounded, over-blocks)",
    ics: () =>
      ruled(`FREQ=MONTHLY;BYMONTHDAY=${list(31, (i) => i + 1)},${list(31, (i) => -(i + 1))};BYSETPOS=1,-1`, "DTSTART:20260101T090000Z"),
    verdict: "read",
    intervals: 61,
  },
  // Invalid INTERVAL and COUNT values are read as ical.js reads them (INTERVAL 1, no COUNT):
  // more busy time, never less. 52 = 03-10 .. 04-30.
  { name: "INTERVAL=0", ics: () => ruled("FREQ=DAILY;INTERVAL=0"), verdict: "read", intervals: 52 },
  { name: "INTERVAL=1000000 (only DTSTART in the window)", ics: () => ruled("FREQ=DAILY;INTERVAL=1000000"), verdict: "read", intervals: 1 },
  { name: "INTERVAL=999999999999", ics: () => ruled("FREQ=WEEKLY;INTERVAL=999999999999"), verdict: "read", intervals: 1 },
  { name: "INTERVAL=-1", ics: () => ruled("FREQ=DAILY;INTERVAL=-1"), verdict: "read", intervals: 52 },
  { name: "COUNT=0", ics: () => ruled("FREQ=DAILY;COUNT=0"), verdict: "read", intervals: 52 },
  { name: "COUNT=-5", ics: () => ruled("FREQ=DAILY;COUNT=-5"), verdict: "read", intervals: 1 },
  { name: "COUNT with 20 digits", ics: () => ruled("FREQ=DAILY;COUNT=99999999999999999999"), verdict: "read", intervals: 52 },
  { name: "UNTIL before DTSTART: only DTSTART", ics: () => ruled("FREQ=DAILY;UNTIL=20200101T000000Z"), verdict: "read", intervals: 1 },
  {
    name: "UNTIL is an impossible date: ignored, the rule runs on",
    ics: () => ruled("FREQ=DAILY;UNTIL=20261399T000000Z"),
    verdict: "read",
    intervals: 52,
    skipped: /UNTIL is not a valid date/,
  },
  { name: "BYMONTHDAY with 5000 values", ics: () => ruled(`FREQ=MONTHLY;BYMONTHDAY=${list(5000, (i) => (i % 28) + 1)}`), verdict: "read" },
  {
    name: "BYDAY with 5000 entries",
    ics: () => ruled(`FREQ=WEEKLY;BYDAY=${list(5000, (i) => ["MO", "TU", "WE"][i % 3]!)}`),
    verdict: "read",
  },
  { name: "BYHOUR with 5000 values", ics: () => ruled(`FREQ=DAILY;BYHOUR=${list(5000, (i) => i % 24)}`), verdict: "read" },
  {
    name: "BYMONTH=13: the rule cannot be read, fail closed",
    ics: () => ruled("FREQ=YEARLY;BYMONTH=13"),
    verdict: "event",
    intervals: 0,
    skipped: /could not be parsed/,
  },
  { name: "BYMONTHDAY=0", ics: () => ruled("FREQ=MONTHLY;BYMONTHDAY=0"), verdict: "read" },
  { name: "YEARLY BYWEEKNO=53", ics: () => ruled("FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO"), verdict: "read" },
  { name: "YEARLY BYYEARDAY=366,-366", ics: () => ruled("FREQ=YEARLY;BYYEARDAY=366,-366"), verdict: "read" },
  {
    name: "WKST=XX: the rule cannot be read, fail closed",
    ics: () => ruled("FREQ=WEEKLY;WKST=XX;BYDAY=MO"),
    verdict: "event",
    intervals: 0,
  },
  {
    name: "FREQ=SECONDLY: fail closed, DTSTART still blocks",
    ics: () => ruled("FREQ=SECONDLY"),
    verdict: "event",
    intervals: 1,
    skipped: /FREQ=SECONDLY is not supported/,
  },
  {
    name: "FREQ=MINUTELY with COUNT: fail closed",
    ics: () => ruled("FREQ=MINUTELY;COUNT=5"),
    verdict: "event",
    intervals: 1,
    skipped: /FREQ=MINUTELY/,
  },
  {
    name: "FREQ=FORTNIGHTLY: the VEVENT cannot be parsed",
    ics: () => ruled("FREQ=FORTNIGHTLY"),
    verdict: "event",
    intervals: 0,
    skipped: /could not be parsed/,
  },
  {
    name: "50 daily RRULEs in one event share the occurrence limit",
    ics: () => one(...at10, ...Array.from({ length: 50 }, (_, i) => `RRULE:FREQ=DAILY;BYHOUR=${i % 24}`)),
    verdict: "event",
    skipped: /more than 2000 occurrences/,
  },
  {
    name: "5000 RDATEs in the window: over the limit",
    ics: () =>
      one(
        ...at10,
        `RDATE:${list(5000, (i) => `2026031${i % 10}T${String(i % 24).padStart(2, "0")}${String(i % 60).padStart(2, "0")}00Z`)}`,
      ),
    verdict: "event",
  },
  {
    name: "5000 RDATEs all in 1990: over the limit, none near the window",
    ics: () =>
      one(
        "DTSTART:19900101T090000Z",
        "DURATION:PT1H",
        `RDATE:${list(5000, (i) => `1990${String((i % 12) + 1).padStart(2, "0")}${String((i % 28) + 1).padStart(2, "0")}T${String(i % 24).padStart(2, "0")}0000Z`)}`,
      ),
    verdict: "read",
    intervals: 0,
    skipped: /more than 2000 occurrences/,
  },
  {
    name: "5000 EXDATEs",
    ics: () =>
      one(
        ...at10,
        "RRULE:FREQ=DAILY",
        `EXDATE:${list(5000, (i) => `1990${String((i % 12) + 1).padStart(2, "0")}${String((i % 28) + 1).padStart(2, "0")}T090000Z`)}`,
      ),
    verdict: "read",
    intervals: 52,
  },
  {
    name: "RSCALE=HEBREW with a leap month: never read as Gregorian",
    ics: () => ruled("RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8"),
    verdict: "event",
    intervals: 1,
    skipped: /RSCALE=HEBREW/,
  },
  {
    name: "a leap month without RSCALE (BYMONTH=5L)",
    ics: () => ruled("FREQ=YEARLY;BYMONTH=5L;BYMONTHDAY=8"),
    verdict: "event",
    intervals: 1,
    skipped: /leap month/,
  },
  {
    name: "RSCALE on a cancelled event: nothing to block",
    ics: () => one("DTSTART:20260310T090000Z", "DURATION:PT30M", "STATUS:CANCELLED", "RRULE:RSCALE=HEBREW;FREQ=MONTHLY"),
    verdict: "read",
    intervals: 0,
    skipped: /RSCALE=HEBREW/,
  },
  {
    name: "RSCALE=CHINESE monthly",
    ics: () => ruled("RSCALE=CHINESE;FREQ=MONTHLY"),
    verdict: "event",
    intervals: 1,
    skipped: /RSCALE=CHINESE/,
  },
  {
    name: "RSCALE=GREGORIAN;SKIP=BACKWARD",
    ics: () => ruled("RSCALE=GREGORIAN;FREQ=MONTHLY;SKIP=BACKWARD", "DTSTART:20260131T090000Z"),
    verdict: "event",
    skipped: /SKIP=BACKWARD/,
  },
  { name: "RSCALE=GREGORIAN alone is RFC 5545's meaning", ics: () => ruled("RSCALE=GREGORIAN;FREQ=WEEKLY"), verdict: "read", intervals: 8 },
  {
    name: "CALSCALE:HEBREW object",
    ics: () => calendar(vevent(at10, "hostile")).replace("CALSCALE:GREGORIAN", "CALSCALE:HEBREW"),
    verdict: "object",
    intervals: 0,
  },
  {
    // Each tests ~1400 candidate hours in the window: 100 of them exhaust the object's 100 000.
    name: "100 events that match nothing for years share one step budget",
    ics: () =>
      calendar(
        ...Array.from({ length: 100 }, (_, i) =>
          vevent(["DTSTART:20260310T090000Z", "DURATION:PT30M", "RRULE:FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO"], `e${i}`),
        ),
      ),
    verdict: "event",
    skipped: /too much work/,
  },
];

const big = (n: number) => "x".repeat(n);

export const FIELD_CASES: HostileCase[] = [
  { name: "10 MB SUMMARY: over the byte limit", ics: () => one(...at10, `SUMMARY:${big(10_000_000)}`), verdict: "object", intervals: 0 },
  { name: "900 KB SUMMARY within the limit", ics: () => one(...at10, `SUMMARY:${big(900_000)}`), verdict: "read", intervals: 1 },
  {
    name: "a DESCRIPTION folded over 1 000 000 lines: over the byte limit",
    ics: () => one(...at10, `DESCRIPTION:${Array.from({ length: 1_000_000 }, () => "ab").join("\r\n ")}`),
    verdict: "object",
    intervals: 0,
  },
  {
    name: "a DESCRIPTION folded over 1 000 000 lines, limit raised: unfolded and read",
    ics: () => one(...at10, `DESCRIPTION:${Array.from({ length: 1_000_000 }, () => "ab").join("\r\n ")}`),
    limits: { maxObjectBytes: 50_000_000 },
    verdict: "read",
    intervals: 1,
  },
  { name: "a 500 KB UID", ics: () => calendar(vevent(at10, big(500_000))), verdict: "read", intervals: 1 },
  {
    name: "60 000 X- properties",
    ics: () => one(...at10, ...Array.from({ length: 60_000 }, (_, i) => `X-A${i % 10}:1`)),
    verdict: "read",
    intervals: 1,
  },
  {
    name: "400 VEVENTs (under the component limit)",
    ics: () =>
      calendar(
        ...Array.from({ length: 400 }, (_, i) =>
          vevent([`DTSTART:20260310T${String(i % 24).padStart(2, "0")}0000Z`, "DURATION:PT1H"], `e${i}`),
        ),
      ),
    verdict: "read",
    intervals: 400,
  },
  {
    name: "600 VEVENTs: over the component limit",
    ics: () => calendar(...Array.from({ length: 600 }, (_, i) => vevent(at10, `e${i}`))),
    verdict: "object",
    intervals: 0,
  },
  {
    name: "10 000 ATTENDEE lines",
    ics: () => one(...at10, ...Array.from({ length: 10_000 }, (_, i) => `ATTENDEE;PARTSTAT=ACCEPTED:mailto:a${i}@example.com`)),
    verdict: "read",
    intervals: 1,
  },
  {
    name: "10 000 VALARMs in one VEVENT",
    ics: () => one(...at10, ...Array.from({ length: 10_000 }, () => "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT5M\r\nEND:VALARM")),
    verdict: "read",
    intervals: 1,
  },
  {
    name: "a property with 10 000 parameters",
    ics: () => one(`DTSTART;${list(10_000, (i) => `X-P${i}=v`).replaceAll(",", ";")}:20260310T090000Z`, "DURATION:PT1H"),
    verdict: "read",
    intervals: 1,
  },
  {
    name: "one line of 900 KB without a colon",
    ics: () => one(...at10, big(900_000)),
    verdict: "read",
    intervals: 1,
    skipped: /malformed/,
  },
  {
    name: "500 KB of blank lines",
    ics: () => one(...at10).replace("BEGIN:VEVENT", `${"\r\n".repeat(250_000)}BEGIN:VEVENT`),
    verdict: "read",
    intervals: 1,
  },
  {
    name: "more intervals than maxIntervalsPerObject: fail closed",
    ics: () => ruled("FREQ=HOURLY", "DTSTART:20260301T000000Z"),
    limits: { maxIntervalsPerObject: 100 },
    verdict: "object",
    intervals: 100,
  },
];

export const DATE_CASES: HostileCase[] = [
  {
    name: "DTSTART 2026-13-99",
    ics: () => one("DTSTART:20261399T090000Z", "DURATION:PT1H"),
    verdict: "event",
    intervals: 0,
    skipped: /DTSTART is not a valid date/,
  },
  { name: "DTSTART 30 February", ics: () => one("DTSTART:20260230T090000Z", "DURATION:PT1H"), verdict: "event", intervals: 0 },
  {
    name: "DTSTART in year 0000 (outside the window)",
    ics: () => one("DTSTART:00000101T090000Z", "DURATION:PT1H"),
    verdict: "read",
    intervals: 0,
  },
  {
    name: "DTSTART in year 0000, yearly: expansion starts near the window",
    ics: () => one("DTSTART:00000310T090000Z", "DURATION:PT1H", "RRULE:FREQ=YEARLY"),
    verdict: "read",
    intervals: 1,
  },
  { name: "DTSTART in year 99999", ics: () => one("DTSTART:999990310T090000Z", "DURATION:PT1H"), verdict: "event", intervals: 0 },
  {
    name: "DTSTART on a leap second (read as :59)",
    ics: () => one("DTSTART:20260331T235960Z", "DURATION:PT1H"),
    verdict: "read",
    intervals: 1,
  },
  { name: "DTSTART at hour 24", ics: () => one("DTSTART:20260310T240000Z", "DURATION:PT1H"), verdict: "event", intervals: 0 },
  { name: "DTSTART of letters", ics: () => one("DTSTART:tomorrow", "DURATION:PT1H"), verdict: "event", intervals: 0 },
  {
    name: "DTEND 2026-13-99",
    ics: () => one("DTSTART:20260310T090000Z", "DTEND:20261399T100000Z"),
    verdict: "event",
    intervals: 0,
    skipped: /DTEND is not a valid date/,
  },
  {
    name: "DTEND before DTSTART",
    ics: () => one("DTSTART:20260310T090000Z", "DTEND:20260310T080000Z"),
    verdict: "event",
    intervals: 0,
    skipped: /DTEND is before DTSTART/,
  },
  {
    name: "negative DURATION",
    ics: () => one("DTSTART:20260310T090000Z", "DURATION:-PT1H"),
    verdict: "event",
    intervals: 0,
    skipped: /DURATION is negative/,
  },
  { name: "DURATION:P (no value)", ics: () => one("DTSTART:20260310T090000Z", "DURATION:P"), verdict: "event", intervals: 0 },
  {
    name: "DURATION:PT0S (zero length: a point in time, not reported)",
    ics: () => one("DTSTART:20260310T090000Z", "DURATION:PT0S"),
    verdict: "read",
    intervals: 0,
  },
  {
    name: "DURATION P99999999W: clamped, not failed",
    ics: () => one("DTSTART:20260310T090000Z", "DURATION:P99999999W"),
    verdict: "read",
    intervals: 1,
    skipped: /DURATION too large/,
  },
  {
    name: "DURATION of 400 digits: clamped",
    ics: () => one("DTSTART:20260310T090000Z", `DURATION:PT${"9".repeat(400)}S`),
    verdict: "read",
    intervals: 1,
    skipped: /DURATION too large/,
  },
  {
    name: "RECURRENCE-ID 2026-13-99",
    ics: () => one("DTSTART:20260310T090000Z", "DURATION:PT1H", "RECURRENCE-ID:20261399T090000Z"),
    verdict: "event",
    intervals: 0,
  },
  {
    name: "impossible DTSTART on a cancelled event: nothing to block",
    ics: () => one("DTSTART:20261399T090000Z", "DURATION:PT1H", "STATUS:CANCELLED"),
    verdict: "read",
    intervals: 0,
    skipped: /DTSTART is not a valid date/,
  },
  {
    name: "impossible DTSTART on a transparent event",
    ics: () => one("DTSTART:20261399T090000Z", "DURATION:PT1H", "TRANSP:TRANSPARENT"),
    verdict: "read",
    intervals: 0,
  },
  {
    name: "no DTSTART at all: not an event",
    ics: () => one("DURATION:PT1H", "SUMMARY:nothing"),
    verdict: "read",
    intervals: 0,
    skipped: /no DTSTART/,
  },
  { name: "VALUE=DATE with a time", ics: () => one("DTSTART;VALUE=DATE:20260310T090000", "DURATION:PT1H"), verdict: "event", intervals: 0 },
  {
    name: "unreadable EXDATE values: the occurrences stay busy",
    ics: () => one(...at10, "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20261399T090000Z,garbage"),
    verdict: "read",
    intervals: 3,
    skipped: /unreadable EXDATE/,
  },
  {
    name: "unreadable RDATE values: fail closed",
    ics: () => one(...at10, "RDATE:20261399T090000Z"),
    verdict: "event",
    intervals: 1,
    skipped: /unreadable RDATE/,
  },
  {
    name: "an override whose DTEND is before its DTSTART",
    ics: () =>
      calendar(
        vevent([...at10, "RRULE:FREQ=DAILY;COUNT=3"], "s"),
        vevent(["RECURRENCE-ID:20260311T090000Z", "DTSTART:20260311T120000Z", "DTEND:20260311T110000Z"], "s"),
      ),
    verdict: "event",
  },
];

export const TZID_CASES: HostileCase[] = [
  {
    name: "unknown TZID: read in the owner's zone, fail closed",
    ics: () => berlin("Mars/Olympus_Mons"),
    verdict: "event",
    intervals: 1,
    skipped: /unknown TZID/,
  },
  {
    name: "unknown TZID on a transparent event: nothing to block",
    ics: () => calendar(vevent(["DTSTART;TZID=Mars/Olympus_Mons:20260310T090000", "DURATION:PT1H", "TRANSP:TRANSPARENT"], "hostile")),
    verdict: "read",
    intervals: 0,
    skipped: /unknown TZID/,
  },
  { name: "empty TZID: floating time", ics: () => berlin(""), verdict: "read", intervals: 1 },
  { name: "10 KB TZID", ics: () => berlin(big(10_000)), verdict: "event", intervals: 1 },
  { name: "TZID with 5000 slashes", ics: () => berlin(list(5000, () => "Europe").replaceAll(",", "/")), verdict: "event", intervals: 1 },
  { name: "TZID with control characters", ics: () => berlin("Europe/Ber\u0001lin"), verdict: "event", intervals: 1 },
  { name: "TZID in mixed case is the IANA zone", ics: () => berlin("eUrOpE/bErLiN"), verdict: "read", intervals: 1 },
  {
    name: "prefixed TZID (/mozilla.org/…/Europe/Berlin)",
    ics: () => berlin("/mozilla.org/20050126_1/Europe/Berlin"),
    verdict: "read",
    intervals: 1,
  },
  { name: "quoted TZID", ics: () => berlin('"Europe/Berlin"'), verdict: "read", intervals: 1 },
  { name: "TZID of a Windows zone name without VTIMEZONE", ics: () => berlin("W. Europe Standard Time"), verdict: "event", intervals: 1 },
  {
    name: "VTIMEZONE with 41 observances: refused",
    ics: () => customZone(Array.from({ length: 41 }, () => observance("STANDARD"))),
    verdict: "event",
    intervals: 1,
  },
  {
    name: "VTIMEZONE with offset +9900: refused",
    ics: () => customZone([observance("STANDARD", [], "+9900", "+9900")]),
    verdict: "event",
    intervals: 1,
  },
  {
    name: "VTIMEZONE with 500 RDATEs: refused",
    ics: () => customZone([observance("STANDARD", [`RDATE:${list(500, (i) => `${1600 + i}0101T000000`)}`])]),
    verdict: "event",
    intervals: 1,
  },
  {
    name: "VTIMEZONE with an HOURLY observance rule: refused",
    ics: () => customZone([observance("STANDARD", ["RRULE:FREQ=HOURLY"])]),
    verdict: "event",
    intervals: 1,
  },
  {
    name: "VTIMEZONE observance rule with RSCALE: refused",
    ics: () => customZone([observance("STANDARD", ["RRULE:RSCALE=HEBREW;FREQ=YEARLY;BYMONTH=1"])]),
    verdict: "event",
    intervals: 1,
  },
  {
    name: "VTIMEZONE whose rule matches no date for centuries",
    ics: () => customZone([observance("STANDARD", ["RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"])]),
    verdict: "read",
    intervals: 1,
  },
  {
    name: "VTIMEZONE refused, but its TZID is an IANA name",
    ics: () =>
      calendar(
        BERLIN_VTIMEZONE.replace("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "RRULE:FREQ=SECONDLY"),
        vevent(["DTSTART;TZID=Europe/Berlin:20260310T090000", "DURATION:PT1H"], "hostile"),
      ),
    verdict: "read",
    intervals: 1,
    skipped: /resolved without it/,
  },
  {
    name: "VTIMEZONE without TZID",
    ics: () => calendar(["BEGIN:VTIMEZONE", observance("STANDARD"), "END:VTIMEZONE"].join("\r\n"), vevent(at10, "hostile")),
    verdict: "read",
    intervals: 1,
  },
  {
    name: "VTIMEZONE with a single DTSTART-only observance (fixed offset)",
    ics: () => customZone([observance("STANDARD", [], "+0300", "+0300")]),
    verdict: "read",
    intervals: 1,
  },
];

const nested = (n: number) => [...Array.from({ length: n }, () => "BEGIN:VALARM"), "ACTION:DISPLAY"];

export const STRUCTURE_CASES: HostileCase[] = [
  { name: "10 000 nested BEGIN lines without END", ics: () => one(...at10, ...nested(10_000)), verdict: "read" },
  {
    name: "10 000 nested BEGIN/END pairs",
    ics: () => one(...at10, ...nested(10_000), ...Array.from({ length: 10_000 }, () => "END:VALARM")),
    verdict: "read",
  },
  {
    name: "a VCALENDAR nested inside a VEVENT",
    ics: () => one(...at10, "BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART:20260311T090000Z", "END:VEVENT", "END:VCALENDAR"),
    verdict: "event",
    skipped: /no END line/,
  },
  {
    name: "missing END:VEVENT: fail closed",
    ics: () => calendar(vevent(at10, "hostile").replace("\r\nEND:VEVENT", "")),
    verdict: "event",
    intervals: 0,
    skipped: /no END line/,
  },
  {
    name: "missing END:VCALENDAR",
    ics: () => calendar(vevent(at10, "hostile")).replace("END:VCALENDAR", ""),
    verdict: "read",
    intervals: 1,
  },
  { name: "no VCALENDAR at all", ics: () => vevent(at10, "hostile"), verdict: "read", intervals: 0 },
  { name: "empty object", ics: () => "", verdict: "read", intervals: 0 },
  {
    name: "random bytes",
    ics: () => Array.from({ length: 100_000 }, (_, i) => String.fromCharCode((i * 7919) % 65_536)).join(""),
    verdict: "read",
    intervals: 0,
  },
  { name: "NUL bytes inside SUMMARY", ics: () => one(...at10, "SUMMARY:a\u0000b\u0000c"), verdict: "read", intervals: 1 },
  { name: "NUL byte in a property name", ics: () => one(...at10, "X-\u0000BAD:1"), verdict: "read", intervals: 1 },
  {
    name: "NUL byte in DTSTART's name: the line is dropped, so the event's time is unknown",
    ics: () => one("DT\u0000START:20260310T090000Z", "DURATION:PT1H"),
    verdict: "event",
    intervals: 0,
    skipped: /malformed/,
  },
  { name: "UTF-8 byte order mark before BEGIN:VCALENDAR", ics: () => `\uFEFF${one(...at10)}`, verdict: "read", intervals: 1 },
  { name: "LF line endings", ics: () => one(...at10).replaceAll("\r\n", "\n"), verdict: "read", intervals: 1 },
  { name: "CR line endings", ics: () => one(...at10).replaceAll("\r\n", "\r"), verdict: "read", intervals: 1 },
  {
    name: "CRLF, LF and CR mixed",
    ics: () =>
      one(...at10)
        .split("\r\n")
        .map((l, i) => l + ["\r\n", "\n", "\r"][i % 3])
        .join(""),
    verdict: "read",
    intervals: 1,
  },
  {
    name: "lower-case names",
    ics: () =>
      one(...at10)
        .replace(/^(BEGIN|END|DTSTART|DURATION|UID):/gm, (m) => m.toLowerCase())
        .replace(/:(VCALENDAR|VEVENT)$/gm, (m) => m.toLowerCase()),
    verdict: "read",
    intervals: 1,
  },
  {
    name: "two DTSTART properties: the first is used",
    ics: () => one("DTSTART:20260310T090000Z", "DTSTART:20260311T090000Z", "DURATION:PT1H"),
    verdict: "read",
    intervals: 1,
  },
  { name: "two UID properties", ics: () => one("UID:second", ...at10), verdict: "read", intervals: 1 },
  {
    name: "DTEND and DURATION both",
    ics: () => one("DTSTART:20260310T090000Z", "DTEND:20260310T100000Z", "DURATION:PT5H"),
    verdict: "read",
    intervals: 1,
  },
  { name: "two VCALENDARs in one object", ics: () => one(...at10) + one("DTSTART:20260311T090000Z", "DURATION:PT1H"), verdict: "read" },
  { name: "a stray END:VEVENT inside the event", ics: () => one(...at10, "END:VALARM", "END:VTODO"), verdict: "read", intervals: 1 },
  { name: "trailing spaces after values", ics: () => one("DTSTART:20260310T090000Z   ", "DURATION:PT1H  "), verdict: "read", intervals: 1 },
  {
    name: "a second BEGIN:VEVENT before the first ends",
    ics: () => calendar(vevent(at10, "a").replace("\r\nEND:VEVENT", ""), vevent(["DTSTART:20260311T090000Z", "DURATION:PT1H"], "b")),
    verdict: "event",
    intervals: 1,
  },
];

export const ALL_CASES: HostileCase[] = [...RULE_CASES, ...FIELD_CASES, ...DATE_CASES, ...TZID_CASES, ...STRUCTURE_CASES];
