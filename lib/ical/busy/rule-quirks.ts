// Where ical.js 2.2.1's RecurIterator is wrong or never ends, and what this module does instead.
// Each case was found by comparing with a naive day-by-day evaluator (tests/unit/ical).
//  - Impossible BYMONTH/BYMONTHDAY pairs (30 February): ical.js searches forever (DAILY) or
//    normalises to a real date (YEARLY gives 2 March). Detected up front; results are filtered.
//  - Negative BYMONTHDAY in DAILY/HOURLY rules: compared as written, never matches, never ends.
//  - BYMONTH in MONTHLY rules: INTERVAL is ignored (INTERVAL=2;BYMONTH=4,11 gives every April),
//    the first month ignores BYMONTH, and a start outside BYMONTH skips the next matching month.
//    In both cases the part only limits which dates count (RFC 5545 §3.3.10, the BYxxx table),
//    so it is taken out of the rule given to ical.js and applied as a filter here.
//  - A plain YEARLY rule from 29 February yields 1 March in other years (RFC 5545 §3.3.10: invalid
//    dates are ignored). The day and month DTSTART implies are written into the rule instead,
//    which ical.js gets right.
//  - A negative BYMONTHDAY, or BYMONTHDAY with BYDAY, in MONTHLY and YEARLY rules: days computed
//    for the wrong month from the second year, nothing at all, INTERVAL ignored, or "Malformed
//    values in BYDAY..." depending on DTSTART. These are expanded as the equivalent DAILY rule
//    (same weekdays in BYDAY), filtered by month, day of month, a BYDAY ordinal (read within
//    the month) and the INTERVAL phase.

import type ICAL from "ical.js";
import { numbers } from "./rule-shift";
import { utcWall, wallFields } from "./values";

const MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export interface MonthFilter {
  /** False when no month of BYMONTH has any day of BYMONTHDAY. */
  feasible: boolean;
  accepts(wall: number): boolean;
}

/** Every INTERVAL-th month or year counted from DTSTART's, for a rule expanded as DAILY. */
export interface Phase {
  unit: "MONTHLY" | "YEARLY";
  startWall: number;
  interval: number;
}

const WEEKDAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const BYDAY_ENTRY = /^([+-]?\d{1,2})?([A-Z]{2})$/i;

function weekdayEntries(rule: ICAL.Recur): { n: number | null; code: string }[] {
  return ((rule.parts?.BYDAY as unknown[] | undefined) ?? []).map((entry) => {
    const m = BYDAY_ENTRY.exec(String(entry));
    return { n: m?.[1] ? Number(m[1]) : null, code: (m?.[2] ?? "").toUpperCase() };
  });
}

/**
 * BYMONTH and BYMONTHDAY as a plain filter on occurrence dates; with a Phase (a rule expanded as
 * DAILY) also BYDAY, ordinals counted within the month, and every INTERVAL-th month or year.
 */
export function monthFilter(rule: ICAL.Recur, phase?: Phase): MonthFilter {
  const start = phase && wallFields(phase.startWall);
  const weekdays = phase ? weekdayEntries(rule) : [];
  const months = numbers(rule.parts?.BYMONTH);
  const days = numbers(rule.parts?.BYMONTHDAY);
  const monthsToCheck = months.length ? months : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const feasible = days.length === 0 || monthsToCheck.some((m) => days.some((d) => Math.abs(d) <= (MAX_DAYS[m - 1] ?? 0)));
  return {
    feasible,
    accepts(wall) {
      const f = wallFields(wall);
      if (phase && start) {
        const elapsed = phase.unit === "YEARLY" ? f.year - start.year : (f.year - start.year) * 12 + f.month - start.month;
        if (elapsed % phase.interval !== 0) return false;
      }
      if (months.length && !months.includes(f.month)) return false;
      const length = new Date(utcWall(f.year, f.month + 1, 0)).getUTCDate();
      if (days.length && !days.some((d) => (d > 0 ? d : length + 1 + d) === f.day)) return false;
      const code = WEEKDAY_CODES[new Date(wall).getUTCDay()];
      const nth = (n: number) => (n > 0 ? Math.floor((f.day - 1) / 7) + 1 === n : -(Math.floor((length - f.day) / 7) + 1) === n);
      return weekdays.length === 0 || weekdays.some((w) => w.code === code && (w.n === null || nth(w.n)));
    },
  };
}

/**
 * Removes, from a clone about to be given to ical.js, the limiting parts it gets wrong (they are
 * applied by monthFilter instead). True if anything was removed: a COUNT must then be counted
 * after filtering, by the caller.
 */
export function removeMishandledLimits(rule: ICAL.Recur): boolean {
  let removed = false;
  if ((rule.freq === "DAILY" || rule.freq === "HOURLY") && numbers(rule.parts?.BYMONTHDAY).some((d) => d < 0)) {
    delete rule.parts.BYMONTHDAY;
    removed = true;
  }
  if (rule.freq === "MONTHLY" && rule.parts?.BYMONTH) {
    delete rule.parts.BYMONTH;
    removed = true;
  }
  return removed;
}

const DAILY_EQUIVALENT_PARTS = new Set(["BYMONTH", "BYMONTHDAY", "BYDAY", "BYHOUR", "BYMINUTE", "BYSECOND", "WKST"]);

/**
 * For the MONTHLY/YEARLY rules above, the DAILY rule (same plain weekdays, times of day) whose
 * dates, filtered by monthFilter with the returned phase, are exactly the rule's; the caller
 * counts any COUNT itself. Null for every other rule.
 */
export function dailyEquivalent(rule: ICAL.Recur, startWall: number): { rule: ICAL.Recur; phase: Phase } | null {
  const parts = rule.parts ?? {};
  const days = numbers(parts.BYMONTHDAY);
  const weekdays = weekdayEntries(rule);
  if (!weekdays.every((w) => w.code) || !Object.keys(parts).every((p) => DAILY_EQUIVALENT_PARTS.has(p))) return null;
  // (YEARLY needs BYMONTH here, so an ordinal is read within the month in both cases.)
  const monthly = rule.freq === "MONTHLY" && days.length > 0 && weekdays.length > 0;
  const yearly = rule.freq === "YEARLY" && parts.BYMONTH && days.length > 0 && (weekdays.length > 0 || days.some((d) => d < 0));
  if (!monthly && !yearly) return null;
  const daily = rule.clone();
  daily.freq = "DAILY";
  daily.interval = 1;
  delete daily.parts.BYMONTH;
  delete daily.parts.BYMONTHDAY;
  // ical.js filters the weekdays; the ordinals are left to monthFilter.
  if (weekdays.length) daily.parts.BYDAY = [...new Set(weekdays.map((w) => w.code))];
  return {
    rule: daily,
    phase: { unit: rule.freq === "MONTHLY" ? "MONTHLY" : "YEARLY", startWall, interval: Math.max(1, rule.interval || 1) },
  };
}

/**
 * A clone with the day and month a MONTHLY/YEARLY rule takes from DTSTART written out, so
 * ical.js filters impossible dates instead of normalising them.
 */
export function withImpliedDay(rule: ICAL.Recur, startWall: number): ICAL.Recur {
  const parts = rule.parts ?? {};
  const dayGiven = ["BYMONTHDAY", "BYDAY", "BYYEARDAY", "BYWEEKNO"].some((p) => p in parts);
  if (dayGiven || (rule.freq !== "MONTHLY" && rule.freq !== "YEARLY")) return rule;
  const f = wallFields(startWall);
  const explicit = rule.clone();
  explicit.parts.BYMONTHDAY = [f.day];
  if (rule.freq === "YEARLY" && !parts.BYMONTH) explicit.parts.BYMONTH = [f.month];
  return explicit;
}
