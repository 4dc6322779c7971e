// IANA zone facts for writing iCalendar, taken from the runtime's ICU through Intl and never
// from the process's own zone (TZ), so a worker's output does not depend on where it runs.

import { canonicalTimeZone, offsetAt, wallTimeIn, type WallTime } from "@/lib/time-zones";

export type { WallTime };
export { offsetAt, wallTimeIn };

/** The moment a zone's UTC offset changes: `at` is the first instant with `offsetTo` (ms). */
export interface OffsetTransition {
  at: number;
  offsetFrom: number;
  offsetTo: number;
}

const DAY = 86_400_000;
/** A zone name Intl knows, else a RangeError. Offsets such as "+01:00" are refused (no DST rules). */
export function assertTimeZone(zone: string): void {
  if (canonicalTimeZone(zone) === null) throw new RangeError(`Unknown IANA time zone: ${JSON.stringify(zone)}`);
}

/** UTC and its aliases (Etc/UTC, GMT, Zulu…): times are written with Z and need no VTIMEZONE. */
export function isUtcZone(zone: string): boolean {
  return canonicalTimeZone(zone) === "UTC";
}

const transitionCache = new Map<string, OffsetTransition[]>();
const TRANSITION_CACHE_SIZE = 256;

/**
 * Every offset change in [from, to), found by sampling each day and bisecting to the second.
 * Two changes less than a day apart that cancel out would be missed; tzdata has none since
 * the 1940s, and the window is only ever a few years around an appointment.
 */
export function offsetTransitions(zone: string, from: number, to: number): OffsetTransition[] {
  const key = `${zone}|${from}|${to}`;
  let transitions = transitionCache.get(key);
  if (!transitions) {
    transitions = scanTransitions(zone, from, to);
    if (transitionCache.size >= TRANSITION_CACHE_SIZE) transitionCache.delete(transitionCache.keys().next().value!);
    transitionCache.set(key, transitions);
  }
  return transitions;
}

function scanTransitions(zone: string, from: number, to: number): OffsetTransition[] {
  const transitions: OffsetTransition[] = [];
  // Whole seconds throughout, so the bisection below always makes progress.
  let before = Math.floor(from / 1000) * 1000;
  let offsetBefore = offsetAt(before, zone);
  while (before < to) {
    const after = Math.min(before + DAY, to);
    const offsetAfter = offsetAt(after, zone);
    if (offsetAfter !== offsetBefore) {
      let lo = before;
      let hi = after;
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2000) * 1000;
        if (offsetAt(mid, zone) === offsetBefore) lo = mid;
        else hi = mid;
      }
      if (hi < to) transitions.push({ at: hi, offsetFrom: offsetBefore, offsetTo: offsetAt(hi, zone) });
    }
    before = after;
    offsetBefore = offsetAfter;
  }
  return transitions;
}

/**
 * True when the instant's wall time in the zone happens twice (the hour repeated when clocks go
 * back). RFC 5545 §3.3.5 says such a local time means the first occurrence, but ical.js and
 * libical pick the standard-time one, so neither occurrence is safe to write with a TZID.
 */
export function isRepeatedWallTime(instant: number, zone: string): boolean {
  // Uncached: the window is different for every instant and would only evict useful entries.
  return scanTransitions(zone, instant - 2 * DAY, instant + 2 * DAY).some((t) => {
    const repeated = t.offsetFrom - t.offsetTo;
    return repeated > 0 && instant >= t.at - repeated && instant < t.at + repeated;
  });
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** DATE-TIME form without zone suffix: YYYYMMDDTHHMMSS. */
export function formatWallTime(wall: WallTime): string {
  return `${pad(wall.year, 4)}${pad(wall.month)}${pad(wall.day)}T${pad(wall.hour)}${pad(wall.minute)}${pad(wall.second)}`;
}

/** UTC-OFFSET value (RFC 5545 §3.3.14): ±HHMM, seconds only when present; zero is +0000, never -0000. */
function formatOffset(offset: number): string {
  const total = Math.round(Math.abs(offset) / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  return `${offset < 0 ? "-" : "+"}${pad(h)}${pad(m)}${s ? pad(s) : ""}`;
}

function wallAt(instant: number, offset: number): WallTime {
  const d = new Date(instant + offset);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** Intl does not say which offset is daylight time; take the year's smaller offset as standard. Naming only: instants do not depend on it. */
function isDaylight(offset: number, instant: number, zone: string): boolean {
  const year = new Date(instant).getUTCFullYear();
  const standard = Math.min(offsetAt(Date.UTC(year, 0, 1), zone), offsetAt(Date.UTC(year, 6, 1), zone));
  return offset > standard;
}

function observance(zone: string, at: number, offsetFrom: number, offsetTo: number): string[] {
  const kind = isDaylight(offsetTo, at, zone) ? "DAYLIGHT" : "STANDARD";
  return [
    `BEGIN:${kind}`,
    // The onset is written in the local time in force before it (RFC 5545 §3.6.5).
    `DTSTART:${formatWallTime(wallAt(at, offsetFrom))}`,
    `TZOFFSETFROM:${formatOffset(offsetFrom)}`,
    `TZOFFSETTO:${formatOffset(offsetTo)}`,
    `END:${kind}`,
  ];
}

/**
 * A VTIMEZONE for `zone` that is exact from 1 January of the year before `range.start` to the end
 * of the year after `range.end`: one observance holding the offset in force at the window's
 * start (ical.js reads times before a zone's first onset as UTC, so it must be there), then one
 * per offset change. A zone without changes gets that single STANDARD observance. Null for UTC.
 * The TZID is the name as given, not ICU's canonical spelling (ICU turns Asia/Kolkata into
 * Asia/Calcutta), so it matches the TZID on DTSTART and the name the staff member chose.
 */
export function buildVTimezone(zone: string, range: { start: number; end: number }): string | null {
  assertTimeZone(zone);
  if (isUtcZone(zone)) return null;
  const from = Date.UTC(new Date(range.start).getUTCFullYear() - 1, 0, 1);
  const to = Date.UTC(new Date(range.end).getUTCFullYear() + 2, 0, 1);
  const initial = offsetAt(from, zone);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${zone}`, ...observance(zone, from, initial, initial)];
  for (const t of offsetTransitions(zone, from, to)) lines.push(...observance(zone, t.at, t.offsetFrom, t.offsetTo));
  lines.push("END:VTIMEZONE");
  return lines.join("\r\n");
}
