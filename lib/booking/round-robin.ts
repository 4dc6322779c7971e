export type RoundRobinMode = "OPTIMIZE_AVAILABILITY" | "EQUAL_DISTRIBUTION";

export interface CandidateStats {
  /** Higher first in OPTIMIZE_AVAILABILITY. */
  priority: number;
  /** When this member was last booked on this calendar (booking time); null if never. */
  lastBookedAt: number | null;
  /** Active bookings on this calendar in the current period (EQUAL_DISTRIBUTION). */
  bookingsThisPeriod: number;
}

/**
 * Orders the free members for a round-robin booking; the booking goes to the first one
 * whose hold the database accepts. Ties always go to whoever was booked least recently
 * (never booked first), then to the id, so the order is total and repeatable.
 */
export function orderCandidates(freeStaffIds: string[], mode: RoundRobinMode, stats: ReadonlyMap<string, CandidateStats>): string[] {
  const get = (id: string): CandidateStats => stats.get(id) ?? { priority: 0, lastBookedAt: null, bookingsThisPeriod: 0 };
  const byRecency = (a: string, b: string) => (get(a).lastBookedAt ?? -Infinity) - (get(b).lastBookedAt ?? -Infinity) || a.localeCompare(b);
  return [...freeStaffIds].sort((a, b) =>
    mode === "OPTIMIZE_AVAILABILITY"
      ? get(b).priority - get(a).priority || byRecency(a, b)
      : get(a).bookingsThisPeriod - get(b).bookingsThisPeriod || byRecency(a, b),
  );
}
