// Bounded work on hostile data, checked through the work counters and the limits rather than
// the clock: a regression that walks every occurrence since DTSTART changes the counts.

import { describe, expect, it } from "vitest";
import { parseBusyIntervals } from "@/lib/ical/busy";
import { parseBusyIntervalsWithStats } from "@/lib/ical/busy/parse";
import { at, BERLIN_VTIMEZONE, calendar, options, spans, vevent } from "./helpers";

const DAY = 86_400_000;
const WINDOW = { start: at("2026-03-01T00:00Z"), end: at("2026-05-01T00:00Z") };
const WINDOW_DAYS = (WINDOW.end - WINDOW.start) / DAY;

const recurring = (rule: string, start = "19900101T090000") =>
  calendar(BERLIN_VTIMEZONE, vevent([`DTSTART;TZID=Europe/Berlin:${start}`, "DURATION:PT30M", `RRULE:${rule}`]));

describe("expansion starts near the window, not at DTSTART", () => {
  it.each([
    ["FREQ=DAILY", WINDOW_DAYS],
    // 1990-01-01 → 2026-03-01 is 13 208 days ≡ 2 (mod 3): the first in the window is 03-02, then
    // every third day up to 04-30.
    ["FREQ=DAILY;INTERVAL=3", 20],
    ["FREQ=WEEKLY;BYDAY=MO,WE,FR", Math.round((WINDOW_DAYS / 7) * 3)],
    ["FREQ=MONTHLY;BYDAY=-1FR", 2],
    ["FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=15", 1],
    ["FREQ=DAILY;COUNT=1000000", WINDOW_DAYS],
  ])("%s since 1990 gives %i occurrences from only about that many expansions", (rule, expected) => {
    const result = parseBusyIntervalsWithStats(recurring(rule), options({ window: WINDOW }));
    expect(result.intervals).toHaveLength(expected);
    expect(result.truncated).toBe(false);
    // 36 years of daily occurrences would be ~13 000; the margin around the window is a few periods.
    expect(result.stats.occurrencesExamined).toBeLessThanOrEqual(expected + 12);
    expect(result.stats.ruleSteps).toBeLessThan(200);
  });

  it("skipping ahead keeps COUNT exact where periods without an occurrence exist", () => {
    const window = { start: at("2026-03-01T00:00Z"), end: at("2026-07-01T00:00Z") };
    // Monthly on the 31st since 2020-01-31: 7 months a year have one, so 2020-2025 hold 42; the
    // 43rd is 2026-01-31, then 03-31 and 05-31 (the 45th and last).
    const monthly = parseBusyIntervals(recurring("FREQ=MONTHLY;COUNT=45", "20200131T090000"), options({ window }));
    expect(spans(monthly.intervals)).toEqual(["2026-03-31T07:00Z/2026-03-31T07:30Z", "2026-05-31T07:00Z/2026-05-31T07:30Z"]);
    // Yearly on 29 February since 2000: only leap years; the 7th is 2024, the 8th and last 2028.
    const leap = { start: at("2028-01-01T00:00Z"), end: at("2033-01-01T00:00Z") };
    const yearly = parseBusyIntervals(recurring("FREQ=YEARLY;COUNT=8", "20000229T090000"), options({ window: leap }));
    expect(spans(yearly.intervals)).toEqual(["2028-02-29T08:00Z/2028-02-29T08:30Z"]);
  });

  it("a COUNT rule with several occurrences per period cannot be skipped ahead: it stops at the limit", () => {
    const result = parseBusyIntervalsWithStats(
      recurring("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=1000000", "20000103T090000"),
      options({ window: WINDOW }),
    );
    expect(result.stats.occurrencesExamined).toBe(2000);
    expect(result.truncated).toBe(true);
    const reason = "more than 2000 occurrences; the rest were not read, some of them in the window";
    expect(result.skipped.map((s) => s.reason)).toEqual([reason]);
    // 2000 occurrences from 2000 reach 2019: what was cut lies in the window, so fail closed.
    expect(result.unreadable).toEqual([{ uid: "test-event", reason }]);
  });

  it("the same rule starting close enough to the window is read in full", () => {
    const result = parseBusyIntervals(recurring("FREQ=WEEKLY;BYDAY=MO,TH;COUNT=1000000", "20250106T090000"), options({ window: WINDOW }));
    expect(result.truncated).toBe(false);
    // Mondays and Thursdays in March and April 2026: 5 + 4 and 4 + 5.
    expect(result.intervals).toHaveLength(18);
  });

  it("an hourly rule is allowed but capped by maxOccurrencesPerEvent", () => {
    const result = parseBusyIntervalsWithStats(
      recurring("FREQ=HOURLY", "20260301T000000"),
      options({ window: WINDOW, limits: { maxOccurrencesPerEvent: 100 } }),
    );
    expect(result.stats.occurrencesExamined).toBe(100);
    expect(result.intervals.length).toBeGreaterThan(90);
    expect(result.truncated).toBe(true);
  });
});

describe("rules no date satisfies", () => {
  it.each([
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=HOURLY;BYMONTH=4;BYMONTHDAY=31",
    "FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=31",
    "FREQ=YEARLY;BYMONTH=4;BYDAY=1MO;BYMONTHDAY=15",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
  ])("%s ends quickly, keeping only DTSTART", (rule) => {
    const result = parseBusyIntervalsWithStats(recurring(rule, "20260310T090000"), options({ window: WINDOW }));
    expect(spans(result.intervals)).toEqual(["2026-03-10T08:00Z/2026-03-10T08:30Z"]);
    expect(result.stats.ruleSteps).toBeLessThan(100);
  });

  it("a rule that matches once in 28 years is searched only up to the end of the window", () => {
    // 29 February falling on a Monday: next in 2044. ical.js would test every day until then.
    const result = parseBusyIntervalsWithStats(
      recurring("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", "20260310T090000"),
      options({ window: WINDOW }),
    );
    expect(result.intervals).toHaveLength(1);
    expect(result.stats.ruleSteps).toBeLessThan(WINDOW_DAYS + 10);
    expect(result.truncated).toBe(false);
  });

  const fourYears = { start: at("2026-03-01T00:00Z"), end: at("2030-03-01T00:00Z") };

  it("hourly over a four-year window (35 000 candidate hours) it runs into the step budget", () => {
    const result = parseBusyIntervalsWithStats(
      recurring("FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO", "20260310T090000"),
      options({ window: fourYears }),
    );
    expect(result.intervals).toHaveLength(1);
    expect(result.stats.ruleSteps).toBe(20_000);
    expect(result.truncated).toBe(true);
    expect(result.skipped[0]?.reason).toMatch(/too much work/);
  });

  it("many such events share one budget per object", () => {
    const events = Array.from({ length: 20 }, (_, i) =>
      vevent(["DTSTART:20260310T090000Z", "DURATION:PT30M", "RRULE:FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO"], `e${i}`),
    );
    const result = parseBusyIntervalsWithStats(calendar(...events), options({ window: fourYears }));
    expect(result.stats.ruleSteps).toBe(100_000);
    expect(result.intervals).toHaveLength(20);
    expect(result.truncated).toBe(true);
  });
});

describe("object limits", () => {
  it("a 2 MB object is not read at all", () => {
    const description = `DESCRIPTION:${"x".repeat(2_000_000)}`;
    const result = parseBusyIntervalsWithStats(calendar(vevent(["DTSTART:20260310T090000Z", "DURATION:PT1H", description])), options());
    expect(result.intervals).toEqual([]);
    expect(result.truncated).toBe(true);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0]!.reason).toMatch(/over the 1000000-byte limit/);
    expect(result.stats).toEqual({ occurrencesExamined: 0, ruleSteps: 0 });
  });

  it("counts UTF-8 bytes, not characters", () => {
    const text = calendar(vevent(["DTSTART:20260310T090000Z", "DURATION:PT1H", `SUMMARY:${"ü".repeat(600)}`]));
    expect(text.length).toBeLessThan(1000);
    expect(parseBusyIntervals(text, options({ limits: { maxObjectBytes: 1000 } })).truncated).toBe(true);
    expect(parseBusyIntervals(text, options({ limits: { maxObjectBytes: 2000 } })).intervals).toHaveLength(1);
  });

  it("keeps the earliest maxIntervalsPerObject intervals and says it cut", () => {
    const result = parseBusyIntervals(recurring("FREQ=DAILY", "20260301T090000"), options({ limits: { maxIntervalsPerObject: 10 } }));
    expect(result.intervals).toHaveLength(10);
    expect(spans(result.intervals)[9]).toBe("2026-03-10T08:00Z/2026-03-10T08:30Z");
    expect(result.truncated).toBe(true);
  });

  it("maxComponentsPerObject counts top-level components (VTIMEZONE too), not nested VALARMs", () => {
    const alarm = ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT5M", "END:VALARM"];
    const ics = calendar(BERLIN_VTIMEZONE, vevent(["DTSTART:20260310T090000Z", "DURATION:PT1H", ...alarm, ...alarm]));
    expect(parseBusyIntervals(ics, options({ limits: { maxComponentsPerObject: 2 } })).intervals).toHaveLength(1);
    expect(parseBusyIntervals(ics, options({ limits: { maxComponentsPerObject: 1 } })).truncated).toBe(true);
  });
});
