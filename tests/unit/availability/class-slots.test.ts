import { describe, expect, it } from "vitest";
import { computeClassSlots, type ClassOccurrenceInput, type ClassSlotsInput } from "@/lib/availability";
import { at, MIN, member } from "./helpers";

const occurrence = (overrides: Partial<ClassOccurrenceInput> = {}): ClassOccurrenceInput => ({
  sessionId: "yoga-1",
  instructorId: "ana",
  start: at("2026-06-06T18:00Z"),
  end: at("2026-06-06T19:00Z"),
  capacity: 10,
  seatsTaken: 7,
  ...overrides,
});

// ana has no working hours on Saturday 6 June at all: classes ignore working hours.
const input = (overrides: Partial<ClassSlotsInput> = {}): ClassSlotsInput => ({
  occurrences: [occurrence()],
  instructors: [member({ weeklyHours: [] })],
  rules: {
    minimumNoticeMs: 0,
    window: { start: at("2026-01-01T00:00Z"), end: at("2027-01-01T00:00Z") },
    bufferBeforeMs: 0,
    bufferAfterMs: 0,
  },
  range: { start: at("2026-06-01T00:00Z"), end: at("2026-06-08T00:00Z") },
  now: at("2026-05-01T00:00Z"),
  ...overrides,
});
const ids = (i: ClassSlotsInput) => computeClassSlots(i).map((s) => s.sessionId);
const busyAna = (start: string, end: string) => [member({ weeklyHours: [], busyBlocks: [{ start: at(start), end: at(end) }] })];

describe("computeClassSlots", () => {
  it("offers an occurrence with free seats, outside working hours, with seats left", () => {
    expect(computeClassSlots(input())).toEqual([
      { sessionId: "yoga-1", instructorId: "ana", start: at("2026-06-06T18:00Z"), end: at("2026-06-06T19:00Z"), seatsLeft: 3 },
    ]);
  });

  it("hides full and overbooked occurrences", () => {
    expect(ids(input({ occurrences: [occurrence({ seatsTaken: 10 })] }))).toEqual([]);
    expect(ids(input({ occurrences: [occurrence({ seatsTaken: 12 })] }))).toEqual([]);
    expect(computeClassSlots(input({ occurrences: [occurrence({ seatsTaken: 9 })] }))[0]!.seatsLeft).toBe(1);
  });

  it("applies notice, window and range to the start", () => {
    const rules = input().rules;
    const now = at("2026-06-06T16:00Z");
    expect(ids(input({ now, rules: { ...rules, minimumNoticeMs: 120 * MIN } }))).toEqual(["yoga-1"]);
    expect(ids(input({ now: now + 1, rules: { ...rules, minimumNoticeMs: 120 * MIN } }))).toEqual([]);
    expect(ids(input({ rules: { ...rules, window: { start: at("2026-06-01T00:00Z"), end: at("2026-06-06T18:00Z") } } }))).toEqual([]);
    expect(ids(input({ rules: { ...rules, window: { start: at("2026-06-06T18:00Z"), end: at("2026-06-06T18:01Z") } } }))).toEqual([
      "yoga-1",
    ]);
    expect(ids(input({ range: { start: at("2026-06-06T18:01Z"), end: at("2026-06-08T00:00Z") } }))).toEqual([]);
  });

  it("hides occurrences whose instructor is busy, with the buffers", () => {
    // Busy 19:00–19:30 touches the class's end: fine without buffers, not with 1 min after.
    expect(ids(input({ instructors: busyAna("2026-06-06T19:00Z", "2026-06-06T19:30Z") }))).toEqual(["yoga-1"]);
    const after = { ...input().rules, bufferAfterMs: 1 * MIN };
    expect(ids(input({ instructors: busyAna("2026-06-06T19:00Z", "2026-06-06T19:30Z"), rules: after }))).toEqual([]);
    // Busy 17:00–17:50: clear with a 10-minute buffer before, not with 11.
    const before = (m: number) => ({ ...input().rules, bufferBeforeMs: m * MIN });
    expect(ids(input({ instructors: busyAna("2026-06-06T17:00Z", "2026-06-06T17:50Z"), rules: before(10) }))).toEqual(["yoga-1"]);
    expect(ids(input({ instructors: busyAna("2026-06-06T17:00Z", "2026-06-06T17:50Z"), rules: before(11) }))).toEqual([]);
    // An appointment inside the class.
    const booked = [member({ weeklyHours: [], appointments: [{ start: at("2026-06-06T18:30Z"), end: at("2026-06-06T18:45Z") }] })];
    expect(ids(input({ instructors: booked }))).toEqual([]);
  });

  it("only the occurrence's own instructor's busy time counts", () => {
    const ben = member({ staffId: "ben", busyBlocks: [{ start: at("2026-06-06T18:00Z"), end: at("2026-06-06T19:00Z") }] });
    expect(ids(input({ instructors: [member({ weeklyHours: [] }), ben] }))).toEqual(["yoga-1"]);
  });

  it("hides occurrences of unavailable or unknown instructors (busy time unknown)", () => {
    expect(ids(input({ instructors: [member({ available: false })] }))).toEqual([]);
    expect(ids(input({ instructors: [] }))).toEqual([]);
  });

  it("an instructor listed twice keeps the busy time of both entries", () => {
    const twice = [...busyAna("2026-06-06T18:30Z", "2026-06-06T18:45Z"), member({ weeklyHours: [] })];
    expect(ids(input({ instructors: twice }))).toEqual([]);
    expect(ids(input({ instructors: [...twice].reverse() }))).toEqual([]);
  });

  it("sorts by start, then session id", () => {
    const occurrences = [
      occurrence({ sessionId: "c", start: at("2026-06-05T10:00Z"), end: at("2026-06-05T11:00Z") }),
      occurrence({ sessionId: "b", start: at("2026-06-02T10:00Z"), end: at("2026-06-02T11:00Z") }),
      occurrence({ sessionId: "a", start: at("2026-06-05T10:00Z"), end: at("2026-06-05T11:00Z") }),
    ];
    expect(ids(input({ occurrences }))).toEqual(["b", "a", "c"]);
  });
});
