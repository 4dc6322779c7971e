import { describe, expect, it } from "vitest";
import { workingIntervals, type Interval } from "@/lib/availability";
import { at, HOUR, iso, member } from "./helpers";

const show = (intervals: Interval[]) => intervals.map((i) => `${iso(i.start)}–${iso(i.end)}`);
const range = (from: string, to: string): Interval => ({ start: at(from), end: at(to) });
const NY = "America/New_York";

describe("workingIntervals", () => {
  it("expands weekly hours on the member's local weekday, in the member's zone", () => {
    // Monday 1 June 2026 09:00–12:00 in New York (EDT, UTC−4) and nothing else that week.
    const ana = member({ timeZone: NY });
    expect(show(workingIntervals(ana, range("2026-05-31T00:00Z", "2026-06-07T00:00Z")))).toEqual(["2026-06-01T13:00Z–2026-06-01T16:00Z"]);
    // 23:00–24:00 Monday in Tokyo is 14:00–15:00Z on Monday; the weekday is Tokyo's, not UTC's.
    const kei = member({ timeZone: "Asia/Tokyo", weeklyHours: [{ weekday: 1, startMinute: 23 * 60, endMinute: 1440 }] });
    expect(show(workingIntervals(kei, range("2026-05-31T00:00Z", "2026-06-03T00:00Z")))).toEqual(["2026-06-01T14:00Z–2026-06-01T15:00Z"]);
    // 01:00–02:00 Tuesday in Tokyo is Monday 16:00–17:00Z.
    const ken = member({ timeZone: "Asia/Tokyo", weeklyHours: [{ weekday: 2, startMinute: 60, endMinute: 120 }] });
    expect(show(workingIntervals(ken, range("2026-06-01T00:00Z", "2026-06-02T00:00Z")))).toEqual(["2026-06-01T16:00Z–2026-06-01T17:00Z"]);
  });

  it("merges touching and overlapping hours, across midnight too, in any input order", () => {
    const ana = member({
      weeklyHours: [
        { weekday: 2, startMinute: 0, endMinute: 120 },
        { weekday: 1, startMinute: 22 * 60, endMinute: 1440 },
        { weekday: 1, startMinute: 13 * 60, endMinute: 15 * 60 },
        { weekday: 1, startMinute: 9 * 60, endMinute: 12 * 60 },
        { weekday: 1, startMinute: 11 * 60, endMinute: 13 * 60 },
      ],
    });
    expect(show(workingIntervals(ana, range("2026-06-01T00:00Z", "2026-06-03T00:00Z")))).toEqual([
      "2026-06-01T09:00Z–2026-06-01T15:00Z",
      "2026-06-01T22:00Z–2026-06-02T02:00Z",
    ]);
  });

  it("clips to the range", () => {
    expect(show(workingIntervals(member(), range("2026-06-01T10:15Z", "2026-06-01T11:00Z")))).toEqual([
      "2026-06-01T10:15Z–2026-06-01T11:00Z",
    ]);
    expect(workingIntervals(member(), range("2026-06-01T12:00Z", "2026-06-01T09:00Z"))).toEqual([]);
  });

  it("applies overrides on the member's local date: a day off, other hours, hours on a free weekday", () => {
    const ana = member({
      weeklyHours: [
        { weekday: 1, startMinute: 9 * 60, endMinute: 12 * 60 },
        { weekday: 2, startMinute: 9 * 60, endMinute: 12 * 60 },
        { weekday: 3, startMinute: 9 * 60, endMinute: 12 * 60 },
      ],
      overrides: [
        { date: "2026-06-01", intervals: [] },
        { date: "2026-06-02", intervals: [{ startMinute: 14 * 60, endMinute: 15 * 60 }] },
        // Two overrides for one date: both count, whatever their order.
        { date: "2026-06-04", intervals: [{ startMinute: 8 * 60, endMinute: 9 * 60 }] },
        { date: "2026-06-04", intervals: [{ startMinute: 16 * 60, endMinute: 17 * 60 }] },
      ],
    });
    expect(show(workingIntervals(ana, range("2026-06-01T00:00Z", "2026-06-05T00:00Z")))).toEqual([
      "2026-06-02T14:00Z–2026-06-02T15:00Z",
      "2026-06-03T09:00Z–2026-06-03T12:00Z",
      "2026-06-04T08:00Z–2026-06-04T09:00Z",
      "2026-06-04T16:00Z–2026-06-04T17:00Z",
    ]);
  });

  it("reads an override's date in the member's zone", () => {
    // Day off on 2 June in Tokyo removes Tuesday 01:00–02:00 Tokyo = Monday 16:00Z.
    const ken = member({
      timeZone: "Asia/Tokyo",
      weeklyHours: [{ weekday: 2, startMinute: 60, endMinute: 120 }],
      overrides: [{ date: "2026-06-02", intervals: [] }],
    });
    expect(workingIntervals(ken, range("2026-06-01T00:00Z", "2026-06-03T00:00Z"))).toEqual([]);
  });

  describe("on DST days, hours follow the local clock", () => {
    const sundayHours = (startMinute: number, endMinute: number) => [{ weekday: 0, startMinute, endMinute }];
    const ny = (startMinute: number, endMinute: number) => member({ timeZone: NY, weeklyHours: sundayHours(startMinute, endMinute) });
    const hoursOf = (intervals: Interval[]) => intervals.reduce((sum, i) => sum + (i.end - i.start), 0) / HOUR;

    it("New York spring forward (Sun 8 March): 00:00–08:00 lasts 7 h, 09:00–17:00 still 8 h", () => {
      const day = range("2026-03-08T00:00Z", "2026-03-09T12:00Z");
      // 00:00 EST = 05:00Z; 08:00 EDT = 12:00Z.
      expect(show(workingIntervals(ny(0, 480), day))).toEqual(["2026-03-08T05:00Z–2026-03-08T12:00Z"]);
      expect(hoursOf(workingIntervals(ny(0, 480), day))).toBe(7);
      // The shift is at 02:00, outside 09:00–17:00 EDT = 13:00–21:00Z.
      expect(show(workingIntervals(ny(540, 1020), day))).toEqual(["2026-03-08T13:00Z–2026-03-08T21:00Z"]);
    });

    it("New York fall back (Sun 1 November): 00:00–08:00 lasts 9 h", () => {
      // 00:00 EDT = 04:00Z; 08:00 EST = 13:00Z.
      expect(show(workingIntervals(ny(0, 480), range("2026-11-01T00:00Z", "2026-11-02T00:00Z")))).toEqual([
        "2026-11-01T04:00Z–2026-11-01T13:00Z",
      ]);
    });

    it("hours starting at a time that does not exist start after the gap by its length", () => {
      // 02:30 → 03:30 EDT = 07:30Z; 05:00 EDT = 09:00Z.
      expect(show(workingIntervals(ny(150, 300), range("2026-03-08T00:00Z", "2026-03-09T00:00Z")))).toEqual([
        "2026-03-08T07:30Z–2026-03-08T09:00Z",
      ]);
      // 02:30–03:15: 02:30 → 07:30Z but 03:15 EDT = 07:15Z, so nothing is left (see working-intervals.ts).
      expect(workingIntervals(ny(150, 195), range("2026-03-08T00:00Z", "2026-03-09T00:00Z"))).toEqual([]);
      // 02:00–02:30 (entirely missing) → 03:00–03:30 EDT.
      expect(show(workingIntervals(ny(120, 150), range("2026-03-08T00:00Z", "2026-03-09T00:00Z")))).toEqual([
        "2026-03-08T07:00Z–2026-03-08T07:30Z",
      ]);
    });

    it("hours at a repeated time use its first occurrence", () => {
      // 01:30 EDT = 05:30Z (not 06:30Z EST); 03:00 EST = 08:00Z: 2.5 h.
      expect(show(workingIntervals(ny(90, 180), range("2026-11-01T00:00Z", "2026-11-02T00:00Z")))).toEqual([
        "2026-11-01T05:30Z–2026-11-01T08:00Z",
      ]);
      // Ending at 01:30 ends at its first occurrence: 00:00 EDT 04:00Z – 05:30Z.
      expect(show(workingIntervals(ny(0, 90), range("2026-11-01T00:00Z", "2026-11-02T00:00Z")))).toEqual([
        "2026-11-01T04:00Z–2026-11-01T05:30Z",
      ]);
    });

    it("Berlin: 00:00–04:00 lasts 3 h on 29 March and 5 h on 25 October", () => {
      const berlin = member({ timeZone: "Europe/Berlin", weeklyHours: sundayHours(0, 240) });
      // 00:00 CET = 23:00Z the day before; 04:00 CEST = 02:00Z.
      expect(show(workingIntervals(berlin, range("2026-03-28T00:00Z", "2026-03-30T00:00Z")))).toEqual([
        "2026-03-28T23:00Z–2026-03-29T02:00Z",
      ]);
      // 00:00 CEST = 22:00Z the day before; 04:00 CET = 03:00Z.
      expect(show(workingIntervals(berlin, range("2026-10-24T00:00Z", "2026-10-26T00:00Z")))).toEqual([
        "2026-10-24T22:00Z–2026-10-25T03:00Z",
      ]);
    });

    it("Lord Howe: 01:00–03:00 lasts 2.5 h on 5 April and 1.5 h on 4 October (30-minute shifts)", () => {
      const lordHowe = member({ timeZone: "Australia/Lord_Howe", weeklyHours: sundayHours(60, 180) });
      // 01:00 +11 = 14:00Z; 03:00 +10:30 = 16:30Z.
      expect(show(workingIntervals(lordHowe, range("2026-04-04T00:00Z", "2026-04-06T00:00Z")))).toEqual([
        "2026-04-04T14:00Z–2026-04-04T16:30Z",
      ]);
      // 01:00 +10:30 = 14:30Z; 03:00 +11 = 16:00Z.
      expect(show(workingIntervals(lordHowe, range("2026-10-03T00:00Z", "2026-10-05T00:00Z")))).toEqual([
        "2026-10-03T14:30Z–2026-10-03T16:00Z",
      ]);
    });
  });
});
