import { describe, expect, it } from "vitest";
import { computeSlots } from "@/lib/availability";
import { at, MIN, member, query, rules, startsOf } from "./helpers";

// Base scenario (helpers.query): Monday 1 June 2026, one UTC member working 09:00–12:00,
// 60-minute slots on a 30-minute grid, no buffers, no notice, wide window.
const BASE = ["2026-06-01T09:00Z", "2026-06-01T09:30Z", "2026-06-01T10:00Z", "2026-06-01T10:30Z", "2026-06-01T11:00Z"];

describe("computeSlots: the single-member rules", () => {
  it("offers every grid start whose slot fits the working hours", () => {
    const slots = computeSlots(query());
    expect(startsOf(slots)).toEqual(BASE);
    expect(slots[0]).toEqual({ start: at("2026-06-01T09:00Z"), end: at("2026-06-01T10:00Z"), staffIds: ["ana"] });
  });

  it("uses the duration for the slot's end and for fitting", () => {
    const slots = computeSlots(query({ rules: rules({ durationMs: 90 * MIN }) }));
    expect(startsOf(slots)).toEqual(BASE.slice(0, 4));
    expect(slots.at(-1)!.end - slots.at(-1)!.start).toBe(90 * MIN);
    expect(computeSlots(query({ rules: rules({ durationMs: 4 * 60 * MIN }) }))).toEqual([]);
  });

  it("aligns starts to the grid from the calendar's local midnight, not to working hours", () => {
    // A 45-minute grid from 00:00: …, 09:00, 09:45, 10:30, 11:15 (11:15 + 60 > 12:00).
    const grid45 = rules({ intervalMs: 45 * MIN });
    expect(startsOf(computeSlots(query({ rules: grid45 })))).toEqual(["2026-06-01T09:00Z", "2026-06-01T09:45Z", "2026-06-01T10:30Z"]);
    // Hours from 09:10 skip 09:00, and the grid does not move to 09:10.
    const late = member({ weeklyHours: [{ weekday: 1, startMinute: 550, endMinute: 720 }] });
    expect(startsOf(computeSlots(query({ rules: grid45, staff: [late] })))).toEqual(["2026-06-01T09:45Z", "2026-06-01T10:30Z"]);
    // Calendar in Kathmandu (+05:45): its midnight is 18:15Z, so an hourly grid sits at :15 UTC.
    const kathmandu = rules({ intervalMs: 60 * MIN, timeZone: "Asia/Kathmandu" });
    expect(startsOf(computeSlots(query({ rules: kathmandu })))).toEqual(["2026-06-01T09:15Z", "2026-06-01T10:15Z"]);
  });

  describe("buffers pad the slot against busy time", () => {
    const appointment = { start: at("2026-06-01T10:30Z"), end: at("2026-06-01T11:00Z") };

    it("an appointment removes the slots it overlaps; touching is fine", () => {
      const ana = member({ appointments: [appointment] });
      expect(startsOf(computeSlots(query({ staff: [ana] })))).toEqual(["2026-06-01T09:00Z", "2026-06-01T09:30Z", "2026-06-01T11:00Z"]);
    });

    it("bufferAfter keeps a slot from ending right before busy time", () => {
      // 09:30–10:30 + 15 min reaches 10:45 > 10:30; 09:00 reaches 10:15.
      const ana = member({ appointments: [appointment] });
      const slots = computeSlots(query({ staff: [ana], rules: rules({ bufferAfterMs: 15 * MIN }) }));
      expect(startsOf(slots)).toEqual(["2026-06-01T09:00Z", "2026-06-01T11:00Z"]);
    });

    it("bufferBefore keeps a slot from starting right after busy time", () => {
      // 11:00 − 15 min = 10:45 < 11:00.
      const ana = member({ appointments: [appointment] });
      const slots = computeSlots(query({ staff: [ana], rules: rules({ bufferBeforeMs: 15 * MIN }) }));
      expect(startsOf(slots)).toEqual(["2026-06-01T09:00Z", "2026-06-01T09:30Z"]);
    });

    it("busy blocks are padded exactly like appointments", () => {
      const ana = member({ busyBlocks: [appointment] });
      const both = rules({ bufferBeforeMs: 15 * MIN, bufferAfterMs: 15 * MIN });
      expect(startsOf(computeSlots(query({ staff: [ana], rules: both })))).toEqual(["2026-06-01T09:00Z"]);
      // A 1-minute buffer is enough to matter: 09:30–10:30 + 1 min overlaps 10:30.
      const tight = rules({ bufferAfterMs: 1 * MIN });
      expect(startsOf(computeSlots(query({ staff: [ana], rules: tight })))).toEqual(["2026-06-01T09:00Z", "2026-06-01T11:00Z"]);
    });

    it("buffers may reach outside working hours", () => {
      const wide = rules({ bufferBeforeMs: 60 * MIN, bufferAfterMs: 60 * MIN });
      expect(startsOf(computeSlots(query({ rules: wide })))).toEqual(BASE);
    });

    it("busy time just outside working hours still blocks through the buffer", () => {
      // Busy 12:00–12:30 (after hours): 11:00–12:00 + 10 min overlaps it.
      const ana = member({ busyBlocks: [{ start: at("2026-06-01T12:00Z"), end: at("2026-06-01T12:30Z") }] });
      const slots = computeSlots(query({ staff: [ana], rules: rules({ bufferAfterMs: 10 * MIN }) }));
      expect(startsOf(slots)).toEqual(BASE.slice(0, 4));
    });

    it("ignores empty busy intervals", () => {
      const ana = member({ busyBlocks: [{ start: at("2026-06-01T10:00Z"), end: at("2026-06-01T10:00Z") }] });
      expect(startsOf(computeSlots(query({ staff: [ana] })))).toEqual(BASE);
    });
  });

  it("requires the minimum notice from now, without moving the grid", () => {
    const now = at("2026-06-01T08:00Z");
    expect(startsOf(computeSlots(query({ now, rules: rules({ minimumNoticeMs: 90 * MIN }) })))).toEqual(BASE.slice(1));
    expect(startsOf(computeSlots(query({ now: now + MIN, rules: rules({ minimumNoticeMs: 90 * MIN }) })))).toEqual(BASE.slice(2));
    // Now itself, with no notice: a slot starting exactly now is still offered.
    expect(startsOf(computeSlots(query({ now: at("2026-06-01T10:00Z") })))).toEqual(BASE.slice(2));
  });

  it("keeps starts inside the booking window [start, end)", () => {
    const window = { start: at("2026-06-01T09:30Z"), end: at("2026-06-01T10:30Z") };
    const slots = computeSlots(query({ rules: rules({ window }) }));
    // The 10:00 slot ends after the window: the window bounds starts only.
    expect(startsOf(slots)).toEqual(["2026-06-01T09:30Z", "2026-06-01T10:00Z"]);
  });

  it("keeps starts inside the asked range [start, end)", () => {
    const range = { start: at("2026-06-01T09:10Z"), end: at("2026-06-01T11:00Z") };
    expect(startsOf(computeSlots(query({ range })))).toEqual(["2026-06-01T09:30Z", "2026-06-01T10:00Z", "2026-06-01T10:30Z"]);
    expect(computeSlots(query({ range: { start: range.end, end: range.start } }))).toEqual([]);
  });

  it("returns no duplicates, in order, over several days", () => {
    const everyDay = member({ weeklyHours: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 })) });
    const slots = computeSlots(query({ staff: [everyDay], range: { start: at("2026-06-01T00:00Z"), end: at("2026-06-04T00:00Z") } }));
    // Working around the clock, days merge: 3 × 48 starts, every 30 minutes.
    expect(slots).toHaveLength(144);
    slots.forEach((slot, i) => expect(slot.start).toBe(at("2026-06-01T00:00Z") + i * 30 * MIN));
  });

  it("rejects rules that would never end or make no sense", () => {
    expect(() => computeSlots(query({ rules: rules({ intervalMs: 0 }) }))).toThrow(/intervalMs/);
    expect(() => computeSlots(query({ rules: rules({ durationMs: -1 }) }))).toThrow(/durationMs/);
    expect(() => computeSlots(query({ rules: rules({ bufferAfterMs: -5 }) }))).toThrow(/bufferAfterMs/);
    expect(() =>
      computeSlots(query({ rules: rules({ window: { start: 0, end: Infinity } }), range: { start: 0, end: Infinity } })),
    ).toThrow(/finite/);
  });
});
