// Values → instants for one object: which zone a value is read in, and how long an event lasts.

import type { EndSpec } from "./event-reader";
import { DAY_MS, END_OF_TIME, HOUR_MS, type DateTimeValue } from "./values";
import { ianaZone, instantToWall, UTC_ZONE, wallToInstant, type Zone } from "./zones";

export interface TimeReader {
  owner: Zone;
  /** The zone a value's wall time is in: dates and floating times are the owner's (RFC 5545 §3.3.5). */
  zoneOf(value: DateTimeValue): Zone;
  instantOf(value: DateTimeValue): number;
  /** A value as a wall time in another zone (dates stay dates). */
  wallIn(value: DateTimeValue, zone: Zone): number;
  /** TZIDs met since the last call that neither a VTIMEZONE nor Intl knew (read in the owner's zone). */
  takeUnknownTzids(): string[];
}

export function createTimeReader(vtimezones: ReadonlyMap<string, Zone>, owner: Zone): TimeReader {
  let unknown = new Set<string>();
  const zoneOf = (value: DateTimeValue): Zone => {
    if (value.dateOnly || (!value.utc && !value.tzid)) return owner;
    if (value.utc || !value.tzid) return UTC_ZONE; // (a TZID on a UTC value is meaningless)
    // An embedded definition wins over Intl's: RFC 5545 makes the VTIMEZONE the definition.
    const zone = vtimezones.get(value.tzid) ?? ianaZone(value.tzid);
    if (zone) return zone;
    unknown.add(value.tzid);
    return owner;
  };
  const instantOf = (value: DateTimeValue) => (value.utc ? value.wall : wallToInstant(value.wall, zoneOf(value)));
  return {
    owner,
    zoneOf,
    instantOf,
    wallIn: (value, zone) => (value.dateOnly ? value.wall : instantToWall(instantOf(value), zone)),
    takeUnknownTzids() {
      const list = [...unknown];
      unknown = new Set();
      return list;
    },
  };
}

/**
 * How long each occurrence lasts. All-day events count whole local days. RFC 5545 §3.8.5.3: a
 * DTEND gives every occurrence the same exact duration; a DURATION's days are nominal (same wall
 * time on a later day, across DST) and its hours exact.
 */
export type Span = { kind: "days"; days: number } | { kind: "exact"; ms: number } | { kind: "nominal"; days: number; ms: number };

export function spanOf(end: EndSpec, start: DateTimeValue, reader: TimeReader, fallback?: Span): Span | string {
  if (end.kind === "none") {
    // A DATE event without DTEND lasts one day; a DATE-TIME one is a point in time (§3.6.1).
    return fallback ?? (start.dateOnly ? { kind: "days", days: 1 } : { kind: "exact", ms: 0 });
  }
  if (end.kind === "duration") {
    const { days, ms } = end.duration;
    return start.dateOnly ? { kind: "days", days } : { kind: "nominal", days, ms };
  }
  if (start.dateOnly && end.value.dateOnly) {
    const days = Math.round((end.value.wall - start.wall) / DAY_MS);
    return days < 0 ? "DTEND is before DTSTART" : { kind: "days", days };
  }
  const ms = reader.instantOf(end.value) - reader.instantOf(start);
  return ms < 0 ? "DTEND is before DTSTART" : { kind: "exact", ms };
}

/**
 * The end instant of an occurrence starting at `wall` (in `zone`) / `instant`, at most
 * END_OF_TIME (see `endIsClamped`).
 */
export function endOf(span: Span, wall: number, instant: number, zone: Zone, owner: Zone): number {
  const end = rawEndOf(span, wall, instant, zone, owner);
  return end <= END_OF_TIME ? end : END_OF_TIME;
}

/** True when the occurrence would end after END_OF_TIME (or beyond what a Date can hold). */
export function endIsClamped(span: Span, wall: number, instant: number, zone: Zone, owner: Zone): boolean {
  const end = rawEndOf(span, wall, instant, zone, owner);
  return !(end <= END_OF_TIME);
}

function rawEndOf(span: Span, wall: number, instant: number, zone: Zone, owner: Zone): number {
  if (span.kind === "days") return wallToInstant(wall + span.days * DAY_MS, owner);
  if (span.kind === "exact") return instant + span.ms;
  return (span.days ? wallToInstant(wall + span.days * DAY_MS, zone) : instant) + span.ms;
}

/** An upper bound on a span's length, for scanning margins. */
export function spanBound(span: Span): number {
  if (span.kind === "exact") return span.ms;
  return span.days * DAY_MS + (span.kind === "nominal" ? span.ms : 0) + 3 * HOUR_MS;
}
