// One CalDAV object → busy intervals, the CRM's own events, and what was skipped. Bad data never
// throws: every problem becomes a `skipped` entry and the rest of the object still counts.
// Problems that leave busy time unknown are also listed in `unreadable` (the caller fails closed).
// Work is bounded by the limits (bytes, components, occurrences, intervals) and a step budget.

import type ICAL from "ical.js";
import { isPlainlyFree, readEvent, type EventData } from "./event-reader";
import { blocksTime, isCrmEvent } from "./policy";
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

/** Reasons and UIDs come from calendar data: keep what is reported short. */
const MAX_REASON_CHARS = 500;
const MAX_UID_CHARS = 255;
const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

function report(result: ParseResult, uid: string | null, reason: string, unreadable = false): void {
  const entry = { uid: uid === null ? null : short(uid, MAX_UID_CHARS), reason: short(reason, MAX_REASON_CHARS) };
  result.skipped.push(entry);
  if (unreadable) result.unreadable.push(entry);
}

/**
 * Several components without RECURRENCE-ID for one UID (RFC 5545 allows one): the highest
 * SEQUENCE wins, then the latest DTSTAMP, then the latest LAST-MODIFIED, then the last one in the
 * object. A missing SEQUENCE is 0; a missing timestamp loses to any.
 */
export function pickMaster(masters: EventData[]): EventData | null {
  let best: EventData | null = null;
  const rank = (e: EventData) => [e.sequence ?? 0, e.stamp ?? -Infinity, e.lastModified ?? -Infinity];
  for (const candidate of masters) {
    if (!best) {
      best = candidate;
      continue;
    }
    const [a, b] = [rank(candidate), rank(best)];
    const i = a.findIndex((value, k) => value !== b[k]);
    if (i === -1 || a[i]! > b[i]!) best = candidate;
  }
  return best;
}

function zonesOf(components: ICAL.Component[], untilYear: number, result: ParseResult): Map<string, Zone> {
  const zones = new Map<string, Zone>();
  for (const component of components.filter((c) => c.name === "vtimezone")) {
    try {
      const zone = vtimezoneZone(component, untilYear);
      if (typeof zone === "string") report(result, null, `${zone}; TZID resolved without it`);
      else zones.set(zone.id, zone);
    } catch (error) {
      report(result, null, `VTIMEZONE could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return zones;
}

/** VEVENTs grouped by UID; events without a UID each stand alone. */
function groupEvents(components: ICAL.Component[], damaged: WeakSet<ICAL.Component>, result: ParseResult): Map<string, EventData[]> {
  const groups = new Map<string, EventData[]>();
  let anonymous = 0;
  for (const component of components.filter((c) => c.name === "vevent")) {
    const event = readEvent(component);
    if (typeof event === "string") {
      // Without DTSTART (and RECURRENCE-ID) it is not an event, unless a malformed line that was
      // dropped may have been its DTSTART; a cancelled or transparent one blocks nothing anyway.
      // Anything else is an event whose time could not be read.
      const notAnEvent = event === "no DTSTART" && !damaged.has(component);
      report(result, readText(component, "uid"), event, !notAnEvent && !isPlainlyFree(component));
      continue;
    }
    for (const note of event.notes) report(result, event.uid, note);
    const key = event.uid === null ? `\u0000${anonymous++}` : event.uid;
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  return groups;
}

function crmEventOf(uid: string, events: EventData[], reader: TimeReader): CrmEventSeen | string {
  const main = pickMaster(events.filter((e) => !e.recurrenceId)) ?? events[0]!;
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
  intervals.sort(
    (a, b) => a.start - b.start || a.end - b.end || a.uid.localeCompare(b.uid) || (a.recurrenceId ?? 0) - (b.recurrenceId ?? 0),
  );
  const seen = new Set<string>();
  for (const interval of intervals) {
    const key = `${interval.uid}\u0000${interval.start}\u0000${interval.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (result.intervals.length === max) {
      result.truncated = true;
      // Every interval overlaps the window: dropping one hides busy time.
      report(result, null, `more than ${max} busy intervals; the latest were dropped`, true);
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
  const result: ParseResult = { intervals: [], crmEvents: [], crmIntervals: [], skipped: [], truncated: false, unreadable: [] };
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
  const { chunks, skipped, unreadable, calscale } = chunkObject(ics);
  result.skipped.push(...skipped);
  result.unreadable.push(...unreadable);
  // RFC 7529 calendars (CALSCALE:HEBREW…) date everything in another calendar: never read as Gregorian.
  if (calscale !== null && calscale !== "GREGORIAN") {
    report(result, null, `CALSCALE:${calscale} is not supported; not read`, true);
    return done();
  }
  if (chunks.length > limits.maxComponentsPerObject) {
    const reason = `object has ${chunks.length} components, over the ${limits.maxComponentsPerObject} limit; not read`;
    result.skipped.push({ uid: null, reason });
    result.unreadable.push({ uid: null, reason });
    result.truncated = true;
    return done();
  }
  const parsed = parseChunks(chunks);
  result.skipped.push(...parsed.skipped);
  result.unreadable.push(...parsed.unreadable);

  const zones = zonesOf(parsed.components, new Date(window.end).getUTCFullYear() + 2, result);
  const reader = createTimeReader(zones, owner);
  const ctx: SeriesContext = {
    window,
    reader,
    policy: {
      ownerEmails: new Set(options.ownerEmails.map((e) => e.toLowerCase())),
      blockUnansweredInvitations: options.blockUnansweredInvitations !== false,
    },
    maxOccurrences: limits.maxOccurrencesPerEvent,
    maxRuleSteps: MAX_RULE_STEPS,
    budget,
  };
  const intervals: BusyInterval[] = [];
  for (const [key, events] of groupEvents(parsed.components, parsed.damaged, result)) {
    const uid = key.startsWith("\u0000") ? null : key;
    const masters = events.filter((e) => !e.recurrenceId);
    const master = pickMaster(masters);
    if (masters.length > 1) {
      report(
        result,
        uid,
        `${masters.length} components without RECURRENCE-ID; the one with the highest SEQUENCE (then latest DTSTAMP, LAST-MODIFIED) was used`,
      );
    }
    if (isCrmEvent(uid, events)) {
      const seen = crmEventOf(uid ?? "", events, reader);
      if (typeof seen === "string") report(result, uid, `CRM event: ${seen}`);
      else result.crmEvents.push(seen);
      if (result.crmIntervals.length < limits.maxIntervalsPerObject) {
        // Expanded in case the UID is a look-alike, not the member's own: the caller decides.
        const series = seriesIntervals(
          uid ?? "",
          master,
          events.filter((e) => e.recurrenceId),
          ctx,
        );
        result.crmIntervals.push(...series.intervals.slice(0, limits.maxIntervalsPerObject - result.crmIntervals.length));
        stats.occurrencesExamined += series.examined;
      }
    } else if (intervals.length >= limits.maxIntervalsPerObject) {
      // Already over the cap: don't expand more, but keep reading CRM events above.
      result.truncated = true;
      report(result, uid, `not read: the object already has ${limits.maxIntervalsPerObject} busy intervals`, true);
    } else {
      const series = seriesIntervals(
        uid ?? "",
        master,
        events.filter((e) => e.recurrenceId),
        ctx,
      );
      intervals.push(...series.intervals);
      stats.occurrencesExamined += series.examined;
      result.truncated ||= series.truncated;
      for (const note of new Set(series.notes)) report(result, uid, note);
      for (const reason of new Set(series.unreadable)) report(result, uid, reason, true);
    }
    // Read in the owner's zone as a guess, but its real time is unknown: fail closed, unless
    // nothing of the UID blocks (the CRM's own events; cancelled, transparent, declined ones).
    const blocks = !isCrmEvent(uid, events) && events.some((e) => blocksTime(e, ctx.policy));
    for (const tzid of reader.takeUnknownTzids()) {
      report(result, uid, `unknown TZID "${short(tzid, 100)}" (no usable VTIMEZONE, not an IANA name); read in the owner's zone`, blocks);
    }
  }
  finish(intervals, limits.maxIntervalsPerObject, result);
  return done();
}
