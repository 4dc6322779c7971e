import { describe, expect, it } from "vitest";
import { computeSlots } from "@/lib/availability";
import { makeBenchQuery } from "../../support/availability-fixture";
import { referenceSlots } from "./reference-slots";

describe("makeBenchQuery", () => {
  it("builds the benchmark scenario: 50 members, 10,000 busy blocks, 2,000 appointments, 30 days", () => {
    const q = makeBenchQuery(1);
    expect(q.staff).toHaveLength(50);
    expect(q.staff.reduce((n, m) => n + m.busyBlocks.length, 0)).toBe(10_000);
    expect(q.staff.reduce((n, m) => n + m.appointments.length, 0)).toBe(2_000);
    expect(q.range.end - q.range.start).toBe(30 * 86_400_000);
    expect(new Set(q.staff.map((m) => m.timeZone)).size).toBe(5);
    expect(q.combine).toBe("ANY");
  });

  it("is deterministic per seed and differs between seeds", () => {
    expect(makeBenchQuery(7)).toEqual(makeBenchQuery(7));
    expect(makeBenchQuery(7)).not.toEqual(makeBenchQuery(8));
  });

  it("computes the same slots as the brute-force reference on a slice of the scenario", () => {
    // The reference is O(slots × everything): the full 50 members take it ~10 s, so compare on
    // 8 members (with all their busy time) over the 10 days around New York's DST shift.
    const full = makeBenchQuery(3);
    const q = { ...full, staff: full.staff.slice(0, 8), range: { start: full.range.start, end: full.range.start + 10 * 86_400_000 } };
    const slots = computeSlots(q);
    // Busy enough to matter, free enough to offer: not a vacuous comparison.
    expect(slots.length).toBeGreaterThan(200);
    expect(slots.some((s) => s.staffIds.length === 1)).toBe(true);
    expect(slots).toEqual(referenceSlots(q));
  });
});
