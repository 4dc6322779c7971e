import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  datesBetween,
  localDateOf,
  localDatesCovering,
  localDayInterval,
  weekdayOf,
  zonedTimeToInstant,
} from "@/lib/availability";
import { at, DAY, HOUR, iso, MIN } from "./helpers";

const NY = "America/New_York";
const BERLIN = "Europe/Berlin";
const LORD_HOWE = "Australia/Lord_Howe";

/** The instants in [from, to) at which a zone's UTC offset changes, found by probing Intl. */
function transitions(timeZone: string, from: number, to: number): string[] {
  const offset = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
  const name = (t: number) => offset.format(t).split(" ").pop();
  const found: string[] = [];
  for (let t = from; t < to; t += 15 * MIN) {
    if (name(t) !== name(t + 15 * MIN)) found.push(`${iso(t + 15 * MIN)} ${name(t)}→${name(t + 15 * MIN)}`);
  }
  return found;
}

describe("zone transitions the DST tests rely on (probed, not assumed)", () => {
  it("Lord Howe shifts by 30 minutes on 5 April and 4 October 2026 local", () => {
    // 15:00Z = 02:00 +11 (back to 01:30 +10:30); 15:30Z = 02:00 +10:30 (on to 02:30 +11).
    expect(transitions(LORD_HOWE, at("2026-01-01T00:00Z"), at("2027-01-01T00:00Z"))).toEqual([
      "2026-04-04T15:00Z GMT+11:00→GMT+10:30",
      "2026-10-03T15:30Z GMT+10:30→GMT+11:00",
    ]);
  });

  it("New York and Berlin shift on the dates the tests use", () => {
    const year = [at("2026-01-01T00:00Z"), at("2027-01-01T00:00Z")] as const;
    expect(transitions(NY, ...year)).toEqual(["2026-03-08T07:00Z GMT-05:00→GMT-04:00", "2026-11-01T06:00Z GMT-04:00→GMT-05:00"]);
    expect(transitions(BERLIN, ...year)).toEqual(["2026-03-29T01:00Z GMT+01:00→GMT+02:00", "2026-10-25T01:00Z GMT+02:00→GMT+01:00"]);
  });
});

describe("zonedTimeToInstant", () => {
  const cases: [string, number, string, string, string][] = [
    ["2026-06-01", 9 * 60, "UTC", "2026-06-01T09:00Z", "UTC is the identity"],
    ["2026-01-15", 9 * 60, NY, "2026-01-15T14:00Z", "EST = UTC−5"],
    ["2026-07-15", 9 * 60, NY, "2026-07-15T13:00Z", "EDT = UTC−4"],
    ["2026-01-01", 0, "Asia/Kathmandu", "2025-12-31T18:15Z", "+05:45: midnight is the previous UTC day"],
    ["2026-01-01", 9 * 60 + 7, "Asia/Kathmandu", "2026-01-01T03:22Z", "09:07 − 5:45"],
    ["2026-03-08", 1440, NY, "2026-03-09T04:00Z", "1440 is the next local midnight, already EDT"],
    ["2026-03-08", 0, NY, "2026-03-08T05:00Z", "midnight before the shift is EST"],
    // Spring forward, New York: 02:00 EST → 03:00 EDT at 07:00Z; 02:00–02:59 do not exist.
    ["2026-03-08", 150, NY, "2026-03-08T07:30Z", "02:30 moves forward by the 1 h gap: 03:30 EDT"],
    ["2026-03-08", 120, NY, "2026-03-08T07:00Z", "02:00 → 03:00 EDT, the shift instant"],
    ["2026-03-08", 179, NY, "2026-03-08T07:59Z", "02:59 → 03:59 EDT"],
    ["2026-03-08", 180, NY, "2026-03-08T07:00Z", "03:00 EDT exists: = 07:00Z (so 02:59 maps after 03:00)"],
    ["2026-03-08", 119, NY, "2026-03-08T06:59Z", "01:59 EST"],
    // Fall back, New York: 02:00 EDT → 01:00 EST at 06:00Z; 01:00–01:59 occur twice.
    ["2026-11-01", 90, NY, "2026-11-01T05:30Z", "01:30 twice: the earlier, EDT (not 06:30Z EST)"],
    ["2026-11-01", 60, NY, "2026-11-01T05:00Z", "01:00 twice: EDT"],
    ["2026-11-01", 59, NY, "2026-11-01T04:59Z", "00:59 EDT, once"],
    ["2026-11-01", 120, NY, "2026-11-01T07:00Z", "02:00 exists once, EST"],
    // Berlin: 02:00 CET → 03:00 CEST at 01:00Z; 03:00 CEST → 02:00 CET at 01:00Z.
    ["2026-03-29", 150, BERLIN, "2026-03-29T01:30Z", "02:30 is in the gap: 03:30 CEST"],
    ["2026-03-29", 180, BERLIN, "2026-03-29T01:00Z", "03:00 CEST"],
    ["2026-10-25", 150, BERLIN, "2026-10-25T00:30Z", "02:30 twice: CEST (not 01:30Z CET)"],
    ["2026-10-25", 180, BERLIN, "2026-10-25T02:00Z", "03:00 CET, once"],
    // Lord Howe: 02:00 +11 → 01:30 +10:30 (4 Apr 15:00Z); 02:00 +10:30 → 02:30 +11 (3 Oct 15:30Z).
    ["2026-04-05", 105, LORD_HOWE, "2026-04-04T14:45Z", "01:45 twice: +11 (not 15:15Z at +10:30)"],
    ["2026-04-05", 120, LORD_HOWE, "2026-04-04T15:30Z", "02:00 +10:30, once"],
    ["2026-04-05", 89, LORD_HOWE, "2026-04-04T14:29Z", "01:29 +11, once"],
    ["2026-10-04", 135, LORD_HOWE, "2026-10-03T15:45Z", "02:15 in the 30-min gap: 02:45 +11"],
    ["2026-10-04", 120, LORD_HOWE, "2026-10-03T15:30Z", "02:00 → 02:30 +11"],
    ["2026-10-04", 150, LORD_HOWE, "2026-10-03T15:30Z", "02:30 +11"],
    ["2026-10-04", 119, LORD_HOWE, "2026-10-03T15:29Z", "01:59 +10:30"],
    // Zones that shift at midnight: the day starts after the gap, or at the first midnight.
    ["2026-09-06", 0, "America/Santiago", "2026-09-06T04:00Z", "00:00 missing (→ 01:00 −03)"],
    ["2026-11-01", 0, "America/Havana", "2026-11-01T04:00Z", "01:00 CDT → 00:00 CST: first midnight, −04"],
    ["2026-10-31", 1440, "America/Havana", "2026-11-01T04:00Z", "the same instant as the next day's 00:00"],
  ];
  it.each(cases)("%s minute %i in %s → %s (%s)", (date, minute, zone, expected) => {
    expect(iso(zonedTimeToInstant(date, minute, zone))).toBe(expected);
  });

  it("resolves every minute of every shift day: exists → itself (earliest), gap → forward by the gap", () => {
    const days: [string, string, number][] = [
      ["2026-03-08", NY, 60],
      ["2026-11-01", NY, 60],
      ["2026-03-29", BERLIN, 60],
      ["2026-10-25", BERLIN, 60],
      ["2026-10-04", LORD_HOWE, 30],
      ["2026-04-05", LORD_HOWE, 30],
    ];
    for (const [date, zone, shiftMinutes] of days) {
      const clock = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hourCycle: "h23", dateStyle: "short", timeStyle: "short" });
      const wallMinute = (t: number) => {
        const [d, time] = clock.format(t).split(", ");
        const [hh, mm] = time!.split(":").map(Number);
        // en-GB short date is dd/mm/yyyy; the next date counts as minute 1440+.
        return (d === date.split("-").reverse().join("/") ? 0 : 1440) + hh! * 60 + mm!;
      };
      let gapMinutes = 0;
      for (let minute = 0; minute <= 1440; minute++) {
        const instant = zonedTimeToInstant(date, minute, zone);
        const read = wallMinute(instant);
        if (read === minute) {
          // Earliest: the same wall time one shift earlier would be the other reading.
          expect(wallMinute(instant - shiftMinutes * MIN)).not.toBe(minute);
        } else {
          expect(read).toBe(minute + shiftMinutes);
          gapMinutes++;
        }
      }
      // Spring-forward days have exactly one shift's worth of missing minutes, fall-back none.
      expect(gapMinutes).toBe(localDayInterval(date, zone).end - localDayInterval(date, zone).start < DAY ? shiftMinutes : 0);
    }
  });

  it("rejects minutes outside 0…1440, malformed dates and unknown zones", () => {
    expect(() => zonedTimeToInstant("2026-06-01", 1441, "UTC")).toThrow(RangeError);
    expect(() => zonedTimeToInstant("2026-06-01", -1, "UTC")).toThrow(RangeError);
    expect(() => zonedTimeToInstant("2026-06-01", Number.NaN, "UTC")).toThrow(RangeError);
    expect(() => zonedTimeToInstant("2026-02-30", 0, "UTC")).toThrow(/calendar date/);
    expect(() => zonedTimeToInstant("2026-6-1", 0, "UTC")).toThrow(/YYYY-MM-DD/);
    expect(() => zonedTimeToInstant("2026-06-01", 0, "Mars/Olympus_Mons")).toThrow(RangeError);
  });

  it("reads a wall time back to itself, taking the earlier of a repeated one (property)", () => {
    const zones = ["UTC", NY, BERLIN, LORD_HOWE, "Asia/Kathmandu", "America/Santiago", "Pacific/Chatham"];
    const wallClock = (t: number, zone: string) =>
      new Intl.DateTimeFormat("en-GB", { timeZone: zone, hourCycle: "h23", dateStyle: "short", timeStyle: "short" }).format(t);
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 366 * 24 * 4 }), (zone, quarter) => {
        const instant = at("2026-01-01T00:00Z") + quarter * 15 * MIN;
        const date = localDateOf(instant, zone);
        const [hh, mm] = wallClock(instant, zone).split(" ")[1]!.split(":").map(Number);
        const back = zonedTimeToInstant(date, hh! * 60 + mm!, zone);
        expect(wallClock(back, zone)).toBe(wallClock(instant, zone));
        // Equal, or the first of two instants with this wall time (at most 1 h earlier).
        expect(back <= instant && instant - back <= HOUR).toBe(true);
        if (back !== instant) expect(zonedTimeToInstant(date, hh! * 60 + mm!, zone)).toBe(back);
      }),
      { numRuns: 400 },
    );
  });
});

describe("local dates", () => {
  it("localDateOf reads the date in the zone", () => {
    expect(localDateOf(at("2026-03-08T04:59Z"), NY)).toBe("2026-03-07");
    expect(localDateOf(at("2026-03-08T05:00Z"), NY)).toBe("2026-03-08");
    expect(localDateOf(at("2025-12-31T18:15Z"), "Asia/Kathmandu")).toBe("2026-01-01");
    expect(localDateOf(at("2025-12-31T18:14Z"), "Asia/Kathmandu")).toBe("2025-12-31");
    expect(localDateOf(at("2026-04-04T13:29Z"), LORD_HOWE)).toBe("2026-04-05");
  });

  it("a local day lasts 23, 25, 23.5 or 24.5 hours on shift days", () => {
    const hours = (date: string, zone: string) => {
      const day = localDayInterval(date, zone);
      return (day.end - day.start) / HOUR;
    };
    expect(hours("2026-03-08", NY)).toBe(23);
    expect(hours("2026-11-01", NY)).toBe(25);
    expect(hours("2026-03-29", BERLIN)).toBe(23);
    expect(hours("2026-10-25", BERLIN)).toBe(25);
    expect(hours("2026-10-04", LORD_HOWE)).toBe(23.5);
    expect(hours("2026-04-05", LORD_HOWE)).toBe(24.5);
    expect(hours("2026-06-01", "Asia/Kathmandu")).toBe(24);
    expect(hours("2026-09-06", "America/Santiago")).toBe(23);
    expect(hours("2026-11-01", "America/Havana")).toBe(25);
    expect(hours("2026-10-31", "America/Havana")).toBe(24);
  });

  it("localDatesCovering lists the zone's dates touching a half-open range", () => {
    // 04:00Z–05:00Z on 8 March is 23:00–23:59 EST on the 7th; the end instant is excluded.
    expect(localDatesCovering({ start: at("2026-03-08T04:00Z"), end: at("2026-03-08T05:00Z") }, NY)).toEqual(["2026-03-07"]);
    expect(localDatesCovering({ start: at("2026-03-08T04:00Z"), end: at("2026-03-08T05:01Z") }, NY)).toEqual(["2026-03-07", "2026-03-08"]);
    expect(localDatesCovering({ start: at("2026-06-01T00:00Z"), end: at("2026-06-01T00:00Z") }, NY)).toEqual([]);
  });

  it("date arithmetic crosses months, years and leap days", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(weekdayOf("2026-06-01")).toBe(1);
    expect(weekdayOf("2026-03-08")).toBe(0);
    expect(weekdayOf("2026-10-24")).toBe(6);
    expect(datesBetween("2026-02-27", "2026-03-02")).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(datesBetween("2026-03-02", "2026-03-01")).toEqual([]);
  });
});
