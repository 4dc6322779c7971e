// Generated recurrence rules for property tests: the rule space the naive oracle understands,
// rendered as RRULE text.

import fc from "fast-check";
import type { OracleRule } from "./rrule-oracle";

const DAY = 86_400_000;
const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

const weekdays = fc.subarray(["MO", "TU", "WE", "TH", "FR", "SA", "SU"], { minLength: 1, maxLength: 3 });
export const ruleArb: fc.Arbitrary<OracleRule> = fc
  .record({
    freq: fc.constantFrom("DAILY" as const, "WEEKLY" as const, "MONTHLY" as const, "YEARLY" as const),
    interval: fc.integer({ min: 1, max: 4 }),
    byday: fc.option(weekdays, { nil: undefined }),
    ordinal: fc.option(fc.constantFrom("1", "2", "-1", "3"), { nil: undefined }),
    bymonthday: fc.option(fc.subarray([1, 5, 13, 28, 29, 31, -1, -7], { minLength: 1, maxLength: 2 }), { nil: undefined }),
    bymonth: fc.option(fc.subarray([1, 2, 3, 4, 6, 9, 11, 12], { minLength: 1, maxLength: 4 }), { nil: undefined }),
    bound: fc.oneof(
      fc.constant({}),
      fc.record({ count: fc.integer({ min: 1, max: 3000 }) }),
      fc.record({ untilDays: fc.integer({ min: 0, max: 2500 }) }),
    ),
  })
  .map((r) => {
    const rule: OracleRule = { freq: r.freq, interval: r.interval };
    const monthOrYear = r.freq === "MONTHLY" || r.freq === "YEARLY";
    // Left out: YEARLY day parts without BYMONTH, which implementations read differently.
    const ordinal = monthOrYear && r.byday?.length === 1 ? r.ordinal : undefined;
    if (r.byday) rule.byday = ordinal ? [ordinal + r.byday[0]!] : r.byday;
    if (r.bymonthday && r.freq !== "WEEKLY") rule.bymonthday = r.bymonthday;
    if (r.bymonth && r.freq !== "WEEKLY") rule.bymonth = r.bymonth;
    if (r.freq === "YEARLY" && !rule.bymonth && (rule.byday || rule.bymonthday)) rule.bymonth = [3, 10];
    if ("count" in r.bound) rule.count = r.bound.count;
    if ("untilDays" in r.bound) rule.until = r.bound.untilDays;
    return rule;
  });

export function rruleText(rule: OracleRule, dtstart: number): string {
  const parts = [`FREQ=${rule.freq}`, `INTERVAL=${rule.interval}`];
  if (rule.byday) parts.push(`BYDAY=${rule.byday.join(",")}`);
  if (rule.bymonthday) parts.push(`BYMONTHDAY=${rule.bymonthday.join(",")}`);
  if (rule.bymonth) parts.push(`BYMONTH=${rule.bymonth.join(",")}`);
  if (rule.count) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== undefined) parts.push(`UNTIL=${stamp(dtstart + rule.until * DAY)}`);
  return parts.join(";");
}
