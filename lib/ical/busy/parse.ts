// One CalDAV object → busy intervals, the CRM's own events, and what was skipped. Bad data never
// throws: every problem becomes a `skipped` entry and the rest of the object still counts.
// Work is bounded by the limits (bytes, components, occurrences, intervals) and a step budget.

import type ICAL from "ical.js";
import { readEvent, type EventData } from "./event-reader";
import { isCrmEvent } from "./policy";
import { seriesIntervals, type SeriesContext } from "./series";
import { chunkObject, parseChunks } from "./split-object";
import { createTimeReader, endOf, spanOf, type TimeReader } from "./timing";
import { DEFAULT_LIMITS, type BusyInterval, type CrmEventSeen, type ParseOptions, type ParseResult, type ParseStats } from "./types";
import { readText } from "./values";
import { ianaZone, vtimezoneZone, type Zone } from "./zones";

/**
 * Candidate dates ical.js may test, per RRULE and per object. Each costs 1-10 µs; 20 000 cover an
 * hourly rule over two years, so only rules that match (almost) nothing run into them.
 */
const MAX_RULE_STEPS = 20_000;
const MAX_OBJECT_STEPS = 100_000;

function zonesOf(components: ICAL.Component[], untilYear: number, result: ParseResult): Map<string, Zone> {
  const zones = new Map<string, Zone>();
  for (const component of components.filter((c) => c.name === "vtimezone")) {
    try {
      const zone = vtimezoneZone(component, untilYear);
      if (typeof zone === "string") result.skipped.push({ uid: null, reason: `${zone}; TZID resolved without it` });
      else zones.set(zone.id, zone);
    } catch (error) {
      result.skipped.push({ uid: null, reason: `VTIMEZONE could not be read: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return zones;
}

/** VEVENTs grouped by UID; events without a UID each stand alone. */
function groupEvents(components: ICAL.Component[], result: ParseResult): Map<string, EventData[]> {
  const groups = new Map<string, EventData[]>();
  let anonymous = 0;
  for (const component of components.filter((c) => c.name === "vevent")) {
    const event = readEvent(component);
    if (typeof event === "string") {
      result.skipped.push({ uid: readText(component, "uid"), reason: event });
      continue;
    }
    for (const note of event.notes) result.skipped.push({ uid: event.uid, reason: note });
    const key = event.uid === null ? `\u0000${anonymous++}` : event.uid;
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  return groups;
}

function crmEventOf(uid: string, events: EventData[], reader: TimeReader): CrmEventSeen | string {
  const main = events.find((e) => !e.recurrenceId) ?? events[0]!;
  const start = main.start ?? main.recurrenceId!;
  const span = spanOf(main.end, start, reader);
  if (typeof span === "string") return span;
  const instant = reader.instantOf(start);
  return {
    uid,
    appointmentRef: events.find((e) => e.crmRef)?.crmRef ?? null,
    start: instant,
    end: endOf(span, start.wall, instant, reader.zoneOf(start), reader.owner),
    sequence: main.sequence,
    cancelled: main.cancelled,
  };
}

function finish(intervals: BusyInterval[], max: number, result: ParseResult): void {
  intervals.sort((a, b) => a.start - b.start || a.end - b.end || a.uid.localeCompare(b.uid) || (a.recurrenceId ?? 0) - (b.recurrenceId ?? 0));
  const seen = new Set<string>();
  for (const interval of intervals) {
    const key = `${interval.uid}\u0000${interval.start}\u0000${interval.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (result.intervals.length === max) {
      result.truncated = true;
      result.skipped.push({ uid: null, reason: `more than ${max} busy intervals; the latest were dropped` });
      return;
    }
    result.intervals.push(interval);
  }
}

export function parseBusyIntervalsWithStats(ics: string, options: ParseOptions): ParseResult & { stats: ParseStats } {
  const owner = ianaZone(options.ownerTimeZone);
  // Options come from our own database, not from iCloud: a bad zone is a bug, not bad data.
  if (!owner) throw new RangeError(`ownerTimeZone is not a known IANA zone: ${options.ownerTimeZone}`);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const result: ParseResult = { intervals: [], crmEvents: [], skipped: [], truncated: false, unreadable: [] };
  const budget = { remaining: MAX_OBJECT_STEPS, used: 0 };
  const stats: ParseStats = { occurrencesExamined: 0, ruleSteps: 0 };
  const done = () => ({ ...result, stats: { ...stats, ruleSteps: budget.used } });
  const { window } = options;
  if (typeof ics !== "string" || !(window.end > window.start)) return done();

  const bytes = ics.length > limits.maxObjectBytes ? ics.length : Buffer.byteLength(ics, "utf8");
  if (bytes > limits.maxObjectBytes) {
    const reason = `object is ${bytes} bytes, over the ${limits.maxObjectBytes}-byte limit; not read`;
    result.skipped.push({ uid: null, reason });
    result.unreadable.push({ uid: null, reason });
    result.truncated = true;
    return done();
  }
  const { chunks, skipped } = chunkObject(ics);
  result.skipped.push(...skipped);
  if (chunks.length > limits.maxComponentsPerObject) {
    const reason = `object has ${chunks.length} components, over the ${limits.maxComponentsPerObject} limit; not read`;
    result.skipped.push({ uid: null, reason });
    result.unreadable.push({ uid: null, reason });
    result.truncated = true;
    return done();
  }
  const parsed = parseChunks(chunks);
  result.skipped.push(...parsed.skipped);

  const zones = zonesOf(parsed.components, new Date(window.end).getUTCFullYear() + 2, result);
  const reader = createTimeReader(zones, owner);
  const ctx: SeriesContext = {
    window,
    reader,
    policy: { ownerEmails: new Set(options.ownerEmails.map((e) => e.toLowerCase())), blockUnansweredInvitations: options.blockUnansweredInvitations !== false },
    maxOccurrences: limits.maxOccurrencesPerEvent,
    maxRuleSteps: MAX_RULE_STEPS,
    budget,
  };
  const intervals: BusyInterval[] = [];
  for (const [key, events] of groupEvents(parsed.components, result)) {
    const uid = key.startsWith("\u0000") ? null : key;
    const masters = events.filter((e) => !e.recurrenceId);
    if (masters.length > 1) result.skipped.push({ uid, reason: `${masters.length} components without RECURRENCE-ID; only the first was used` });
    if (isCrmEvent(uid, events)) {
      const seen = crmEventOf(uid ?? "", events, reader);
      if (typeof seen === "string") result.skipped.push({ uid, reason: `CRM event: ${seen}` });
      else result.crmEvents.push(seen);
    } else if (intervals.length >= limits.maxIntervalsPerObject) {
      // Already over the cap: don't expand more, but keep reading CRM events above.
      result.truncated = true;
    } else {
      const series = seriesIntervals(uid ?? "", masters[0] ?? null, events.filter((e) => e.recurrenceId), ctx);
      intervals.push(...series.intervals);
      stats.occurrencesExamined += series.examined;
      result.truncated ||= series.truncated;
      for (const note of new Set(series.notes)) result.skipped.push({ uid, reason: note });
    }
    for (const tzid of reader.takeUnknownTzids()) {
      result.skipped.push({ uid, reason: `unknown TZID "${tzid}" (no VTIMEZONE, not an IANA name); read in the owner's zone` });
    }
  }
  finish(intervals, limits.maxIntervalsPerObject, result);
  return done();
}
