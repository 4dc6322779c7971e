import { describe, expect, it } from "vitest";
import { computeSlots } from "@/lib/availability";
import { at, member, query, rules, startsOf } from "./helpers";

// Monday 1 and Tuesday 2 June 2026.
const twoDays = { start: at("2026-06-01T00:00Z"), end: at("2026-06-03T00:00Z") };
const monTue = [
  { weekday: 1, startMinute: 9 * 60, endMinute: 11 * 60 },
  { weekday: 2, startMinute: 9 * 60, endMinute: 11 * 60 },
];

describe("computeSlots: daily caps", () => {
  describe("per staff member, counted in the member's local day", () => {
    // New York (EDT): 09:00–11:00 is 13:00–15:00Z; hourly 60-minute slots at 13:00 and 14:00Z.
    const nyMember = (bookingStartsOnCalendar: number[]) =>
      member({ timeZone: "America/New_York", weeklyHours: monTue, bookingStartsOnCalendar });
    const capped = (cap: number | null) => rules({ intervalMs: 60 * 60_000, maxPerDayPerStaff: cap });
    // 02:00Z on 2 June is 22:00 on Monday 1 June in New York: it counts for Monday.
    const lateMonday = [at("2026-06-02T02:00Z"), at("2026-06-02T02:30Z")];

    it("a member at the cap offers nothing that local day", () => {
      const slots = computeSlots(query({ staff: [nyMember(lateMonday)], range: twoDays, rules: capped(2) }));
      expect(startsOf(slots)).toEqual(["2026-06-02T13:00Z", "2026-06-02T14:00Z"]);
    });

    it("below the cap, or with no cap, the day stays open", () => {
      const all = ["2026-06-01T13:00Z", "2026-06-01T14:00Z", "2026-06-02T13:00Z", "2026-06-02T14:00Z"];
      expect(startsOf(computeSlots(query({ staff: [nyMember(lateMonday)], range: twoDays, rules: capped(3) })))).toEqual(all);
      expect(startsOf(computeSlots(query({ staff: [nyMember(lateMonday)], range: twoDays, rules: capped(null) })))).toEqual(all);
    });

    it("a cap of 0 closes every day", () => {
      expect(computeSlots(query({ staff: [nyMember([])], range: twoDays, rules: capped(0) }))).toEqual([]);
    });

    it("caps one member of a round robin, not the others", () => {
      const ben = member({ staffId: "ben", timeZone: "America/New_York", weeklyHours: monTue });
      const slots = computeSlots(query({ staff: [nyMember(lateMonday), ben], range: twoDays, rules: capped(2) }));
      expect(slots.map((s) => [s.start, s.staffIds])).toEqual([
        [at("2026-06-01T13:00Z"), ["ben"]],
        [at("2026-06-01T14:00Z"), ["ben"]],
        [at("2026-06-02T13:00Z"), ["ana", "ben"]],
        [at("2026-06-02T14:00Z"), ["ana", "ben"]],
      ]);
    });
  });

  describe("per calendar, counted in the calendar's local day", () => {
    // A UTC member, a Tokyo calendar. 16:00Z on 1 June is 01:00 on 2 June in Tokyo, so it fills
    // Tokyo's 2 June (= 1 June 15:00Z to 2 June 15:00Z), which holds Tuesday's 09:00–11:00Z.
    const tokyo = (cap: number | null, calendarBookingStarts: number[]) =>
      rules({ intervalMs: 60 * 60_000, timeZone: "Asia/Tokyo", maxPerDayTotal: cap, calendarBookingStarts });

    it("a full calendar day offers nothing", () => {
      const slots = computeSlots(
        query({ staff: [member({ weeklyHours: monTue })], range: twoDays, rules: tokyo(1, [at("2026-06-01T16:00Z")]) }),
      );
      expect(startsOf(slots)).toEqual(["2026-06-01T09:00Z", "2026-06-01T10:00Z"]);
    });

    it("bookings on other days, or below the cap, do not close it", () => {
      const staff = [member({ weeklyHours: monTue })];
      const all = ["2026-06-01T09:00Z", "2026-06-01T10:00Z", "2026-06-02T09:00Z", "2026-06-02T10:00Z"];
      expect(startsOf(computeSlots(query({ staff, range: twoDays, rules: tokyo(2, [at("2026-06-01T16:00Z")]) })))).toEqual(all);
      // 14:59Z is still Tokyo's 1 June (23:59), which holds Monday's slots.
      const monday = computeSlots(query({ staff, range: twoDays, rules: tokyo(1, [at("2026-06-01T14:59Z")]) }));
      expect(startsOf(monday)).toEqual(["2026-06-02T09:00Z", "2026-06-02T10:00Z"]);
    });
  });
});

describe("computeSlots: availability flag and overrides", () => {
  it("an unavailable member is never free", () => {
    const ana = member({ available: false });
    const ben = member({ staffId: "ben" });
    expect(computeSlots(query({ staff: [ana] }))).toEqual([]);
    expect(computeSlots(query({ staff: [ana, ben] })).map((s) => s.staffIds)).toEqual([["ben"], ["ben"], ["ben"], ["ben"], ["ben"]]);
    expect(computeSlots(query({ staff: [ana, ben], combine: "ALL" }))).toEqual([]);
    // available: true and undefined both mean bookable.
    expect(computeSlots(query({ staff: [member({ available: true })] }))).toHaveLength(5);
  });

  it("a day-off override removes the day; another override changes its hours", () => {
    const dayOff = member({ weeklyHours: monTue, overrides: [{ date: "2026-06-01", intervals: [] }] });
    expect(startsOf(computeSlots(query({ staff: [dayOff], range: twoDays })))).toEqual([
      "2026-06-02T09:00Z",
      "2026-06-02T09:30Z",
      "2026-06-02T10:00Z",
    ]);
    const afternoon = member({
      weeklyHours: monTue,
      overrides: [{ date: "2026-06-02", intervals: [{ startMinute: 14 * 60, endMinute: 15 * 60 }] }],
    });
    expect(startsOf(computeSlots(query({ staff: [afternoon], range: twoDays })))).toEqual([
      "2026-06-01T09:00Z",
      "2026-06-01T09:30Z",
      "2026-06-01T10:00Z",
      "2026-06-02T14:00Z",
    ]);
  });
});
