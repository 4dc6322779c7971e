import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clipIntervals, normalizeIntervals, overlapsAny, subtractIntervals, type Interval } from "@/lib/availability";

const iv = (start: number, end: number): Interval => ({ start, end });

describe("interval algebra", () => {
  it("normalizes: drops empty and inverted, sorts, merges overlapping and touching", () => {
    expect(normalizeIntervals([iv(5, 7), iv(1, 2), iv(3, 3), iv(9, 8), iv(2, 4), iv(6, 10), iv(12, 13)])).toEqual([
      iv(1, 4),
      iv(5, 10),
      iv(12, 13),
    ]);
    expect(normalizeIntervals([])).toEqual([]);
  });

  it("does not mutate its input", () => {
    const input = [iv(3, 4), iv(1, 3)];
    normalizeIntervals(input);
    expect(input).toEqual([iv(3, 4), iv(1, 3)]);
  });

  it("subtracts, splitting and trimming", () => {
    expect(subtractIntervals([iv(0, 10), iv(20, 30)], [iv(2, 3), iv(5, 22), iv(29, 40)])).toEqual([iv(0, 2), iv(3, 5), iv(22, 29)]);
    expect(subtractIntervals([iv(0, 10)], [iv(0, 10)])).toEqual([]);
    expect(subtractIntervals([iv(0, 10)], [iv(10, 12), iv(-5, 0)])).toEqual([iv(0, 10)]);
  });

  it("clips to a range", () => {
    expect(clipIntervals([iv(0, 5), iv(8, 12), iv(15, 20)], iv(3, 10))).toEqual([iv(3, 5), iv(8, 10)]);
  });

  it("overlapsAny is half-open", () => {
    const busy = [iv(10, 20), iv(30, 40)];
    expect(overlapsAny(busy, 0, 10)).toBe(false);
    expect(overlapsAny(busy, 20, 30)).toBe(false);
    expect(overlapsAny(busy, 19, 21)).toBe(true);
    expect(overlapsAny(busy, 25, 31)).toBe(true);
    expect(overlapsAny(busy, 41, 50)).toBe(false);
    expect(overlapsAny(busy, 15, 15)).toBe(false);
  });

  it("agrees with a unit-by-unit model (property)", () => {
    const intervals = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 12 })).map(([s, l]) => iv(s, s + l)),
      { maxLength: 8 },
    );
    const covered = (list: Interval[]) => {
      const set = new Set<number>();
      for (const i of list) for (let u = i.start; u < i.end; u++) set.add(u);
      return set;
    };
    fc.assert(
      fc.property(intervals, intervals, (a, b) => {
        const na = normalizeIntervals(a);
        const nb = normalizeIntervals(b);
        // Normalized: sorted, separated by a gap, non-empty.
        na.forEach((x, i) => {
          expect(x.end).toBeGreaterThan(x.start);
          if (i > 0) expect(x.start).toBeGreaterThan(na[i - 1]!.end);
        });
        expect([...covered(na)].sort((x, y) => x - y)).toEqual([...covered(a)].sort((x, y) => x - y));
        const diff = covered(subtractIntervals(na, nb));
        const expected = [...covered(a)].filter((u) => !covered(b).has(u));
        expect([...diff].sort((x, y) => x - y)).toEqual(expected.sort((x, y) => x - y));
        for (let s = 0; s < 72; s += 3) {
          const model = [...covered(b)].some((u) => u >= s && u < s + 4);
          expect(overlapsAny(nb, s, s + 4)).toBe(model);
        }
      }),
      { numRuns: 300 },
    );
  });
});
