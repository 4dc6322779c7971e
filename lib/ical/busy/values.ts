// Raw iCalendar values, read from ical.js's jCal strings rather than its ICAL.Time objects:
// ICAL.Time silently normalises impossible dates ("2026-13-99" becomes April 2027), and a bad
// date must be reported, not turned into a plausible-looking busy block.
//
// A "wall" number is a local date and time encoded as if it were UTC epoch ms; never an instant.

import type ICAL from "ical.js";

export const SECOND_MS = 1000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * The latest end the reader gives anything: 9999-12-31T23:59:59Z. A DURATION like P99999999W
 * ends beyond what a Date (and the database) can hold; such an event is busy until then.
 */
export const END_OF_TIME = Date.UTC(9999, 11, 31, 23, 59, 59);
/** A DURATION is read up to this many days (~11 000 years, more than any end before END_OF_TIME). */
const MAX_DURATION_DAYS = 4_000_000;

export interface DateTimeValue {
  /** VALUE=DATE: an all-day date, read in the owner's zone. */
  dateOnly: boolean;
  wall: number;
  /** Written with a trailing Z. */
  utc: boolean;
  /** The TZID parameter, if any (ignored for dates and UTC values). */
  tzid: string | null;
}

/** RFC 5545 §3.3.6: weeks and days are nominal (wall-clock) time, hours and less are exact. */
export interface NominalDuration {
  negative: boolean;
  days: number;
  ms: number;
}

const DATE_TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z)?)?$/;
const DURATION_RE = /^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Date.UTC without its 1900 offset for years 0-99 (hostile data does write year 0001). */
export function utcWall(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcWall(year, month + 1, 0)).getUTCDate();
}

/** A jCal date or date-time string ("2026-03-01" / "2026-03-01T10:00:00Z"), or null if impossible. */
export function parseDateTimeText(text: unknown, tzid: string | null): DateTimeValue | null {
  if (typeof text !== "string") return null;
  const m = DATE_TIME_RE.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (m[4] === undefined) return { dateOnly: true, wall: utcWall(year, month, day), utc: false, tzid: null };
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  // Second 60 is a leap second (RFC 5545 §3.3.12); read it as :59 rather than refusing the event.
  if (hour > 23 || minute > 59 || second > 60) return null;
  const wall = utcWall(year, month, day, hour, minute, Math.min(second, 59));
  const utc = m[7] === "Z";
  return { dateOnly: false, wall, utc, tzid: utc ? null : tzid };
}

export function parseDurationText(text: unknown): NominalDuration | null {
  if (typeof text !== "string") return null;
  const m = DURATION_RE.exec(text.trim());
  if (!m || !/\d/.test(text) || text.trim().endsWith("T")) return null;
  // Each part is capped, so "P99999…9W" stays a finite number (the end is clamped later).
  const n = (i: number) => Math.min(Number(m[i] ?? 0), MAX_DURATION_DAYS * 86_400);
  return {
    negative: m[1] === "-",
    days: Math.min(n(2) * 7 + n(3), MAX_DURATION_DAYS),
    ms: Math.min(n(4) * HOUR_MS + n(5) * MINUTE_MS + n(6) * SECOND_MS, MAX_DURATION_DAYS * DAY_MS),
  };
}

export function durationIsZero(d: NominalDuration): boolean {
  return d.days === 0 && d.ms === 0;
}

interface RawProperty {
  params: Record<string, unknown>;
  type: string;
  values: unknown[];
}

/** The property as jCal: parameters, value type and undecorated values (strings, arrays for PERIOD). */
export function rawProperty(prop: ICAL.Property): RawProperty {
  const [, params, type, ...values] = prop.toJSON() as [string, Record<string, unknown>, string, ...unknown[]];
  return { params: params ?? {}, type: String(type), values };
}

export function stringParam(params: Record<string, unknown>, name: string): string | null {
  const value = params[name];
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  return null;
}

/** The first value of a date/date-time property; null if missing, "invalid" if unreadable. */
export function readDateTime(component: ICAL.Component, name: string): DateTimeValue | null | "invalid" {
  const prop = component.getFirstProperty(name);
  if (!prop) return null;
  const raw = rawProperty(prop);
  return parseDateTimeText(raw.values[0], stringParam(raw.params, "tzid")) ?? "invalid";
}

export function readText(component: ICAL.Component, name: string): string | null {
  const prop = component.getFirstProperty(name);
  if (!prop) return null;
  const value = rawProperty(prop).values[0];
  return typeof value === "string" ? value : null;
}

/** Year, month (1-12), day, hour, minute, second of a wall number. */
export function wallFields(wall: number) {
  const d = new Date(wall);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** The wall midnight of the date a wall time falls on. */
export function wallDay(wall: number): number {
  return Math.floor(wall / DAY_MS) * DAY_MS;
}
