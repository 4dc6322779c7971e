// One RRULE, expanded in wall time by ical.js's RecurIterator, but only near the window and
// always with bounded work. ical.js walks every occurrence from DTSTART and can spin forever on
// rules no date satisfies (e.g. FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30), so this module:
//  - moves DTSTART forward by whole recurrence periods when that provably keeps the same set,
//  - caps the search with a synthetic UNTIL just past the window (UNTIL itself is applied by the
//    caller, by instant),
//  - counts every candidate date ical.js tests against a budget shared by the whole object,
//  - works around the rules ical.js gets wrong (rule-quirks.ts).

import type ICAL from "ical.js";
import { dailyEquivalent, monthFilter, removeMishandledLimits, withImpliedDay } from "./rule-quirks";
import { onePerPeriod, periodsToSkip, shiftWall } from "./rule-shift";
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
  /**
   * With a limit: the wall time from which occurrences were not read (the first one not taken,
   * or the last candidate tested). Occurrences at or after it are unknown.
   */
  stoppedAt: number | null;
  /** The rule threw inside ical.js: nothing after DTSTART is known. */
  failed: boolean;
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
/** ical.js tests candidates in date order: once one is past the window, nothing later matters. */
class PastWindow extends Error {}

const PERIOD_FREQS = new Set(["HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]);
/** The shortest length of one period of each FREQ. */
const MIN_PERIOD_MS: Record<string, number> = {
  HOURLY: 3_600_000,
  DAILY: 86_400_000,
  WEEKLY: 7 * 86_400_000,
  MONTHLY: 28 * 86_400_000,
  YEARLY: 365 * 86_400_000,
};

export function expandRule(written: ICAL.Recur, win: RuleWindow): RuleExpansion {
  const result: RuleExpansion = { walls: [], examined: 0, limit: null, note: null, stoppedAt: null, failed: false };
  if (!PERIOD_FREQS.has(written.freq)) return { ...result, note: `FREQ=${written.freq} is not supported`, failed: true };
  const source = withImpliedDay(written, win.startWall);
  const asDaily = dailyEquivalent(source, win.startWall);
  const filter = monthFilter(source, asDaily?.phase);
  if (!filter.feasible) return { ...result, note: "RRULE matches no date (BYMONTH/BYMONTHDAY); only DTSTART counts" };

  const rule = asDaily?.rule ?? source.clone();
  // INTERVAL=999999999999 makes ical.js normalise a date trillions of days ahead one step at a
  // time (it never returns). Any INTERVAL whose second period starts after highWall has the same
  // occurrences up to highWall (those of the first period), so a smaller such value is used.
  const periodMs = MIN_PERIOD_MS[rule.freq];
  if (periodMs && rule.interval > 1) {
    const enough = Math.ceil((Math.max(win.highWall, win.startWall) - win.startWall) / periodMs) + 2;
    if (rule.interval > enough) rule.interval = enough;
  }
  const stripped = removeMishandledLimits(rule);
  // COUNT is counted here, from DTSTART, over the filtered dates: ical.js would also count the
  // ones it normalised (30 February as 2 March) or never filtered. Only a rule with exactly one
  // date per period can skip ahead and leave COUNT to ical.js (less the periods skipped).
  const ownCount = rule.count && (stripped || asDaily || !onePerPeriod(rule, win.startWall)) ? rule.count : null;
  if (ownCount) rule.count = null;
  const lowWall = ownCount ? -Infinity : win.lowWall;
  let startWall = win.startWall;
  const skip = periodsToSkip(rule, startWall, lowWall);
  if (skip > 0) {
    startWall = shiftWall(startWall, rule.freq, skip * Math.max(1, rule.interval || 1));
    if (rule.count) {
      if (rule.count <= skip) return result;
      rule.count -= skip;
    }
  }
  rule.until = wallToIcalTime(win.highWall, win.dateOnly);

  let iterator: ICAL.RecurIterator | null = null;
  try {
    iterator = rule.iterator(wallToIcalTime(startWall, win.dateOnly));
    const check = iterator.check_contracting_rules.bind(iterator);
    let steps = 0;
    const it = iterator;
    iterator.check_contracting_rules = () => {
      // Without this, a rule that matches nothing near the window is searched far beyond it.
      if (icalTimeToWall(it.last) > win.highWall) throw new PastWindow();
      if (win.budget.remaining <= 0 || steps >= win.maxSteps) throw new BudgetExhausted();
      win.budget.remaining--;
      win.budget.used++;
      steps++;
      return check();
    };
    for (let next = it.next(); next; next = it.next()) {
      if (result.examined >= win.maxOccurrences) {
        result.limit = "occurrences";
        result.stoppedAt = icalTimeToWall(next);
        break;
      }
      result.examined++;
      const wall = icalTimeToWall(next);
      if (wall > win.highWall || (ownCount !== null && result.walls.length >= ownCount)) break;
      if (wall >= lowWall && filter.accepts(wall)) result.walls.push(wall);
    }
  } catch (error) {
    if (error instanceof BudgetExhausted) {
      result.limit = "steps";
      result.stoppedAt = iterator ? icalTimeToWall(iterator.last) : startWall;
    } else if (!(error instanceof PastWindow)) {
      result.note = `RRULE could not be expanded: ${error instanceof Error ? error.message : String(error)}`;
      result.failed = true;
    }
  }
  if (ownCount !== null) result.walls = result.walls.filter((wall) => wall >= win.lowWall);
  return result;
}
