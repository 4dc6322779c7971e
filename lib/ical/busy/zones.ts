// Time zones as one small interface, whatever defines them: an embedded VTIMEZONE (via ical.js's
// own transition expansion), an IANA name the runtime's Intl knows, or UTC. Wall times become
// instants the same way for all of them, so an event reads the same with or without a VTIMEZONE.

import ICAL from "ical.js";
import { DAY_MS, utcWall, wallFields } from "./values";

export interface Zone {
  readonly id: string;
  /** UTC offset in ms (local − UTC) in force at an instant. */
  offsetAt(instant: number): number;
}

export const UTC_ZONE: Zone = { id: "UTC", offsetAt: () => 0 };

/**
 * RFC 5545 §3.3.5: a wall time that occurs twice means the first occurrence; one that does not
 * exist (spring-forward gap) is read with the offset from before the gap, i.e. moves forward.
 * Probing a day either side finds both offsets; no real zone shifts twice within two days.
 */
export function wallToInstant(wall: number, zone: Zone): number {
  const before = zone.offsetAt(wall - DAY_MS);
  const after = zone.offsetAt(wall + DAY_MS);
  const early = wall - before;
  if (before === after) return early;
  const late = wall - after;
  const earlyValid = zone.offsetAt(early) === before;
  const lateValid = zone.offsetAt(late) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (lateValid) return late;
  return early;
}

export function instantToWall(instant: number, zone: Zone): number {
  return instant + zone.offsetAt(instant);
}

// Intl formats years outside this range oddly (eras, signs); offsets beyond it don't matter here.
const INTL_MIN = Date.UTC(1800, 0, 1);
const INTL_MAX = Date.UTC(2400, 0, 1);
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
const ianaCache = new Map<string, Zone | null>();

function intlZone(name: string): Zone | null {
  if (!ZONE_NAME.test(name) || name.length > 64) return null;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    return null;
  }
  return {
    id: name,
    offsetAt(instant) {
      const seconds = Math.floor(Math.min(Math.max(instant, INTL_MIN), INTL_MAX) / 1000) * 1000;
      // "3/8/2026, 03:30:00" → month, day, year, hour, minute, second.
      const [month, day, year, hour, minute, second] = format.format(seconds).split(/\D+/).map(Number);
      return utcWall(year!, month!, day!, hour!, minute!, second!) - seconds;
    },
  };
}

/**
 * The IANA zone a TZID names, or null. Also accepts the prefixed spellings some producers use
 * ("/mozilla.org/20050126_1/Europe/Berlin", "/freeassociation.sourceforge.net/Tzfile/Europe/Berlin").
 */
export function ianaZone(tzid: string): Zone | null {
  const cached = ianaCache.get(tzid);
  if (cached !== undefined) return cached;
  let zone = intlZone(tzid);
  const parts = tzid.split("/").filter(Boolean);
  for (let i = 1; !zone && i < parts.length - 1; i++) zone = intlZone(parts.slice(i).join("/"));
  if (ianaCache.size > 1000) ianaCache.clear();
  ianaCache.set(tzid, zone);
  return zone;
}

// Only what real VTIMEZONEs use, so a hostile definition cannot make ical.js expand for long.
const ALLOWED_TZ_RULE_PARTS = new Set(["BYMONTH", "BYDAY", "BYMONTHDAY"]);
const MAX_TZ_OBSERVANCES = 40;
const MAX_TZ_RDATES = 400;

function observanceProblem(observance: ICAL.Component): string | null {
  for (const name of ["dtstart", "tzoffsetfrom", "tzoffsetto"]) {
    if (!observance.hasProperty(name)) return `${observance.name.toUpperCase()} without ${name.toUpperCase()}`;
  }
  const rules = observance.getAllProperties("rrule");
  if (rules.length > 1) return "more than one RRULE in an observance";
  const rule = rules[0]?.getFirstValue() as ICAL.Recur | undefined;
  if (rule && rule.freq !== "YEARLY") return `observance RRULE FREQ=${rule.freq}`;
  for (const [part, values] of Object.entries(rule?.parts ?? {})) {
    if (!ALLOWED_TZ_RULE_PARTS.has(part) || (values as unknown[]).length > 7) return `observance RRULE part ${part}`;
  }
  return null;
}

// Expanding Exchange-style observances (DTSTART 1601) takes ~10 ms, and every object from the
// same calendar repeats the same VTIMEZONE text: remember the last few definitions.
const vtimezoneCache = new Map<string, Zone | string>();
const VTIMEZONE_CACHE_SIZE = 64;

/**
 * A zone from an embedded VTIMEZONE, covering transitions up to `untilYear`; a reason string if
 * the definition is unusable. ical.js expands the observances; the transition table is ours.
 */
export function vtimezoneZone(component: ICAL.Component, untilYear: number): Zone | string {
  const key = `${untilYear}\u0000${component.toString()}`;
  let zone = vtimezoneCache.get(key);
  if (zone === undefined) {
    zone = readVtimezone(component, untilYear);
    if (vtimezoneCache.size >= VTIMEZONE_CACHE_SIZE) vtimezoneCache.delete(vtimezoneCache.keys().next().value!);
    vtimezoneCache.set(key, zone);
  }
  return zone;
}

function readVtimezone(component: ICAL.Component, untilYear: number): Zone | string {
  const tzid = component.getFirstPropertyValue("tzid");
  if (typeof tzid !== "string" || !tzid) return "VTIMEZONE without TZID";
  const observances = component.getAllSubcomponents().filter((c) => c.name === "standard" || c.name === "daylight");
  if (observances.length === 0 || observances.length > MAX_TZ_OBSERVANCES) return `VTIMEZONE ${tzid}: ${observances.length} observances`;
  let rdates = 0;
  for (const observance of observances) {
    const problem = observanceProblem(observance);
    if (problem) return `VTIMEZONE ${tzid}: ${problem}`;
    rdates += observance.getAllProperties("rdate").reduce((n, p) => n + p.getValues().length, 0);
    // A rule that can never match would otherwise make ical.js search up to year 20000.
    const rule = observance.getFirstPropertyValue("rrule") as ICAL.Recur | null;
    if (rule && !rule.until && !rule.count) rule.until = ICAL.Time.fromData({ year: untilYear + 1, month: 1, day: 1 });
  }
  if (rdates > MAX_TZ_RDATES) return `VTIMEZONE ${tzid}: ${rdates} RDATEs`;

  const timezone = new ICAL.Timezone({ component, tzid });
  timezone._ensureCoverage(untilYear);
  const changes = (timezone.changes as { year: number; month: number; day: number; hour: number; minute: number; second: number; utcOffset: number; prevUtcOffset: number }[])
    .map((c) => ({ at: utcWall(c.year, c.month, c.day, c.hour, c.minute, c.second), offset: c.utcOffset * 1000, previous: c.prevUtcOffset * 1000 }))
    .filter((c) => Number.isFinite(c.at))
    .sort((a, b) => a.at - b.at);
  if (changes.length === 0) return `VTIMEZONE ${tzid}: no transitions`;
  return {
    id: tzid,
    offsetAt(instant) {
      // The last change at or before the instant; before the first one, its "from" offset.
      let low = 0;
      let high = changes.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (changes[mid]!.at <= instant) low = mid + 1;
        else high = mid;
      }
      return low === 0 ? changes[0]!.previous : changes[low - 1]!.offset;
    },
  };
}

/** The ICAL.Time ical.js's recurrence iterator needs: floating, so it only ever does wall arithmetic. */
export function wallToIcalTime(wall: number, dateOnly: boolean): ICAL.Time {
  const f = wallFields(wall);
  return dateOnly
    ? ICAL.Time.fromData({ year: f.year, month: f.month, day: f.day, isDate: true })
    : ICAL.Time.fromData({ ...f, isDate: false });
}

export function icalTimeToWall(time: ICAL.Time): number {
  return utcWall(time.year, time.month, time.day, time.hour, time.minute, time.second);
}
