// Splits one .ics object into its top-level components and parses each on its own. ical.js's
// parser rejects a whole text for one bad line or one bad RRULE; reading per component lets a
// broken VEVENT be reported while its neighbours (and the VTIMEZONEs) still count.

import ICAL from "ical.js";
import type { SkippedComponent } from "./types";

export interface SplitObject {
  components: ICAL.Component[];
  skipped: SkippedComponent[];
  /** VEVENTs that could not be read at all (each is also in `skipped`). */
  unreadable: SkippedComponent[];
  /** Components that lost malformed lines (one may have been their DTSTART). */
  damaged: WeakSet<ICAL.Component>;
}

interface Chunk {
  name: string;
  lines: string[];
  malformed: number;
  /** Components open inside this one (VALARM…), innermost last. */
  open: string[];
}

const TOP_LEVEL = new Set(["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "VAVAILABILITY"]);
// A content line starts with a property name (RFC 5545 §3.1: iana-token / x-name) then ";" or ":".
const CONTENT_LINE = /^[A-Za-z0-9-]+[;:]/;
const LEAP_MONTH_RULE = /^RRULE[;:](?:.*[:;])?BYMONTH=[^;]*\d+L/i;

function uidOf(lines: string[]): string | null {
  for (const line of lines) {
    const m = /^UID(?:;[^:]*)?:(.*)$/i.exec(line);
    if (m) return m[1]!.trim() || null;
  }
  return null;
}

/** RFC 5545 §3.1 unfolding (CRLF or bare LF followed by one space or tab), then lines. */
function contentLines(ics: string): string[] {
  // A UTF-8 byte order mark would hide BEGIN:VCALENDAR, and with it every event in the object.
  return ics
    .replace(/^\uFEFF/, "")
    .replace(/\r?\n[ \t]/g, "")
    .split(/\r\n|\n|\r/);
}

/** Top-level component chunks; the count comes first so an oversized object is never parsed. */
export function chunkObject(ics: string): {
  chunks: Chunk[];
  skipped: SkippedComponent[];
  unreadable: SkippedComponent[];
  calscale: string | null;
} {
  const chunks: Chunk[] = [];
  const skipped: SkippedComponent[] = [];
  const unreadable: SkippedComponent[] = [];
  let calscale: string | null = null;
  let inCalendar = false;
  let current: Chunk | null = null;
  const abandon = (why: string) => {
    if (current) {
      const entry = { uid: uidOf(current.lines), reason: `${current.name} ${why}; ignored` };
      skipped.push(entry);
      // A VEVENT cut short (lost END line) is still an event: its busy time is unknown.
      if (current.name === "VEVENT") unreadable.push(entry);
    }
    current = null;
  };

  for (const raw of contentLines(ics)) {
    const line = raw.trimEnd();
    if (!line) continue;
    const begin = /^BEGIN:(.+)$/i.exec(line)?.[1]?.trim().toUpperCase();
    const end = /^END:(.+)$/i.exec(line)?.[1]?.trim().toUpperCase();
    if (!inCalendar) {
      if (begin === "VCALENDAR") inCalendar = true;
      continue;
    }
    if (!current) {
      if (end === "VCALENDAR") inCalendar = false;
      else if (begin) current = { name: begin, lines: [line], malformed: 0, open: [] };
      else if (/^CALSCALE[;:]/i.test(line))
        calscale = line
          .slice(line.indexOf(":") + 1)
          .trim()
          .toUpperCase();
      // Other calendar properties (VERSION, PRODID, X-WR-*) carry nothing busy time needs.
      continue;
    }
    if (begin && TOP_LEVEL.has(begin)) {
      // A new VEVENT while one is open: the open one lost its END line.
      abandon("has no END line");
      current = { name: begin, lines: [line], malformed: 0, open: [] };
      continue;
    }
    if (end === "VCALENDAR") {
      abandon("has no END line");
      inCalendar = false;
      continue;
    }
    const closesInner = end !== undefined && end === current.open.at(-1);
    const closesSelf = end !== undefined && end === current.name && !closesInner;
    // Stray END lines would end the component early; drop them like other malformed lines.
    if (!CONTENT_LINE.test(line) || (end !== undefined && !closesInner && !closesSelf)) {
      current.malformed++;
      continue;
    }
    if (closesSelf && current.open.length > 0) {
      // An inner component (VALARM…) lost its END line: close it so the event itself still parses.
      current.malformed++;
      for (const name of current.open.reverse()) current.lines.push(`END:${name}`);
      current.open = [];
    }
    current.lines.push(line);
    if (begin) current.open.push(begin);
    if (closesInner) current.open.pop();
    if (closesSelf) {
      chunks.push(current);
      current = null;
    }
  }
  abandon("has no END line");
  return { chunks, skipped, unreadable, calscale };
}

/** Parses chunks one by one; VEVENTs are parsed without their VTIMEZONEs (times are read raw). */
export function parseChunks(chunks: Chunk[]): SplitObject {
  const components: ICAL.Component[] = [];
  const skipped: SkippedComponent[] = [];
  const unreadable: SkippedComponent[] = [];
  const damaged = new WeakSet<ICAL.Component>();
  for (const chunk of chunks) {
    const uid = uidOf(chunk.lines);
    if (chunk.malformed > 0) {
      skipped.push({ uid, reason: `${chunk.name}: ignored ${chunk.malformed} malformed line(s)` });
    }
    // RFC 7529 leap months (BYMONTH=5L): ical.js drops the L and reads month 5 of the Gregorian
    // year. Such a rule is taken out and reported, never expanded as something it is not.
    const lines = chunk.lines.filter((line) => !LEAP_MONTH_RULE.test(line));
    if (lines.length < chunk.lines.length) {
      const rscale = chunk.lines
        .map((line) => (LEAP_MONTH_RULE.test(line) ? /RSCALE=([A-Za-z0-9-]{1,40})/i.exec(line)?.[1] : undefined))
        .find(Boolean);
      const entry = {
        uid,
        reason: `RRULE${rscale ? ` RSCALE=${rscale.toUpperCase()}` : ""} BYMONTH with a leap month (RFC 7529) is not supported; its occurrences were not read`,
      };
      skipped.push(entry);
      if (chunk.name === "VEVENT") unreadable.push(entry);
    }
    try {
      const jcal = ICAL.parse(`BEGIN:VCALENDAR\r\n${lines.join("\r\n")}\r\nEND:VCALENDAR\r\n`);
      const component = new ICAL.Component(jcal as unknown[]).getAllSubcomponents()[0];
      if (component) components.push(component);
      if (component && chunk.malformed > 0) damaged.add(component);
    } catch (error) {
      const entry = { uid, reason: `${chunk.name} could not be parsed: ${error instanceof Error ? error.message : String(error)}` };
      skipped.push(entry);
      // Only VEVENTs block; a VTIMEZONE that fails shows up as an unknown TZID where it is used.
      if (chunk.name === "VEVENT") unreadable.push(entry);
    }
  }
  return { components, skipped, unreadable, damaged };
}
