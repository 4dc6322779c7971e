// One UID's components (master + RECURRENCE-ID overrides) → busy intervals overlapping the window.
// The recurrence set is RFC 5545's: DTSTART, RRULE and RDATE occurrences, minus EXDATEs; an
// override replaces the occurrence it names and blocks at its own time, even when that
// occurrence lies outside the window (so moves into and out of the window both come out right).

import type { EventData, RuleValue } from "./event-reader";
import { OccurrenceSet, placeOverrides, rangeOverrideFor, type Occurrence, type PlacedOverride } from "./overrides";
import { blocksTime, type BlockPolicy } from "./policy";
import { expandRule, type StepBudget } from "./recurrence";
import { endIsClamped, endOf, spanBound, spanOf, type Span, type TimeReader } from "./timing";
import type { BusyInterval } from "./types";
import { DAY_MS, END_OF_TIME, parseDateTimeText, wallDay, type DateTimeValue } from "./values";
import { instantToWall, wallToInstant, type Zone } from "./zones";

export interface SeriesContext {
  window: { start: number; end: number };
  reader: TimeReader;
  policy: BlockPolicy;
  maxOccurrences: number;
  maxRuleSteps: number;
  budget: StepBudget;
}

export interface SeriesResult {
  intervals: BusyInterval[];
  notes: string[];
  /** Why part of the series' busy time in the window is unknown (each also belongs in `skipped`). */
  unreadable: string[];
  examined: number;
  truncated: boolean;
}

interface Emit {
  event: EventData;
  span: Span;
  wall: number;
  instant: number;
  zone: Zone;
  recurrenceId?: number;
  end?: number;
  title: string;
}

function emit(uid: string, ctx: SeriesContext, out: SeriesResult, e: Emit): void {
  if (!blocksTime(e.event, ctx.policy)) return;
  const allDay = e.span.kind === "days";
  const end = e.end ?? endOf(e.span, e.wall, e.instant, e.zone, ctx.reader.owner);
  if (e.end === undefined && endIsClamped(e.span, e.wall, e.instant, e.zone, ctx.reader.owner)) {
    out.notes.push(`ends after ${new Date(END_OF_TIME).toISOString()} (DURATION too large); read as busy until then`);
  }
  // Zero-length events block nothing (RFC 5545 §3.6.1 leaves them as points in time).
  if (!(end > e.instant)) return;
  // Apple's travel time is time the owner is already on the way: busy too. Not for all-day events.
  const start = e.instant - (allDay ? 0 : e.event.travelMs);
  if (start >= ctx.window.end || end <= ctx.window.start) return;
  const interval: BusyInterval = { start, end, allDay, title: e.title, uid };
  if (e.recurrenceId !== undefined) interval.recurrenceId = e.recurrenceId;
  out.intervals.push(interval);
}

/** The last wall time an RRULE's UNTIL admits, in the master's zone; null without UNTIL. */
function untilWall(rule: RuleValue, start: DateTimeValue, zone: Zone): number | null | "invalid" {
  if (rule.untilText === undefined) return null;
  const until = parseDateTimeText(rule.untilText, null);
  if (!until) return "invalid";
  if (until.dateOnly) return until.wall + (start.dateOnly ? 0 : DAY_MS - 1);
  // A floating UNTIL (RFC 5545 §3.3.10 wants UTC, but it is written) is read in DTSTART's zone.
  return until.utc ? instantToWall(until.wall, zone) : until.wall;
}

/**
 * Whether an occurrence starting at this wall time may reach the window. Wall and instant differ
 * by less than a day; highMargin is travel time and override moves plus two days of slack.
 */
function mayOverlap(wall: number, ctx: SeriesContext, highMargin: number): boolean {
  return wall < ctx.window.end + highMargin - DAY_MS;
}

function occurrencesOf(
  master: EventData,
  start: DateTimeValue,
  zone: Zone,
  lowMargin: number,
  highMargin: number,
  ctx: SeriesContext,
  out: SeriesResult,
): Occurrence[] {
  const { reader } = ctx;
  const found = new Map<number, Occurrence>();
  const startInstant = reader.instantOf(start);
  // DTSTART is always the first instance (RFC 5545 §3.8.5.3), even if the rule would not produce it.
  found.set(startInstant, { wall: start.wall, instant: startInstant });
  out.examined++;
  // (A huge span makes lowMargin reach back before DTSTART: the rule is then walked from DTSTART.)
  const lowWall = Math.max(ctx.window.start - lowMargin, start.wall - DAY_MS);
  for (const rule of master.rrules) {
    if (rule.rule.freq === "SECONDLY" || rule.rule.freq === "MINUTELY") {
      out.unreadable.push(`FREQ=${rule.rule.freq} is not supported; its occurrences were not read`);
      continue;
    }
    const until = untilWall(rule, start, zone);
    if (until === "invalid") out.notes.push("RRULE UNTIL is not a valid date; ignored");
    const highWall = Math.min(ctx.window.end + highMargin, typeof until === "number" ? until : Infinity);
    if (highWall < start.wall) continue;
    const expansion = expandRule(rule.rule, {
      startWall: start.wall,
      dateOnly: start.dateOnly,
      lowWall,
      highWall,
      maxOccurrences: Math.max(0, ctx.maxOccurrences - out.examined),
      maxSteps: ctx.maxRuleSteps,
      budget: ctx.budget,
    });
    out.examined += expansion.examined;
    if (expansion.note) (expansion.failed ? out.unreadable : out.notes).push(expansion.note);
    if (expansion.limit) {
      const why =
        expansion.limit === "occurrences"
          ? `more than ${ctx.maxOccurrences} occurrences; the rest were not read`
          : "RRULE needed too much work to expand (no date matched for too long); the rest was not read";
      // Fail closed only when what was not read could overlap the window.
      // (highWall includes UNTIL, so a rule that ended before the window loses nothing.)
      const lost =
        expansion.stoppedAt === null ||
        (mayOverlap(expansion.stoppedAt, ctx, highMargin) && expansion.stoppedAt <= highWall && highWall >= lowWall);
      (lost ? out.unreadable : out.notes).push(lost ? `${why}, some of them in the window` : why);
      out.truncated = true;
    }
    for (const wall of expansion.walls) {
      const instant = wallToInstant(wall, zone);
      if (!found.has(instant)) found.set(instant, { wall, instant });
    }
  }
  for (const [index, rdate] of master.rdates.entries()) {
    if (out.examined >= ctx.maxOccurrences) {
      const why = `more than ${ctx.maxOccurrences} occurrences; the rest were not read`;
      // RDATEs are in no particular order: look at the ones left out.
      const rest = master.rdates.slice(index);
      const lost = rest.some((r) => {
        const wall = reader.wallIn(r.start, zone);
        return wall >= lowWall - DAY_MS && mayOverlap(wall, ctx, highMargin);
      });
      (lost ? out.unreadable : out.notes).push(lost ? `${why}, some of them in the window` : why);
      out.truncated = true;
      break;
    }
    out.examined++;
    let wall: number;
    if (rdate.start.dateOnly && !start.dateOnly) wall = rdate.start.wall + (start.wall - wallDay(start.wall));
    else if (!rdate.start.dateOnly && start.dateOnly) wall = wallDay(reader.wallIn(rdate.start, zone));
    else wall = reader.wallIn(rdate.start, zone);
    const instant = rdate.start.dateOnly || start.dateOnly ? wallToInstant(wall, zone) : reader.instantOf(rdate.start);
    const span = rdate.end && spanOf(rdate.end, rdate.start, reader);
    const end = span && typeof span !== "string" ? endOf(span, wall, instant, zone, reader.owner) : undefined;
    found.set(instant, end === undefined ? { wall, instant } : { wall, instant, end });
  }
  return [...found.values()];
}

export function seriesIntervals(uid: string, master: EventData | null, overrides: EventData[], ctx: SeriesContext): SeriesResult {
  const out = expandSeries(uid, master, overrides, ctx);
  // A series none of whose components blocks (cancelled, transparent, declined) hides no busy
  // time, whatever could not be read in it.
  const blocks = [master, ...overrides].some((e) => e !== null && blocksTime(e, ctx.policy));
  if (!blocks && out.unreadable.length > 0) {
    out.notes.push(...out.unreadable);
    out.unreadable = [];
  }
  return out;
}

function expandSeries(uid: string, master: EventData | null, overrides: EventData[], ctx: SeriesContext): SeriesResult {
  const out: SeriesResult = { intervals: [], notes: [], unreadable: [...(master?.unreadable ?? [])], examined: 0, truncated: false };
  const { reader } = ctx;
  const start = master?.start ?? null;
  const zone = start ? reader.zoneOf(start) : null;
  let span: Span | null = null;
  if (master && start) {
    const spanOrError = spanOf(master.end, start, reader);
    if (typeof spanOrError === "string") out.unreadable.push(spanOrError);
    else span = spanOrError;
  }
  const dateOnly = start?.dateOnly ?? false;
  const exdates = new OccurrenceSet<true>(reader, dateOnly);
  for (const value of master?.exdates ?? []) exdates.add(value, true);

  for (const o of overrides) out.unreadable.push(...o.unreadable);
  // An override that cannot be placed leaves its occurrence's real time unknown.
  const placed = placeOverrides(overrides, { span, dateOnly, zone }, reader, out.unreadable);
  const direct = new OccurrenceSet<PlacedOverride>(reader, dateOnly);
  for (const p of placed) {
    const rid = p.event.recurrenceId!;
    // An EXDATE removes the instance from the set; a leftover override for it does not bring it back.
    if (master && zone && exdates.get({ wall: reader.wallIn(rid, zone), instant: p.ridInstant })) continue;
    direct.add(rid, p);
    const ownZone = reader.zoneOf(p.start);
    const title = p.event.summary || master?.summary || "";
    emit(uid, ctx, out, {
      event: p.event,
      span: p.span,
      wall: p.start.wall,
      instant: reader.instantOf(p.start),
      zone: ownZone,
      recurrenceId: p.ridInstant,
      title,
    });
  }

  if (!master || !start || !zone || !span) return out;
  const ranges = placed.filter((p) => p.event.thisAndFuture).sort((a, b) => a.ridInstant - b.ridInstant);
  // Scan far enough either side that an occurrence overlapping the window, possibly moved by a
  // THISANDFUTURE override, is never missed; two days cover any UTC offset between wall and instant.
  const lowMargin =
    ranges.reduce((m, r) => Math.max(m, Math.abs(r.shift) + spanBound(r.span) + r.event.travelMs), spanBound(span) + master.travelMs) +
    2 * DAY_MS;
  // After the window only moves (an occurrence moved earlier) and travel time matter, not lengths.
  const highMargin = ranges.reduce((m, r) => Math.max(m, Math.abs(r.shift) + r.event.travelMs), master.travelMs) + 2 * DAY_MS;
  const recurring = master.rrules.length > 0 || master.rdates.length > 0;
  for (const occurrence of occurrencesOf(master, start, zone, lowMargin, highMargin, ctx, out)) {
    if (exdates.get(occurrence) || direct.get(occurrence)) continue;
    const range = rangeOverrideFor(ranges, occurrence.instant);
    if (range) {
      const wall = occurrence.wall + range.shift;
      const title = range.event.summary || master.summary;
      emit(uid, ctx, out, {
        event: range.event,
        span: range.span,
        wall,
        instant: wallToInstant(wall, zone),
        zone,
        recurrenceId: occurrence.instant,
        title,
      });
      continue;
    }
    const recurrenceId = recurring ? occurrence.instant : undefined;
    emit(uid, ctx, out, {
      event: master,
      span,
      wall: occurrence.wall,
      instant: occurrence.instant,
      zone,
      recurrenceId,
      end: occurrence.end,
      title: master.summary,
    });
  }
  return out;
}
