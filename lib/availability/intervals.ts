// Half-open [start, end) interval algebra. "Normalized" lists are sorted by start, non-empty,
// and merged (no two intervals overlap or touch); every sweep below relies on that.

import type { Interval } from "./types";

/** Sorted, merged copy; empty or inverted intervals are dropped (they overlap nothing). */
export function normalizeIntervals(intervals: readonly Interval[]): Interval[] {
  const kept = intervals.filter((i) => i.end > i.start).map((i) => ({ start: i.start, end: i.end }));
  kept.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const next of kept) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) {
      if (next.end > last.end) last.end = next.end;
    } else {
      merged.push(next);
    }
  }
  return merged;
}

/** A normalized list cut to the range. */
export function clipIntervals(normalized: readonly Interval[], range: Interval): Interval[] {
  const clipped: Interval[] = [];
  for (const i of normalized) {
    const start = Math.max(i.start, range.start);
    const end = Math.min(i.end, range.end);
    if (end > start) clipped.push({ start, end });
  }
  return clipped;
}

/** `from` minus `remove`, both normalized; the result is normalized. Linear sweep. */
export function subtractIntervals(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  const result: Interval[] = [];
  let r = 0;
  for (const interval of from) {
    let cursor = interval.start;
    while (r < remove.length && remove[r]!.end <= cursor) r++;
    let k = r;
    while (k < remove.length && remove[k]!.start < interval.end) {
      const cut = remove[k]!;
      if (cut.start > cursor) result.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
      if (cut.end > interval.end) break;
      k++;
    }
    if (cursor < interval.end) result.push({ start: cursor, end: interval.end });
  }
  return result;
}

/** Index of the first interval whose end is after `instant` (a normalized list's ends ascend). */
export function firstEndingAfter(normalized: readonly Interval[], instant: number): number {
  let lo = 0;
  let hi = normalized.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (normalized[mid]!.end > instant) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Whether [start, end) overlaps any interval of a normalized list. O(log n). */
export function overlapsAny(normalized: readonly Interval[], start: number, end: number): boolean {
  const candidate = normalized[firstEndingAfter(normalized, start)];
  return candidate !== undefined && candidate.start < end && end > start;
}
