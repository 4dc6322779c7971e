// Time zones as one small interface, whatever defines them: an embedded VTIMEZONE (observance
// rules expanded by ical.js's RecurIterator, the transition table built here), an IANA name the
// runtime's Intl knows, or UTC. Wall times become instants the same way for all of them, so an
// event reads the same with or without a VTIMEZONE.

import { offsetAt as zoneOffsetAt } from "@/lib/time-zones";
import { createHash } from "node:crypto";
import ICAL from "ical.js";
import { BoundedCache } from "@/lib/bounded-cache";
import { DAY_MS, parseDateTimeText, rawProperty, readDateTime, utcWall, wallDay, wallFields, type DateTimeValue } from "./values";

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
/** Longer TZIDs are never IANA names (the longest is ~32 characters), so never looked up. */
const MAX_TZID_LENGTH = 256;

// Both caches are bounded: TZID spellings come from calendar data. Intl is case-insensitive
// ("aMeRiCa/nEw_yOrK" is America/New_York), so spellings share one Zone (and one formatter) per
// canonical name; the spelling cache only maps a recent spelling to it.
const zonesByCanonicalName = new BoundedCache<string, Zone>(128);
const zonesBySpelling = new BoundedCache<string, Zone | null>(256);

/** Sizes of the module's caches, for tests that check they stay bounded. */
export function zoneCacheSizes() {
  return {
    canonicalZones: zonesByCanonicalName.size,
    spellings: zonesBySpelling.size,
    vtimezones: vtimezoneCache.size,
    vtimezoneTransitions: vtimezoneCache.weight,
  };
}

function intlZone(name: string): Zone | null {
  if (!ZONE_NAME.test(name) || name.length > 64) return null;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  const known = zonesByCanonicalName.get(canonical);
  if (known) return known;
  const zone: Zone = {
    id: canonical,
    // The one Intl reader of offsets (lib/time-zones.ts), within the years Intl can format.
    offsetAt: (instant) => zoneOffsetAt(Math.min(Math.max(instant, INTL_MIN), INTL_MAX), canonical),
  };
  zonesByCanonicalName.set(canonical, zone);
  return zone;
}

/**
 * The IANA zone a TZID names, or null. Case-insensitive, like Intl. Also accepts the prefixed
 * spellings some producers use ("/mozilla.org/20050126_1/Europe/Berlin",
 * "/freeassociation.sourceforge.net/Tzfile/Europe/Berlin"): their last two or three parts.
 */
export function ianaZone(tzid: string): Zone | null {
  if (typeof tzid !== "string" || tzid.length > MAX_TZID_LENGTH) return null;
  const key = tzid.toLowerCase();
  const cached = zonesBySpelling.get(key);
  if (cached !== undefined) return cached;
  let zone = intlZone(tzid);
  const parts = tzid.split("/").filter(Boolean);
  for (const take of [3, 2]) {
    if (!zone && parts.length > take) zone = intlZone(parts.slice(-take).join("/"));
  }
  zonesBySpelling.set(key, zone);
  return zone;
}

// Only what real VTIMEZONEs use, so a hostile definition cannot make the expansion run for long.
// BYHOUR/BYMINUTE/BYSECOND place the onset's time of day (some producers write them instead of,
// or besides, DTSTART's time).
const ALLOWED_TZ_RULE_PARTS = new Set(["BYMONTH", "BYDAY", "BYMONTHDAY", "BYHOUR", "BYMINUTE", "BYSECOND", "WKST"]);
const MAX_TZ_OBSERVANCES = 40;
const MAX_TZ_RDATES = 400;
/** Candidate dates the observance rules of one VTIMEZONE may test, and onsets it may produce. */
const MAX_TZ_STEPS = 50_000;
const MAX_TZ_ONSETS = 5_000;
/** Real offsets are within ±14 h; RFC 5545's syntax allows up to ±23:59:59. */
const MAX_OFFSET_MS = 24 * 3_600_000;

function observanceProblem(observance: ICAL.Component): string | null {
  for (const name of ["dtstart", "tzoffsetfrom", "tzoffsetto"]) {
    if (!observance.hasProperty(name)) return `${observance.name.toUpperCase()} without ${name.toUpperCase()}`;
  }
  const rules = observance.getAllProperties("rrule");
  if (rules.length > 1) return "more than one RRULE in an observance";
  const rule = rules[0]?.getFirstValue() as ICAL.Recur | undefined;
  if (rule && rule.freq !== "YEARLY") return `observance RRULE FREQ=${rule.freq}`;
  const raw = rules[0] ? (rawProperty(rules[0]).values[0] as { rscale?: unknown; skip?: unknown } | undefined) : undefined;
  if (raw?.rscale !== undefined || raw?.skip !== undefined) return "observance RRULE with RSCALE/SKIP";
  for (const [part, values] of Object.entries(rule?.parts ?? {})) {
    if (!ALLOWED_TZ_RULE_PARTS.has(part) || (values as unknown[]).length > 7) return `observance RRULE part ${part}`;
  }
  return null;
}

// Expanding Exchange-style observances (DTSTART 1601) takes a few ms, and every object from the
// same calendar repeats the same VTIMEZONE text: remember recent definitions, keyed by a hash of
// the text (not the text, which may be large), bounded in entries and in transitions held.
const vtimezoneCache = new BoundedCache<string, Zone | string>(64, 200_000);

/**
 * A zone from an embedded VTIMEZONE, covering transitions up to `untilYear`; a reason string if
 * the definition is unusable. The transition table is computed here (RFC 5545 §3.6.5).
 */
export function vtimezoneZone(component: ICAL.Component, untilYear: number): Zone | string {
  const key = createHash("sha256").update(`${untilYear}\u0000${component.toString()}`).digest("base64");
  let zone = vtimezoneCache.get(key);
  if (zone === undefined) {
    zone = readVtimezone(component, untilYear);
    vtimezoneCache.set(key, zone, typeof zone === "string" ? 1 : (transitionCount.get(zone) ?? 1));
  }
  return zone;
}

const transitionCount = new WeakMap<Zone, number>();

const UTC_OFFSET = /^([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** TZOFFSETFROM/TO from the written text: ical.js's UtcOffset turns "+9900" into -09:00. */
function offsetOf(observance: ICAL.Component, name: string): number | null {
  const prop = observance.getFirstProperty(name);
  const m = prop ? UTC_OFFSET.exec(String(rawProperty(prop).values[0])) : null;
  if (!m) return null;
  const [hours, minutes, seconds] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const ms = (m[1] === "-" ? -1 : 1) * ((hours * 60 + minutes) * 60 + seconds) * 1000;
  return Math.abs(ms) <= MAX_OFFSET_MS ? ms : null;
}

class TzBudgetExhausted extends Error {}

/**
 * One observance's onsets as instants. RFC 5545 §3.6.5/§3.8.2.4: DTSTART is the first onset,
 * then every RDATE value and RRULE instance, all in local time with TZOFFSETFROM in force
 * (ical.js 2.2.1 drops DTSTART when an RDATE is present and reads only an RDATE's first value).
 */
function onsetsOf(observance: ICAL.Component, from: number, untilYear: number, budget: { steps: number }): number[] | string {
  const start = readDateTime(observance, "dtstart");
  if (!start || start === "invalid") return "DTSTART is not a valid date-time";
  const toInstant = (value: DateTimeValue) => (value.utc ? value.wall : value.wall - from);
  const onsets = [toInstant(start)];
  const startTime = start.wall - wallDay(start.wall);
  for (const prop of observance.getAllProperties("rdate")) {
    const raw = rawProperty(prop);
    for (const value of raw.values) {
      // A PERIOD's start is the onset.
      const parsed = parseDateTimeText(Array.isArray(value) ? value[0] : value, null);
      if (!parsed) return "RDATE is not a valid date";
      onsets.push(parsed.dateOnly ? parsed.wall + startTime - from : toInstant(parsed));
    }
  }
  const written = observance.getFirstPropertyValue("rrule") as ICAL.Recur | null;
  if (written && !start.dateOnly) {
    const rule = written.clone();
    const cap = utcWall(untilYear + 1, 1, 1);
    const untilText = (rawProperty(observance.getFirstProperty("rrule")!).values[0] as { until?: unknown } | undefined)?.until;
    const until = untilText === undefined ? null : parseDateTimeText(untilText, null);
    if (untilText !== undefined && !until) return "RRULE UNTIL is not a valid date";
    // UNTIL in UTC is compared by instant; a floating or DATE one as local time.
    const lastWall = until ? Math.min(cap, until.utc ? until.wall + from : until.dateOnly ? until.wall + DAY_MS - 1 : until.wall) : cap;
    rule.until = wallToIcalTime(Math.min(cap, lastWall), false);
    const iterator = rule.iterator(wallToIcalTime(start.wall, false));
    const check = iterator.check_contracting_rules.bind(iterator);
    iterator.check_contracting_rules = () => {
      if (icalTimeToWall(iterator.last) > lastWall) throw new TzBudgetExhausted("past");
      if (--budget.steps < 0) throw new TzBudgetExhausted("steps");
      return check();
    };
    try {
      for (let next = iterator.next(); next; next = iterator.next()) {
        const wall = icalTimeToWall(next);
        if (wall > lastWall) break;
        onsets.push(wall - from);
        if (onsets.length > MAX_TZ_ONSETS) return `more than ${MAX_TZ_ONSETS} onsets`;
      }
    } catch (error) {
      if (!(error instanceof TzBudgetExhausted))
        return `RRULE could not be expanded: ${error instanceof Error ? error.message : String(error)}`;
      if (error.message === "steps") return "RRULE needed too much work to expand";
    }
  }
  return onsets.filter(Number.isFinite);
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
  }
  if (rdates > MAX_TZ_RDATES) return `VTIMEZONE ${tzid}: ${rdates} RDATEs`;

  const budget = { steps: MAX_TZ_STEPS };
  const byInstant = new Map<number, { at: number; offset: number; previous: number }>();
  for (const observance of observances) {
    const from = offsetOf(observance, "tzoffsetfrom");
    const to = offsetOf(observance, "tzoffsetto");
    if (from === null || to === null) return `VTIMEZONE ${tzid}: ${observance.name.toUpperCase()} has an unreadable UTC offset`;
    const onsets = onsetsOf(observance, from, untilYear, budget);
    if (typeof onsets === "string") return `VTIMEZONE ${tzid}: ${observance.name.toUpperCase()} ${onsets}`;
    for (const at of onsets) byInstant.set(at, { at, offset: to, previous: from });
    if (byInstant.size > MAX_TZ_ONSETS) return `VTIMEZONE ${tzid}: more than ${MAX_TZ_ONSETS} onsets`;
  }
  const changes = [...byInstant.values()].sort((a, b) => a.at - b.at);
  if (changes.length === 0) return `VTIMEZONE ${tzid}: no transitions`;
  const zone: Zone = {
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
  transitionCount.set(zone, changes.length);
  return zone;
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
