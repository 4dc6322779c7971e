import { describe, expect, it } from "vitest";
import { computeSlots, type Slot } from "@/lib/availability";
import { at, HOUR, member, query, rules } from "./helpers";

const byStart = (slots: Slot[]) => slots.map((s) => `${new Date(s.start).toISOString().slice(11, 16)} ${s.staffIds.join(",")}`);

describe("computeSlots: combining members", () => {
  // ana 09:00–12:00, ben 10:00–13:00 (UTC, Monday 1 June 2026).
  const ana = member();
  const ben = member({ staffId: "ben", weeklyHours: [{ weekday: 1, startMinute: 10 * 60, endMinute: 13 * 60 }] });

  it("ANY offers a slot when one member is free and lists the free ones", () => {
    expect(byStart(computeSlots(query({ staff: [ana, ben] })))).toEqual([
      "09:00 ana",
      "09:30 ana",
      "10:00 ana,ben",
      "10:30 ana,ben",
      "11:00 ana,ben",
      "11:30 ben",
      "12:00 ben",
    ]);
  });

  it("ANY lists members in input order", () => {
    expect(byStart(computeSlots(query({ staff: [ben, ana] })))[3]).toBe("10:30 ben,ana");
  });

  it("ALL offers a slot only when every member is free, listing all of them", () => {
    expect(byStart(computeSlots(query({ staff: [ana, ben], combine: "ALL" })))).toEqual([
      "10:00 ana,ben",
      "10:30 ana,ben",
      "11:00 ana,ben",
    ]);
    // ben busy 10:30–11:00 takes out every common slot touching it.
    const busyBen = { ...ben, busyBlocks: [{ start: at("2026-06-01T10:30Z"), end: at("2026-06-01T11:00Z") }] };
    expect(byStart(computeSlots(query({ staff: [ana, busyBen], combine: "ALL" })))).toEqual(["11:00 ana,ben"]);
  });

  it("an empty team offers nothing, ANY or ALL", () => {
    expect(computeSlots(query({ staff: [] }))).toEqual([]);
    expect(computeSlots(query({ staff: [], combine: "ALL" }))).toEqual([]);
  });

  describe("members in different zones (New York, London, Berlin; 09:00–17:00 local, Monday 1 June)", () => {
    // Summer: NY 13:00–21:00Z, London 08:00–16:00Z, Berlin 07:00–15:00Z.
    const day = [{ weekday: 1, startMinute: 9 * 60, endMinute: 17 * 60 }];
    const staff = [
      member({ staffId: "ny", timeZone: "America/New_York", weeklyHours: day }),
      member({ staffId: "london", timeZone: "Europe/London", weeklyHours: day }),
      member({ staffId: "berlin", timeZone: "Europe/Berlin", weeklyHours: day }),
    ];
    const hourly = rules({ intervalMs: HOUR });
    const range = { start: at("2026-05-31T00:00Z"), end: at("2026-06-03T00:00Z") };

    it("ANY covers the union, naming who is free", () => {
      expect(byStart(computeSlots(query({ staff, rules: hourly, range })))).toEqual([
        "07:00 berlin",
        "08:00 london,berlin",
        "09:00 london,berlin",
        "10:00 london,berlin",
        "11:00 london,berlin",
        "12:00 london,berlin",
        "13:00 ny,london,berlin",
        "14:00 ny,london,berlin",
        "15:00 ny,london",
        "16:00 ny",
        "17:00 ny",
        "18:00 ny",
        "19:00 ny",
        "20:00 ny",
      ]);
    });

    it("ALL is the overlap, 13:00–15:00Z", () => {
      expect(byStart(computeSlots(query({ staff, rules: hourly, range, combine: "ALL" })))).toEqual([
        "13:00 ny,london,berlin",
        "14:00 ny,london,berlin",
      ]);
    });

    it("in winter the overlap moves with each zone's own offset", () => {
      // Monday 12 January: NY 14:00–22:00Z, London 09:00–17:00Z, Berlin 08:00–16:00Z → 14:00, 15:00.
      const winter = { start: at("2026-01-12T00:00Z"), end: at("2026-01-13T00:00Z") };
      const slots = computeSlots(query({ staff, rules: hourly, range: winter, combine: "ALL", now: at("2026-01-01T00:00Z") }));
      expect(byStart(slots)).toEqual(["14:00 ny,london,berlin", "15:00 ny,london,berlin"]);
    });

    it("between the US and EU shifts (Monday 16 March) NY is only 4 h behind London", () => {
      // NY is on EDT since 8 March (13:00–21:00Z); London and Berlin still on winter time
      // (09:00–17:00Z and 08:00–16:00Z) → common 13:00–16:00Z.
      const gap = { start: at("2026-03-16T00:00Z"), end: at("2026-03-17T00:00Z") };
      const slots = computeSlots(query({ staff, rules: hourly, range: gap, combine: "ALL", now: at("2026-03-01T00:00Z") }));
      expect(byStart(slots)).toEqual(["13:00 ny,london,berlin", "14:00 ny,london,berlin", "15:00 ny,london,berlin"]);
    });
  });
});
