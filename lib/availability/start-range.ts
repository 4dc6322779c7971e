// Where a slot or class may start, and the rule checks both engines share. Rules come from
// validated settings, so a bad value here is a programming error and throws.

import type { Interval, SlotRules } from "./types";

export function assertNonNegative<K extends string>(values: Record<K, number>, keys: readonly K[]): void {
  for (const key of keys) {
    if (!(values[key] >= 0)) throw new RangeError(`${key} must be ≥ 0, got ${values[key]}`);
  }
}

/** range ∩ window, from now + notice on. Throws unless both edges are finite. */
export function startRangeOf(input: { range: Interval; now: number; rules: Pick<SlotRules, "window" | "minimumNoticeMs"> }): Interval {
  const { range, rules, now } = input;
  const start = Math.max(range.start, rules.window.start, now + rules.minimumNoticeMs);
  const end = Math.min(range.end, rules.window.end);
  // An unbounded grid would never end; NaN would silently compare false everywhere.
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    throw new RangeError("range ∩ window ∩ [now + notice, …) must have finite edges");
  }
  return { start, end };
}
