import { describe, expect, it } from "vitest";
import { computeSlots, type StaffSchedule } from "@/lib/availability";
import { at, iso, MIN, member, query, rules, startsOf } from "./helpers";

const NY = "America/New_York";
const BERLIN = "Europe/Berlin";
const LORD_HOWE = "Australia/Lord_Howe";
const allWeek = (startMinute: number, endMinute: number) => [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute, endMinute }));
const aroundTheClock = (timeZone: string): StaffSchedule => member({ timeZone, weeklyHours: allWeek(0, 1440) });
const early = { now: at("2026-01-01T00:00Z") };

/** Slots for one local calendar day given as UTC bounds, the calendar and member in `zone`. */
function daySlots(zone: string, from: string, to: string, intervalMinutes: number, staff = [aroundTheClock(zone)]) {
  return computeSlots(
    query({
      ...early,
      staff,
      rules: rules({ timeZone: zone, intervalMs: intervalMinutes * MIN, durationMs: 30 * MIN }),
      range: { start: at(from), end: at(to) },
    }),
  );
}

describe("computeSlots on DST days: the grid", () => {
  it("New York spring forward (8 March): 23 hourly starts, 03:00 EDT follows 01:00 EST", () => {
    // Local day = 05:00Z (00:00 EST) to 04:00Z next day (00:00 EDT).
    const starts = startsOf(daySlots(NY, "2026-03-08T05:00Z", "2026-03-09T04:00Z", 60));
    expect(starts).toHaveLength(23);
    expect(starts.slice(0, 4)).toEqual(["2026-03-08T05:00Z", "2026-03-08T06:00Z", "2026-03-08T07:00Z", "2026-03-08T08:00Z"]);
    expect(starts.at(-1)).toBe("2026-03-09T03:00Z");
  });

  it("New York fall back (1 November): 25 hourly starts, 01:00 offered twice (EDT then EST)", () => {
    const starts = startsOf(daySlots(NY, "2026-11-01T04:00Z", "2026-11-02T05:00Z", 60));
    expect(starts).toHaveLength(25);
    // 01:00 EDT = 05:00Z, 01:00 EST = 06:00Z, 02:00 EST = 07:00Z.
    expect(starts.slice(0, 4)).toEqual(["2026-11-01T04:00Z", "2026-11-01T05:00Z", "2026-11-01T06:00Z", "2026-11-01T07:00Z"]);
  });

  it("restarts at each local midnight: a 90-minute grid on the 23 h day ends 30 min short", () => {
    // 05:00Z + k·90 min for k = 0…15 (last 03:30Z = 23:30 EDT), then 00:00 EDT on 9 March = 04:00Z.
    const starts = startsOf(daySlots(NY, "2026-03-08T05:00Z", "2026-03-09T06:00Z", 90));
    expect(starts).toHaveLength(16 + 2);
    expect(starts.slice(14)).toEqual(["2026-03-09T02:00Z", "2026-03-09T03:30Z", "2026-03-09T04:00Z", "2026-03-09T05:30Z"]);
  });

  it("Berlin: 46 half-hour starts on 29 March, 50 on 25 October", () => {
    expect(daySlots(BERLIN, "2026-03-28T23:00Z", "2026-03-29T22:00Z", 30)).toHaveLength(46);
    const october = startsOf(daySlots(BERLIN, "2026-10-24T22:00Z", "2026-10-25T23:00Z", 30));
    expect(october).toHaveLength(50);
    // 02:00 and 02:30 CEST (00:00Z, 00:30Z) then again in CET (01:00Z, 01:30Z).
    expect(october.slice(4, 8)).toEqual(["2026-10-25T00:00Z", "2026-10-25T00:30Z", "2026-10-25T01:00Z", "2026-10-25T01:30Z"]);
  });

  it("Lord Howe: hourly starts keep to local midnight on the 24.5 h and 23.5 h days", () => {
    // 5 April: 00:00 +11 = 4 April 13:00Z until 6 April 00:00 +10:30 = 5 April 13:30Z.
    const april = startsOf(daySlots(LORD_HOWE, "2026-04-04T13:00Z", "2026-04-05T14:00Z", 60));
    expect(april.slice(23)).toEqual(["2026-04-05T12:00Z", "2026-04-05T13:00Z", "2026-04-05T13:30Z"]);
    // 4 October: 00:00 +10:30 = 3 October 13:30Z until 5 October 00:00 +11 = 4 October 13:00Z.
    const october = startsOf(daySlots(LORD_HOWE, "2026-10-03T13:30Z", "2026-10-04T13:30Z", 60));
    expect(october).toHaveLength(24 + 1);
    expect(october.slice(22)).toEqual(["2026-10-04T11:30Z", "2026-10-04T12:30Z", "2026-10-04T13:00Z"]);
  });
});

describe("computeSlots on DST days: working hours", () => {
  const sunday = (timeZone: string, startMinute: number, endMinute: number) =>
    member({ timeZone, weeklyHours: [{ weekday: 0, startMinute, endMinute }] });
  const hourlyIn = (zone: string, duration = 60) => rules({ timeZone: zone, intervalMs: 60 * MIN, durationMs: duration * MIN });
  const sundayOf = (from: string, to: string) => ({ start: at(from), end: at(to) });

  it("hours spanning spring forward lose an hour; spanning fall back gain one", () => {
    // 00:00–06:00 on 8 March: 05:00Z–10:00Z, 5 hourly slots.
    const march = computeSlots(
      query({ ...early, staff: [sunday(NY, 0, 360)], rules: hourlyIn(NY), range: sundayOf("2026-03-08T00:00Z", "2026-03-09T00:00Z") }),
    );
    expect(startsOf(march)).toEqual([
      "2026-03-08T05:00Z",
      "2026-03-08T06:00Z",
      "2026-03-08T07:00Z",
      "2026-03-08T08:00Z",
      "2026-03-08T09:00Z",
    ]);
    // 00:00–06:00 on 1 November: 04:00Z–11:00Z, 7 hourly slots.
    const november = computeSlots(
      query({ ...early, staff: [sunday(NY, 0, 360)], rules: hourlyIn(NY), range: sundayOf("2026-11-01T00:00Z", "2026-11-02T00:00Z") }),
    );
    expect(november).toHaveLength(7);
    expect(iso(november.at(-1)!.end)).toBe("2026-11-01T11:00Z");
  });

  it("hours starting 02:30 on 8 March (no such time) start 03:30 EDT", () => {
    // 02:30–05:00 → 07:30Z–09:00Z; 30-minute slots on the 30-minute grid.
    const slots = computeSlots(
      query({
        ...early,
        staff: [sunday(NY, 150, 300)],
        rules: rules({ timeZone: NY, durationMs: 30 * MIN }),
        range: sundayOf("2026-03-08T00:00Z", "2026-03-09T00:00Z"),
      }),
    );
    expect(startsOf(slots)).toEqual(["2026-03-08T07:30Z", "2026-03-08T08:00Z", "2026-03-08T08:30Z"]);
  });

  it("hours starting 01:30 on 1 November (twice) start at the first 01:30", () => {
    // 01:30 EDT = 05:30Z to 03:00 EST = 08:00Z: five 30-minute slots, 01:00 EST among them.
    const slots = computeSlots(
      query({
        ...early,
        staff: [sunday(NY, 90, 180)],
        rules: rules({ timeZone: NY, durationMs: 30 * MIN }),
        range: sundayOf("2026-11-01T00:00Z", "2026-11-02T00:00Z"),
      }),
    );
    expect(startsOf(slots)).toEqual([
      "2026-11-01T05:30Z",
      "2026-11-01T06:00Z",
      "2026-11-01T06:30Z",
      "2026-11-01T07:00Z",
      "2026-11-01T07:30Z",
    ]);
  });

  it("Berlin hours across the shift, booked on a UTC calendar", () => {
    // 01:00–04:00 on 29 March: 00:00Z–02:00Z (2 h); on 25 October: 23:00Z (24th)–03:00Z (4 h).
    const member = sunday(BERLIN, 60, 240);
    const march = computeSlots(
      query({ ...early, staff: [member], rules: hourlyIn("UTC"), range: sundayOf("2026-03-28T12:00Z", "2026-03-29T12:00Z") }),
    );
    expect(startsOf(march)).toEqual(["2026-03-29T00:00Z", "2026-03-29T01:00Z"]);
    const october = computeSlots(
      query({ ...early, staff: [member], rules: hourlyIn("UTC"), range: sundayOf("2026-10-24T12:00Z", "2026-10-25T12:00Z") }),
    );
    expect(startsOf(october)).toEqual(["2026-10-24T23:00Z", "2026-10-25T00:00Z", "2026-10-25T01:00Z", "2026-10-25T02:00Z"]);
  });

  it("Lord Howe hours across the 30-minute shifts", () => {
    // 01:00–03:00 on 5 April: 14:00Z–16:30Z; half-hourly 60-minute slots on a Lord Howe grid.
    const lordHowe = sunday(LORD_HOWE, 60, 180);
    const grid = rules({ timeZone: LORD_HOWE });
    const april = computeSlots(
      query({ ...early, staff: [lordHowe], rules: grid, range: sundayOf("2026-04-04T00:00Z", "2026-04-05T12:00Z") }),
    );
    expect(startsOf(april)).toEqual(["2026-04-04T14:00Z", "2026-04-04T14:30Z", "2026-04-04T15:00Z", "2026-04-04T15:30Z"]);
    // 01:00–03:00 on 4 October: 14:30Z–16:00Z (02:00–02:30 does not exist): 1.5 h.
    const october = computeSlots(
      query({ ...early, staff: [lordHowe], rules: grid, range: sundayOf("2026-10-03T00:00Z", "2026-10-04T12:00Z") }),
    );
    expect(startsOf(october)).toEqual(["2026-10-03T14:30Z", "2026-10-03T15:00Z"]);
  });
});
