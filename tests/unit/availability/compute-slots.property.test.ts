import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeSlots, localDateOf, zonedTimeToInstant, type StaffSchedule } from "@/lib/availability";
import { insideWorkingHours, referenceSlots } from "./reference-slots";
import { queryArb } from "./slot-query-arbitrary";

/** Deterministic Fisher–Yates driven by a fast-check seed, so failures replay. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = items.slice();
  let state = seed >>> 0;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const RUNS = { numRuns: 300 };

describe("computeSlots properties (random schedules around DST shifts)", () => {
  it("matches a brute-force reference exactly", () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        expect(computeSlots(q)).toEqual(referenceSlots(q));
      }),
      { numRuns: 1000 },
    );
  });

  it("(a) no slot, padded by the buffers, overlaps busy time of a member it lists", () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const { bufferBeforeMs, bufferAfterMs } = q.rules;
        for (const slot of computeSlots(q)) {
          for (const id of slot.staffIds) {
            const m = q.staff.find((s) => s.staffId === id)!;
            for (const busy of [...m.appointments, ...m.busyBlocks]) {
              const overlaps = busy.end > busy.start && busy.start < slot.end + bufferAfterMs && busy.end > slot.start - bufferBeforeMs;
              expect(overlaps).toBe(false);
            }
            expect(m.available).not.toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it("(b) every slot lies inside each listed member's working hours", () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        for (const slot of computeSlots(q)) {
          for (const id of slot.staffIds)
            expect(
              insideWorkingHours(
                q.staff.find((s) => s.staffId === id)!,
                slot.start,
                slot.end,
              ),
            ).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("(c) input order does not matter", () => {
    fc.assert(
      fc.property(queryArb, fc.integer(), (q, seed) => {
        const reshuffle = (m: StaffSchedule, k: number): StaffSchedule => ({
          ...m,
          weeklyHours: shuffled(m.weeklyHours, seed + k),
          overrides: shuffled(m.overrides, seed + k + 1),
          appointments: shuffled(m.appointments, seed + k + 2),
          busyBlocks: shuffled(m.busyBlocks, seed + k + 3),
          bookingStartsOnCalendar: shuffled(m.bookingStartsOnCalendar, seed + k + 4),
        });
        const rules = { ...q.rules, calendarBookingStarts: shuffled(q.rules.calendarBookingStarts, seed) };
        const inner = { ...q, rules, staff: q.staff.map((m, i) => reshuffle(m, 10 * i)) };
        const expected = computeSlots(q);
        // Only the inner arrays shuffled: identical output, staffIds order included.
        expect(computeSlots(inner)).toEqual(expected);
        // Members shuffled too: same starts and sets; staffIds follow the new input order.
        const members = shuffled(inner.staff, seed ^ 0x5bd1e995);
        const reordered = computeSlots({ ...inner, staff: members });
        expect(reordered.map((s) => s.start)).toEqual(expected.map((s) => s.start));
        reordered.forEach((slot, i) => {
          expect([...slot.staffIds].sort()).toEqual([...expected[i]!.staffIds].sort());
          const order = members.map((m) => m.staffId).filter((id) => slot.staffIds.includes(id));
          expect(slot.staffIds).toEqual(order);
        });
      }),
      RUNS,
    );
  });

  it("(d) ALL ⊆ ANY, and an ALL slot lists every member", () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const any = new Map(computeSlots({ ...q, combine: "ANY" }).map((s) => [s.start, s.staffIds]));
        for (const slot of computeSlots({ ...q, combine: "ALL" })) {
          expect(slot.staffIds).toEqual(q.staff.map((m) => m.staffId));
          expect(any.get(slot.start)).toEqual(slot.staffIds);
        }
      }),
      RUNS,
    );
  });

  it("(e) starts are on the calendar's grid, after notice, inside window and range, ascending", () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const { rules } = q;
        let previous = -Infinity;
        for (const slot of computeSlots(q)) {
          const midnight = zonedTimeToInstant(localDateOf(slot.start, rules.timeZone), 0, rules.timeZone);
          expect((slot.start - midnight) % rules.intervalMs).toBe(0);
          expect(slot.start).toBeGreaterThanOrEqual(q.now + rules.minimumNoticeMs);
          expect(slot.start).toBeGreaterThanOrEqual(Math.max(rules.window.start, q.range.start));
          expect(slot.start).toBeLessThan(Math.min(rules.window.end, q.range.end));
          expect(slot.end - slot.start).toBe(rules.durationMs);
          expect(slot.staffIds.length).toBeGreaterThan(0);
          expect(slot.start).toBeGreaterThan(previous);
          previous = slot.start;
        }
      }),
      RUNS,
    );
  });
});
