// The reader on hostile iCalendar objects (cases in hostile-ics-cases.ts). Every case must end
// in a bounded result with the right classification: busy time read, an event in `unreadable`
// (the caller fails closed for it), or the whole object unreadable. Work is checked through the
// reader's own counters and result sizes; the clock only guards against a hang (generous bound).

import { describe, expect, it } from "vitest";
import { parseBusyIntervals } from "@/lib/ical/busy";
import { parseBusyIntervalsWithStats } from "@/lib/ical/busy/parse";
import { END_OF_TIME } from "@/lib/ical/busy/values";
import { zoneCacheSizes } from "@/lib/ical/busy/zones";
import { ALL_CASES, type HostileCase } from "./hostile-ics-cases";
import { at, calendar, options, spans, vevent } from "./helpers";

const MAX_OCCURRENCES = 2000;
const MAX_INTERVALS = 5000;

function verdictOf(unreadable: { uid: string | null }[]) {
  if (unreadable.some((u) => u.uid === null)) return "object";
  return unreadable.length > 0 ? "event" : "read";
}

describe("hostile iCalendar objects", () => {
  it("has at least 70 cases with distinct names", () => {
    expect(ALL_CASES.length).toBeGreaterThanOrEqual(70);
    expect(new Set(ALL_CASES.map((c) => c.name)).size).toBe(ALL_CASES.length);
  });

  it.each(ALL_CASES.map((c) => [c.name, c] as [string, HostileCase]))("%s", (_, c) => {
    const ics = c.ics();
    const started = performance.now();
    const result = parseBusyIntervalsWithStats(ics, options({ limits: c.limits }));
    expect(performance.now() - started).toBeLessThan(5000);

    expect(verdictOf(result.unreadable), JSON.stringify(result.skipped.map((s) => s.reason.slice(0, 200)))).toBe(c.verdict);
    if (c.intervals !== undefined) expect(result.intervals).toHaveLength(c.intervals);
    if (c.skipped)
      expect(
        result.skipped.some((s) => c.skipped!.test(s.reason)),
        JSON.stringify(result.skipped.map((s) => s.reason.slice(0, 200))),
      ).toBe(true);

    // Bounded: sizes, work counters, reported text.
    const events = Math.max(1, (ics.match(/BEGIN:VEVENT/gi) ?? []).length);
    expect(result.intervals.length).toBeLessThanOrEqual(c.limits?.maxIntervalsPerObject ?? MAX_INTERVALS);
    expect(result.stats.occurrencesExamined).toBeLessThanOrEqual(Math.min(events, 500) * MAX_OCCURRENCES);
    expect(result.stats.ruleSteps).toBeLessThanOrEqual(100_000);
    expect(result.skipped.length).toBeLessThanOrEqual(1000);
    for (const entry of result.skipped) {
      expect(entry.reason.length).toBeLessThanOrEqual(501);
      expect((entry.uid ?? "").length).toBeLessThanOrEqual(256);
    }
    // Whatever is unreadable is also reported as skipped.
    for (const entry of result.unreadable) expect(result.skipped).toContainEqual(entry);
    // Every interval is a real, non-empty time span that reaches the window.
    const window = options().window;
    for (const interval of result.intervals) {
      expect(Number.isFinite(interval.start) && Number.isFinite(interval.end)).toBe(true);
      expect(interval.end).toBeGreaterThan(interval.start);
      expect(interval.end).toBeLessThanOrEqual(END_OF_TIME);
      expect(interval.start < window.end && interval.end > window.start).toBe(true);
    }
    // A limit that cut anything says so.
    if (result.unreadable.some((u) => /more than|too much work|limit/.test(u.reason))) expect(result.truncated).toBe(true);
  });
});

describe("hostile values read exactly", () => {
  const read = (lines: string[]) => parseBusyIntervals(calendar(vevent(lines, "x")), options());

  it("a TZID in any letter case is the IANA zone (09:00 Berlin, CET, is 08:00Z)", () => {
    for (const tzid of ["europe/berlin", "EUROPE/BERLIN", "eUrOpE/bErLiN"]) {
      expect(spans(read([`DTSTART;TZID=${tzid}:20260310T090000`, "DURATION:PT1H"]).intervals)).toEqual([
        "2026-03-10T08:00Z/2026-03-10T09:00Z",
      ]);
    }
  });

  it("a leap second is read as :59", () => {
    expect(read(["DTSTART:20260331T235960Z", "DURATION:PT1H"]).intervals[0]!.start).toBe(at("2026-03-31T23:59:59Z"));
  });

  it("a DURATION past year 9999 ends at 9999-12-31T23:59:59Z and the object's other events still count", () => {
    const result = parseBusyIntervals(
      calendar(
        vevent(["DTSTART:20260310T090000Z", "DURATION:P99999999W"], "long"),
        vevent(["DTSTART:20260311T090000Z", "DURATION:PT1H"], "short"),
      ),
      options(),
    );
    expect(result.intervals.map((i) => [i.uid, i.end])).toEqual([
      ["long", Date.UTC(9999, 11, 31, 23, 59, 59)],
      ["short", at("2026-03-11T10:00Z")],
    ]);
    expect(result.unreadable).toEqual([]);
  });

  it("an RSCALE rule keeps DTSTART and nothing read as Gregorian (a Gregorian YEARLY would add nothing here, MONTHLY would add April)", () => {
    const result = read(["DTSTART:20260310T090000Z", "DURATION:PT1H", "RRULE:RSCALE=HEBREW;FREQ=MONTHLY"]);
    expect(spans(result.intervals)).toEqual(["2026-03-10T09:00Z/2026-03-10T10:00Z"]);
    expect(result.unreadable).toEqual([{ uid: "x", reason: expect.stringMatching(/RSCALE=HEBREW \(RFC 7529\) is not supported/) }]);
  });

  it("an occurrence limit that cuts only occurrences after the window is not unreadable", () => {
    // Daily from 03-01 with 3 occurrences allowed (DTSTART, then the rule's 03-01 and 03-02): the
    // rule stops at 03-03 09:00, more than a day after the window's end (03-01 12:00).
    const result = parseBusyIntervals(
      calendar(vevent(["DTSTART:20260301T090000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY"], "x")),
      options({ window: { start: at("2026-03-01T00:00Z"), end: at("2026-03-01T12:00Z") }, limits: { maxOccurrencesPerEvent: 3 } }),
    );
    expect(spans(result.intervals)).toEqual(["2026-03-01T09:00Z/2026-03-01T10:00Z"]);
    expect(result.truncated).toBe(true);
    expect(result.skipped.map((s) => s.reason)).toEqual(["more than 3 occurrences; the rest were not read"]);
    expect(result.unreadable).toEqual([]);
  });

  it("the same limit cutting occurrences inside the window is unreadable", () => {
    const result = parseBusyIntervals(
      calendar(vevent(["DTSTART:20260301T090000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY"], "x")),
      options({ limits: { maxOccurrencesPerEvent: 5 } }),
    );
    // DTSTART counts once on its own and once as the rule's first date: 03-01..03-04 are read.
    expect(spans(result.intervals).at(-1)).toBe("2026-03-04T09:00Z/2026-03-04T10:00Z");
    expect(result.truncated).toBe(true);
    expect(result.unreadable).toEqual([
      { uid: "x", reason: "more than 5 occurrences; the rest were not read, some of them in the window" },
    ]);
  });

  it("a CRM event with an unknown TZID is reported but not unreadable (it never blocks)", () => {
    const result = read(["UID:crm-1@crm-calendar", "DTSTART;TZID=Mars/Base:20260310T090000", "DURATION:PT1H"]);
    expect(result.crmEvents).toHaveLength(1);
    expect(result.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/unknown TZID "Mars\/Base"/)]);
    expect(result.unreadable).toEqual([]);
  });
});

describe("caches keyed by calendar data stay bounded", () => {
  it("20 000 spellings of time-zone names (real ones in every letter case, and unknown ones)", () => {
    const base = "america/new_york";
    for (let i = 0; i < 15_000; i++) {
      // Distinct letter-case spellings of one zone: bit k of i upper-cases letter k.
      const tzid = [...base].map((ch, k) => ((i >> k) & 1 ? ch.toUpperCase() : ch)).join("");
      parseBusyIntervals(calendar(vevent([`DTSTART;TZID=${tzid}:20260310T090000`, "DURATION:PT1H"], "x")), options());
    }
    for (let i = 0; i < 5_000; i++) {
      parseBusyIntervals(calendar(vevent([`DTSTART;TZID=Nowhere/Zone_${i}:20260310T090000`, "DURATION:PT1H"], "x")), options());
    }
    const sizes = zoneCacheSizes();
    expect(sizes.spellings).toBeLessThanOrEqual(256);
    expect(sizes.canonicalZones).toBeLessThanOrEqual(128);
  });

  it("200 distinct VTIMEZONE definitions", () => {
    for (let i = 0; i < 200; i++) {
      const zone = [
        "BEGIN:VTIMEZONE",
        `TZID:Zone ${i}`,
        "BEGIN:STANDARD",
        "DTSTART:16010101T000000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:16010101T000000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
      ].join("\r\n");
      const result = parseBusyIntervals(
        calendar(zone, vevent([`DTSTART;TZID=Zone ${i}:20260310T090000`, "DURATION:PT1H"], "x")),
        options(),
      );
      // 09:00 at +01:00 (10 March is before the last Sunday of March).
      expect(spans(result.intervals)).toEqual(["2026-03-10T08:00Z/2026-03-10T09:00Z"]);
    }
    const sizes = zoneCacheSizes();
    expect(sizes.vtimezones).toBeLessThanOrEqual(64);
    expect(sizes.vtimezoneTransitions).toBeLessThanOrEqual(200_000);
  });
});
