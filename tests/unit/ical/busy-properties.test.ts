// Properties over generated data: the shortcuts the reader takes (starting expansion near the
// window, its own VTIMEZONE table, its workarounds for ical.js) must give exactly what the slow,
// obvious way gives, and no input makes it throw.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBusyIntervals } from "@/lib/ical/busy";
import { at, BERLIN_VTIMEZONE, calendar, NEW_YORK_VTIMEZONE, options, vevent } from "./helpers";
import { ruleArb, rruleText } from "./rrule-arbitrary";
import { oracleOccurrences, synchronizedStart } from "./rrule-oracle";

const HOUR = 3_600_000;
const DAY = 86_400_000;
const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

describe("expansion near the window equals a naive day-by-day evaluation from DTSTART", () => {
  // Thousands of generated rules against a naive oracle: allow for a loaded 2-core machine.
  it("for random rules, starts, counts and windows (UTC, so walls are instants)", { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(
        ruleArb,
        fc.oneof(
          fc.integer({ min: at("2021-01-01T00:00Z") / HOUR, max: at("2026-02-01T00:00Z") / HOUR }),
          // Month ends and a leap day, where implied days do not exist in every month or year.
          fc
            .constantFrom("2024-02-29T09:00Z", "2021-01-31T18:00Z", "2023-05-31T00:00Z", "2022-08-30T07:00Z", "2025-12-31T23:00Z")
            .map((t) => at(t) / HOUR),
        ),
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 1, max: 90 }),
        fc.boolean(),
        (rule, startHour, windowOffset, windowDays, synchronize) => {
          // Real calendars write a DTSTART the rule produces; half the cases do, half need not.
          const dtstart = synchronize || rule.count ? synchronizedStart(rule, startHour * HOUR, 4000) : startHour * HOUR;
          if (dtstart === null) return;
          const window = {
            start: at("2026-01-01T00:00Z") + windowOffset * DAY,
            end: at("2026-01-01T00:00Z") + (windowOffset + windowDays) * DAY,
          };
          const oracleRule = rule.until === undefined ? rule : { ...rule, until: dtstart + rule.until * DAY };
          const all = oracleOccurrences(oracleRule, dtstart, window.end);
          if (!all) return; // COUNT with a DTSTART the rule does not produce: undefined by RFC 5545
          const expected = all.filter((s) => s < window.end && s + HOUR > window.start);
          const ics = calendar(vevent([`DTSTART:${stamp(dtstart)}`, "DURATION:PT1H", `RRULE:${rruleText(rule, dtstart)}`]));
          const result = parseBusyIntervals(ics, options({ window, ownerTimeZone: "UTC", limits: { maxOccurrencesPerEvent: 200_000 } }));
          // The only note allowed: a rule no date can satisfy (e.g. BYMONTH=9;BYMONTHDAY=31).
          expect(result.skipped.filter((s) => !s.reason.startsWith("RRULE matches no date"))).toEqual([]);
          expect(result.truncated).toBe(false);
          expect(result.intervals.map((i) => new Date(i.start).toISOString())).toEqual(expected.map((t) => new Date(t).toISOString()));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

const EXCHANGE_CET_AS_BERLIN = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Berlin",
  "BEGIN:STANDARD",
  "DTSTART:16010101T030000",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10",
  "END:STANDARD",
  "BEGIN:DAYLIGHT",
  "DTSTART:16010101T020000",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3",
  "END:DAYLIGHT",
  "END:VTIMEZONE",
].join("\r\n");

describe("embedded VTIMEZONEs read like Intl's IANA zones", () => {
  // Apple's VTIMEZONEs carry only today's rules: Berlin's since 1996, New York's since 2007.
  const zones = [
    { tzid: "Europe/Berlin", vtimezone: BERLIN_VTIMEZONE, fromYear: 1997, days: ["0329", "1025", "0326", "1029"] },
    { tzid: "America/New_York", vtimezone: NEW_YORK_VTIMEZONE, fromYear: 2008, days: ["0308", "1101", "0310", "1103"] },
    // Exchange-style observances from 1601, compared with Intl's Europe/Berlin (same rules since 1996).
    { tzid: "Europe/Berlin", vtimezone: EXCHANGE_CET_AS_BERLIN, fromYear: 1997, days: ["0329", "1025", "0326", "1029"] },
  ];
  const wall = fc.record({
    zone: fc.constantFrom(...zones),
    year: fc.integer({ min: 0, max: 30 }),
    // Half the cases on or next to transition days, at the hours that are skipped or repeated.
    date: fc.oneof(
      fc
        .record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
        .map(({ month, day }) => `${month}`.padStart(2, "0") + `${day}`.padStart(2, "0")),
      fc.constant("transition"),
    ),
    pick: fc.integer({ min: 0, max: 3 }),
    hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(1, 2, 3)),
    minute: fc.constantFrom(0, 15, 30, 59),
  });

  it("for random wall times, including gaps and repeated hours", () => {
    fc.assert(
      fc.property(wall, ({ zone, year, date, pick, hour, minute }) => {
        const y = zone.fromYear + year;
        const day = date === "transition" ? zone.days[pick]! : date;
        const text = `${y}${day}T${`${hour}`.padStart(2, "0")}${`${minute}`.padStart(2, "0")}00`;
        const event = vevent([`DTSTART;TZID=${zone.tzid}:${text}`, "DURATION:PT1H"]);
        const window = { start: at("1990-01-01T00:00Z"), end: at("2045-01-01T00:00Z") };
        const viaVtimezone = parseBusyIntervals(calendar(zone.vtimezone, event), options({ window }));
        const viaIntl = parseBusyIntervals(calendar(event), options({ window }));
        expect(viaVtimezone.intervals).toHaveLength(1);
        expect(viaVtimezone.intervals).toEqual(viaIntl.intervals);
      }),
      { numRuns: 400 },
    );
  });
});

describe("recurring events keep their local wall time across DST", () => {
  const local = (ms: number, timeZone: string) =>
    new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(ms);

  it("for daily/weekly/monthly rules in zones with and without a VTIMEZONE, started years earlier", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          { tzid: "Europe/Berlin", vtimezone: BERLIN_VTIMEZONE },
          { tzid: "Europe/Berlin", vtimezone: "" },
          { tzid: "America/New_York", vtimezone: NEW_YORK_VTIMEZONE },
          { tzid: "Australia/Sydney", vtimezone: "" },
        ),
        fc.constantFrom("FREQ=DAILY", "FREQ=WEEKLY;BYDAY=SU,WE", "FREQ=MONTHLY;BYDAY=-1SU", "FREQ=DAILY;INTERVAL=5"),
        fc.integer({ min: 2015, max: 2025 }),
        // Hours that exist every day in these zones (their shifts happen between 01:00 and 03:00).
        fc.constantFrom(0, 4, 9, 13, 18, 23),
        fc.constantFrom(0, 30, 45),
        ({ tzid, vtimezone }, rule, year, hour, minute) => {
          const text = `${year}0105T${`${hour}`.padStart(2, "0")}${`${minute}`.padStart(2, "0")}00`;
          const event = vevent([`DTSTART;TZID=${tzid}:${text}`, "DURATION:PT1H", `RRULE:${rule}`]);
          const window = { start: at("2026-01-01T00:00Z"), end: at("2027-01-01T00:00Z") };
          const result = parseBusyIntervals(calendar(...(vtimezone ? [vtimezone] : []), event), options({ window }));
          expect(result.skipped).toEqual([]);
          expect(result.intervals.length).toBeGreaterThan(5);
          const wanted = `${`${hour}`.padStart(2, "0")}:${`${minute}`.padStart(2, "0")}`;
          expect(new Set(result.intervals.map((i) => local(i.start, tzid)))).toEqual(new Set([wanted]));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("never throws on damaged objects", () => {
  const dir = path.join(import.meta.dirname, "../../fixtures/ics");
  const samples = readdirSync(dir)
    .filter((f) => f.endsWith(".ics"))
    .map((f) => readFileSync(path.join(dir, f), "utf8"));
  const damage = fc.oneof(
    fc.record({ kind: fc.constant("drop" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.string({ maxLength: 40 }) }),
    fc.record({
      kind: fc.constant("char" as const),
      at: fc.nat(),
      text: fc.constantFrom(":", ";", "=", '"', "\\", ",", "0", "Z", "T", "-", "\n", " "),
    }),
  );

  it("for fixture objects with lines dropped, duplicated, garbled or cut", () => {
    fc.assert(
      fc.property(fc.constantFrom(...samples), fc.array(damage, { minLength: 1, maxLength: 4 }), (sample, damages) => {
        let lines = sample.split("\r\n");
        let text = sample;
        for (const d of damages) {
          const i = d.at % Math.max(1, lines.length);
          if (d.kind === "drop") lines.splice(i, 1);
          if (d.kind === "duplicate") lines.splice(i, 0, lines[i] ?? "");
          if (d.kind === "insert") lines.splice(i, 0, d.text);
          text = lines.join("\r\n");
          if (d.kind === "truncate") text = text.slice(0, d.at % (text.length + 1));
          if (d.kind === "char") {
            const j = d.at % (text.length + 1);
            text = text.slice(0, j) + d.text + text.slice(j + 1);
          }
          lines = text.split("\r\n");
        }
        const window = { start: at("2026-01-01T00:00Z"), end: at("2027-01-01T00:00Z") };
        const result = parseBusyIntervals(text, options({ window }));
        for (const [i, interval] of result.intervals.entries()) {
          expect(interval.end).toBeGreaterThan(interval.start);
          expect(interval.start < window.end && interval.end > window.start).toBe(true);
          if (i > 0) expect(interval.start).toBeGreaterThanOrEqual(result.intervals[i - 1]!.start);
        }
      }),
      { numRuns: 300 },
    );
  });
});
