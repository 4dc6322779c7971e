// A deliberately naive RFC 5545 recurrence evaluator for tests: it checks every day from DTSTART
// against the rule. Slow but independent of ical.js, so it can catch ical.js's mistakes as well as
// the reader's shortcuts. Supports FREQ DAILY/WEEKLY/MONTHLY/YEARLY with INTERVAL, BYDAY (an
// ordinal only with a single weekday in MONTHLY, or YEARLY with BYMONTH), BYMONTHDAY, BYMONTH,
// COUNT and UNTIL, WKST=MO. Times are UTC.

const DAY = 86_400_000;
const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

export interface OracleRule {
  freq: "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY";
  interval: number;
  byday?: string[];
  bymonthday?: number[];
  bymonth?: number[];
  count?: number;
  until?: number;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Does a day match BYDAY entries like "MO", "2TU", "-1FR", read within its month or year? */
function dayMatches(entries: string[], date: Date, withinYear: boolean): boolean {
  const weekday = WEEKDAYS[date.getUTCDay()]!;
  return entries.some((entry) => {
    const m = /^([+-]?\d+)?([A-Z]{2})$/.exec(entry)!;
    if (m[2] !== weekday) return false;
    if (!m[1]) return true;
    const n = Number(m[1]);
    const y = date.getUTCFullYear();
    // Whole days only: the time of day must not count towards the week.
    const day = Math.floor(date.getTime() / DAY);
    const first = (withinYear ? Date.UTC(y, 0, 1) : Date.UTC(y, date.getUTCMonth(), 1)) / DAY;
    const last = (withinYear ? Date.UTC(y, 11, 31) : Date.UTC(y, date.getUTCMonth(), daysIn(y, date.getUTCMonth() + 1))) / DAY;
    const fromStart = Math.floor((day - first) / 7) + 1;
    const fromEnd = -(Math.floor((last - day) / 7) + 1);
    return n > 0 ? fromStart === n : fromEnd === n;
  });
}

function matches(rule: OracleRule, dtstart: Date, date: Date): boolean {
  const [y, mo, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const mondayWeek = (t: number) => Math.floor((Math.floor(t / DAY) + 3) / 7);
  const periods = {
    DAILY: Math.round((date.getTime() - dtstart.getTime()) / DAY),
    WEEKLY: mondayWeek(date.getTime()) - mondayWeek(dtstart.getTime()),
    MONTHLY: (y - dtstart.getUTCFullYear()) * 12 + mo - (dtstart.getUTCMonth() + 1),
    YEARLY: y - dtstart.getUTCFullYear(),
  }[rule.freq];
  if (periods % rule.interval !== 0) return false;
  if (rule.bymonth && !rule.bymonth.includes(mo)) return false;
  if (rule.bymonthday && !rule.bymonthday.some((n) => (n > 0 ? n : daysIn(y, mo) + 1 + n) === d)) return false;
  if (rule.byday && !dayMatches(rule.byday, date, rule.freq === "YEARLY" && !rule.bymonth)) return false;
  // Values a rule leaves open come from DTSTART (RFC 5545 §3.3.10).
  if (rule.freq === "WEEKLY" && !rule.byday && date.getUTCDay() !== dtstart.getUTCDay()) return false;
  const dayGiven = rule.byday || rule.bymonthday;
  if ((rule.freq === "MONTHLY" || rule.freq === "YEARLY") && !dayGiven && d !== dtstart.getUTCDate()) return false;
  if (rule.freq === "YEARLY" && !rule.bymonth && mo !== dtstart.getUTCMonth() + 1) return false;
  return true;
}

/**
 * The first day from `dtstart` on that the rule (anchored at `dtstart`) produces, as a DTSTART
 * that is synchronised with the rule; null if none within `days`.
 */
export function synchronizedStart(rule: OracleRule, dtstart: number, days: number): number | null {
  const anchor = new Date(dtstart);
  for (let t = dtstart, i = 0; i < days; t += DAY, i++) if (matches(rule, anchor, new Date(t))) return t;
  return null;
}

/**
 * Occurrence starts before `end`, DTSTART always first. Null when COUNT meets a DTSTART the rule
 * does not produce: RFC 5545 leaves that recurrence set undefined.
 */
export function oracleOccurrences(rule: OracleRule, dtstart: number, end: number): number[] | null {
  const start = new Date(dtstart);
  const synchronized = matches(rule, start, start);
  if (rule.count && !synchronized) return null;
  const found = [dtstart];
  for (let t = dtstart + DAY; t < end; t += DAY) {
    if (rule.until !== undefined && t > rule.until) break;
    if (rule.count && found.length >= rule.count) break;
    if (matches(rule, start, new Date(t))) found.push(t);
  }
  return found;
}
