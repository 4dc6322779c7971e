// One RRULE, expanded in wall time by ical.js's RecurIterator, but only near the window and
// always with bounded work. ical.js walks every occurrence from DTSTART and can spin forever on
// rules no date satisfies (e.g. FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30), so this module:
//  - moves DTSTART forward by whole recurrence periods when that provably keeps the same set,
//  - caps the search with a synthetic UNTIL just past the window (UNTIL itself is applied by the
//    caller, by instant),
//  - counts every candidate date ical.js tests against a budget shared by the whole object.

import ICAL from "ical.js";
import { DAY_MS, HOUR_MS, utcWall, wallFields } from "./values";
import { icalTimeToWall, wallToIcalTime } from "./zones";

export interface StepBudget {
  /** Candidate dates ical.js may still test for this object. */
  remaining: number;
  used: number;
}

export interface RuleExpansion {
  /** Occurrence wall times within [lowWall, highWall], in order. */
  walls: number[];
  /** Occurrences ical.js produced (including any before lowWall). */
  examined: number;
  /** Why expansion stopped early, if it did: a limit cut the results. */
  limit: "occurrences" | "steps" | null;
  /** Something else worth reporting (rule not expandable, or matching no date). */
  note: string | null;
}

export interface RuleWindow {
  startWall: number;
  dateOnly: boolean;
  lowWall: number;
  highWall: number;
  maxOccurrences: number;
  /** Candidate dates this rule may test (also bounded by the object's budget). */
  maxSteps: number;
  budget: StepBudget;
}

class BudgetExhausted extends Error {}

const PERIOD_FREQS = new Set(["HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]);

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * How many whole periods (each INTERVAL × FREQ) DTSTART can move forward and still be at least one
 * period before lowWall. Moving by whole periods keeps every implicit value RFC 5545 takes from
 * DTSTART (time of day, weekday, day of month, month) and the INTERVAL phase; the occurrences it
 * drops all lie before the new start, hence before lowWall.
 */
function periodsToSkip(rule: ICAL.Recur, startWall: number, lowWall: number): number {
  const interval = Math.max(1, rule.interval || 1);
  if (lowWall <= startWall) return 0;
  const start = wallFields(startWall);
  const low = wallFields(lowWall);
  switch (rule.freq) {
    case "HOURLY":
      return Math.max(0, Math.floor((lowWall - startWall) / (interval * HOUR_MS)) - 1);
    case "DAILY":
      return Math.max(0, Math.floor((lowWall - startWall) / (interval * DAY_MS)) - 1);
    case "WEEKLY":
      return Math.max(0, Math.floor((lowWall - startWall) / (interval * 7 * DAY_MS)) - 1);
    case "MONTHLY": {
      let k = Math.floor((low.year * 12 + low.month - (start.year * 12 + start.month)) / interval) - 1;
      // The 31st only exists in some months: land on a month that has DTSTART's day.
      while (k > 0 && wallFields(shiftWall(startWall, "MONTHLY", k * interval)).day !== start.day) k--;
      return Math.max(0, k);
    }
    case "YEARLY": {
      let k = Math.floor((low.year - start.year) / interval) - 1;
      while (k > 0 && start.month === 2 && start.day === 29 && !isLeap(start.year + k * interval)) k--;
      return Math.max(0, k);
    }
    default:
      return 0;
  }
}

function shiftWall(wall: number, freq: string, units: number): number {
  const f = wallFields(wall);
  switch (freq) {
    case "HOURLY":
      return wall + units * HOUR_MS;
    case "DAILY":
      return wall + units * DAY_MS;
    case "WEEKLY":
      return wall + units * 7 * DAY_MS;
    case "MONTHLY":
      return utcWall(f.year, f.month + units, f.day, f.hour, f.minute, f.second);
    default:
      return utcWall(f.year + units, f.month, f.day, f.hour, f.minute, f.second);
  }
}

/**
 * With COUNT, skipping periods is only safe when each period holds exactly one occurrence, so the
 * skipped count is known: no BY* parts beyond the ones DTSTART implies anyway.
 */
function onePerPeriod(rule: ICAL.Recur, startWall: number): boolean {
  const f = wallFields(startWall);
  const weekday = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"][new Date(startWall).getUTCDay()]!;
  const implied: Record<string, Record<string, string>> = {
    WEEKLY: { BYDAY: weekday },
    MONTHLY: { BYMONTHDAY: String(f.day) },
    YEARLY: { BYMONTH: String(f.month), BYMONTHDAY: String(f.day) },
  };
  const allowed = implied[rule.freq] ?? {};
  for (const [name, values] of Object.entries(rule.parts ?? {})) {
    const list = values as unknown[];
    if (list.length !== 1 || String(list[0]).toUpperCase() !== allowed[name]) return false;
  }
  if (rule.freq === "MONTHLY") return f.day <= 28;
  if (rule.freq === "YEARLY") return !(f.month === 2 && f.day === 29);
  return true;
}

const MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function numbers(values: unknown): number[] {
  return Array.isArray(values) ? values.map(Number).filter(Number.isInteger) : [];
}

/**
 * ical.js can normalise an impossible date into a real one (BYMONTH=2;BYMONTHDAY=30 yields
 * 2 March) and searches forever when nothing matches; both are caught here.
 */
function monthFilter(rule: ICAL.Recur): { feasible: boolean; accepts(wall: number): boolean } {
  const months = numbers(rule.parts?.BYMONTH);
  const days = numbers(rule.parts?.BYMONTHDAY);
  const monthsToCheck = months.length ? months : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const feasible = days.length === 0 || monthsToCheck.some((m) => days.some((d) => Math.abs(d) <= (MAX_DAYS[m - 1] ?? 0)));
  return {
    feasible,
    accepts(wall) {
      const f = wallFields(wall);
      if (months.length && !months.includes(f.month)) return false;
      const length = new Date(utcWall(f.year, f.month + 1, 0)).getUTCDate();
      return days.length === 0 || days.some((d) => (d > 0 ? d : length + 1 + d) === f.day);
    },
  };
}

export function expandRule(source: ICAL.Recur, win: RuleWindow): RuleExpansion {
  const result: RuleExpansion = { walls: [], examined: 0, limit: null, note: null };
  if (!PERIOD_FREQS.has(source.freq)) return { ...result, note: `FREQ=${source.freq} is not supported` };
  const filter = monthFilter(source);
  if (!filter.feasible) return { ...result, note: "RRULE matches no date (BYMONTH/BYMONTHDAY); only DTSTART counts" };
  const rule = source.clone();
  let startWall = win.startWall;
  let skip = periodsToSkip(rule, startWall, win.lowWall);
  if (rule.count && skip > 0 && !onePerPeriod(rule, startWall)) skip = 0;
  if (skip > 0) {
    startWall = shiftWall(startWall, rule.freq, skip * Math.max(1, rule.interval || 1));
    if (rule.count) {
      if (rule.count <= skip) return result;
      rule.count -= skip;
    }
  }
  rule.until = wallToIcalTime(win.highWall, win.dateOnly);

  try {
    const iterator = rule.iterator(wallToIcalTime(startWall, win.dateOnly));
    const check = iterator.check_contracting_rules.bind(iterator);
    let steps = 0;
    iterator.check_contracting_rules = () => {
      if (win.budget.remaining <= 0 || steps >= win.maxSteps) throw new BudgetExhausted();
      win.budget.remaining--;
      win.budget.used++;
      steps++;
      return check();
    };
    for (let next = iterator.next(); next; next = iterator.next()) {
      if (result.examined >= win.maxOccurrences) {
        result.limit = "occurrences";
        break;
      }
      result.examined++;
      const wall = icalTimeToWall(next);
      if (wall > win.highWall) break;
      if (wall >= win.lowWall && filter.accepts(wall)) result.walls.push(wall);
    }
  } catch (error) {
    if (error instanceof BudgetExhausted) result.limit = "steps";
    else result.note = `RRULE could not be expanded: ${error instanceof Error ? error.message : String(error)}`;
  }
  return result;
}
