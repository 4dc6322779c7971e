// RECURRENCE-ID overrides, matched to their master's occurrences BY INSTANT: iCloud sometimes
// writes the RECURRENCE-ID in UTC against a local DTSTART, so comparing the written text (which
// is what ical.js's relateException/getOccurrenceDetails key on) misses them.

import type { EventData } from "./event-reader";
import { spanOf, type Span, type TimeReader } from "./timing";
import { wallDay, type DateTimeValue } from "./values";
import { instantToWall, type Zone } from "./zones";

export interface Occurrence {
  /** Wall time in the master's zone (a date's midnight for all-day events). */
  wall: number;
  instant: number;
  /** From an RDATE PERIOD, which carries its own end. */
  end?: number;
}

export interface PlacedOverride {
  event: EventData;
  start: DateTimeValue;
  span: Span;
  ridInstant: number;
  /** For RANGE=THISANDFUTURE: how far later occurrences move, in wall time of the master's zone. */
  shift: number;
}

/**
 * A set of dates and instants (EXDATEs, RECURRENCE-IDs) that occurrences are looked up in. A DATE
 * matches every occurrence on that local date; for all-day masters everything compares by date.
 */
export class OccurrenceSet<T> {
  private byInstant = new Map<number, T>();
  private byDay = new Map<number, T>();

  constructor(
    private reader: TimeReader,
    private masterDateOnly: boolean,
  ) {}

  add(value: DateTimeValue, item: T): void {
    if (value.dateOnly) this.byDay.set(value.wall, item);
    else if (this.masterDateOnly) this.byDay.set(wallDay(instantToWall(this.reader.instantOf(value), this.reader.owner)), item);
    else this.byInstant.set(this.reader.instantOf(value), item);
  }

  get(occurrence: Occurrence): T | undefined {
    return this.byInstant.get(occurrence.instant) ?? this.byDay.get(wallDay(occurrence.wall));
  }
}

/**
 * Reads each override's own start and length. Two overrides for one RECURRENCE-ID: the higher
 * SEQUENCE wins (the later one in the file on a tie). An override without DTEND or DURATION
 * keeps the master's length, as a client moving one occurrence means.
 */
export function placeOverrides(
  overrides: EventData[],
  master: { span: Span | null; dateOnly: boolean; zone: Zone | null },
  reader: TimeReader,
  notes: string[],
): PlacedOverride[] {
  const byRid = new Map<number, PlacedOverride>();
  for (const event of overrides) {
    const rid = event.recurrenceId!;
    const start = event.start ?? rid;
    const inherited = master.span && start.dateOnly === master.dateOnly ? master.span : undefined;
    const span = spanOf(event.end, start, reader, inherited);
    if (typeof span === "string") {
      notes.push(`override ${new Date(reader.instantOf(rid)).toISOString()}: ${span}`);
      continue;
    }
    const zone = master.zone ?? reader.zoneOf(start);
    const ridInstant = reader.instantOf(rid);
    const placed = { event, start, span, ridInstant, shift: reader.wallIn(start, zone) - reader.wallIn(rid, zone) };
    const previous = byRid.get(ridInstant);
    if (!previous || (event.sequence ?? 0) >= (previous.event.sequence ?? 0)) byRid.set(ridInstant, placed);
  }
  return [...byRid.values()];
}

/** The THISANDFUTURE override in force for an occurrence: the latest one strictly before it. */
export function rangeOverrideFor(sortedRanges: PlacedOverride[], instant: number): PlacedOverride | null {
  let found: PlacedOverride | null = null;
  for (const range of sortedRanges) {
    if (range.ridInstant < instant) found = range;
    else break;
  }
  return found;
}
