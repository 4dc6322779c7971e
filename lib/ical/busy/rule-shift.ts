// Moving a recurrence's DTSTART forward by whole periods, so ical.js (which always walks from
// DTSTART) starts close to the window. Only moves that provably keep the recurrence set are made.

import type ICAL from "ical.js";
import { DAY_MS, HOUR_MS, utcWall, wallFields } from "./values";

export function numbers(values: unknown): number[] {
  return Array.isArray(values) ? values.map(Number).filter(Number.isInteger) : [];
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * How many whole periods (each INTERVAL × FREQ) DTSTART can move forward and still be at least one
 * period before lowWall. Moving by whole periods keeps every implicit value RFC 5545 takes from
 * DTSTART (time of day, weekday, day of month, month) and the INTERVAL phase; the occurrences it
 * drops all lie before the new start, hence before lowWall.
 */
export function periodsToSkip(rule: ICAL.Recur, startWall: number, lowWall: number): number {
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

export function shiftWall(wall: number, freq: string, units: number): number {
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
export function onePerPeriod(rule: ICAL.Recur, startWall: number): boolean {
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
