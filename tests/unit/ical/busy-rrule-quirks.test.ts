// Rules ical.js 2.2.1 expands wrongly or never finishes on its own (see lib/ical/busy/rule-quirks.ts),
// with dates worked out by hand from a calendar. Each failed before the workaround.

import { describe, expect, it } from "vitest";
import { parseBusyIntervals } from "@/lib/ical/busy";
import { at, calendar, iso, options, vevent } from "./helpers";

const starts = (rule: string, dtstart: string, window: [string, string]) => {
  const ics = calendar(vevent([`DTSTART:${dtstart}`, "DURATION:PT1H", `RRULE:${rule}`]));
  const result = parseBusyIntervals(ics, options({ ownerTimeZone: "UTC", window: { start: at(window[0]), end: at(window[1]) } }));
  expect(result.skipped).toEqual([]);
  return result.intervals.map((i) => iso(i.start).slice(0, 10));
};

describe("rules ical.js gets wrong", () => {
  it("YEARLY from 29 February: only leap years (ical.js gives 1 March in the others), COUNT counting only those", () => {
    expect(starts("FREQ=YEARLY", "20240229T100000Z", ["2024-01-01T00:00Z", "2030-01-01T00:00Z"])).toEqual(["2024-02-29", "2028-02-29"]);
    expect(starts("FREQ=YEARLY;COUNT=2", "20240229T100000Z", ["2024-01-01T00:00Z", "2035-01-01T00:00Z"])).toEqual([
      "2024-02-29",
      "2028-02-29",
    ]);
  });

  it("YEARLY last day of March and November: 31 March every year (ical.js gives 30 March from year two)", () => {
    expect(starts("FREQ=YEARLY;BYMONTH=3,11;BYMONTHDAY=-1", "20260331T100000Z", ["2026-01-01T00:00Z", "2029-01-01T00:00Z"])).toEqual([
      "2026-03-31",
      "2026-11-30",
      "2027-03-31",
      "2027-11-30",
      "2028-03-31",
      "2028-11-30",
    ]);
  });

  it("YEARLY with BYDAY and a negative BYMONTHDAY: the last Tuesday-the-31st-of-March (ical.js finds none)", () => {
    // 31 March is a Tuesday in 2026 and 2037 (and not in between).
    expect(starts("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1;BYDAY=TU", "20260331T100000Z", ["2026-01-01T00:00Z", "2040-01-01T00:00Z"])).toEqual([
      "2026-03-31",
      "2037-03-31",
    ]);
  });

  it("YEARLY every other year on the last day of January, COUNT=3: 2026, 2028, 2030 (ical.js shifts the phase)", () => {
    expect(
      starts("FREQ=YEARLY;INTERVAL=2;BYMONTH=1;BYMONTHDAY=-1;COUNT=3", "20260131T100000Z", ["2026-01-01T00:00Z", "2035-01-01T00:00Z"]),
    ).toEqual(["2026-01-31", "2028-01-31", "2030-01-31"]);
  });

  it("MONTHLY every other month limited to April and November keeps the INTERVAL (ical.js gives every April)", () => {
    // From January 2026 every other month is Jan, Mar, May, Jul, Sep, Nov: only November qualifies.
    expect(starts("FREQ=MONTHLY;INTERVAL=2;BYMONTH=4,11", "20260101T100000Z", ["2026-01-02T00:00Z", "2028-01-01T00:00Z"])).toEqual([
      "2026-11-01",
      "2027-11-01",
    ]);
  });

  it("MONTHLY with BYMONTH starting outside it does not skip the next matching month", () => {
    expect(starts("FREQ=MONTHLY;BYMONTH=4,12;BYMONTHDAY=5", "20260205T100000Z", ["2026-02-06T00:00Z", "2027-01-01T00:00Z"])).toEqual([
      "2026-04-05",
      "2026-12-05",
    ]);
  });

  it("MONTHLY Friday the 13th and last-Friday-that-is-the-last-day work from any DTSTART", () => {
    expect(starts("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "20260213T100000Z", ["2026-01-01T00:00Z", "2027-01-01T00:00Z"])).toEqual([
      "2026-02-13",
      "2026-03-13",
      "2026-11-13",
    ]);
    // Months of 2026 ending on a Friday: July (31st). ical.js throws "Malformed values in BYDAY part" here.
    expect(starts("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=-1", "20251201T100000Z", ["2026-01-01T00:00Z", "2027-01-01T00:00Z"])).toEqual([
      "2026-07-31",
    ]);
  });

  it("an ordinal BYDAY together with BYMONTHDAY (ical.js throws for MONTHLY, finds too few for YEARLY)", () => {
    expect(
      starts("FREQ=MONTHLY;BYDAY=2TU;BYMONTHDAY=8,9,10,11,12,13,14", "20260113T100000Z", ["2026-01-01T00:00Z", "2026-04-01T00:00Z"]),
    ).toEqual(["2026-01-13", "2026-02-10", "2026-03-10"]);
    // Last Friday of January or July that is also its last or second-to-last day.
    expect(
      starts("FREQ=YEARLY;BYMONTH=1,7;BYDAY=-1FR;BYMONTHDAY=-1,-2", "20260130T100000Z", ["2026-01-01T00:00Z", "2028-01-01T00:00Z"]),
    ).toEqual(["2026-01-30", "2026-07-31", "2027-07-30"]);
  });

  it("DAILY with a negative BYMONTHDAY (ical.js never finishes), also with COUNT", () => {
    expect(starts("FREQ=DAILY;BYMONTHDAY=-1", "20260131T100000Z", ["2026-01-01T00:00Z", "2026-05-01T00:00Z"])).toEqual([
      "2026-01-31",
      "2026-02-28",
      "2026-03-31",
      "2026-04-30",
    ]);
    expect(starts("FREQ=DAILY;BYMONTHDAY=-1;COUNT=2", "20260131T100000Z", ["2026-01-01T00:00Z", "2026-05-01T00:00Z"])).toEqual([
      "2026-01-31",
      "2026-02-28",
    ]);
  });
});
