// One VEVENT as plain data: what busy time needs, validated, nothing converted to instants yet
// (that needs the object's zones). Fatal problems come back as a reason string.

import type ICAL from "ical.js";
import {
  parseDateTimeText,
  parseDurationText,
  rawProperty,
  readDateTime,
  readText,
  stringParam,
  type DateTimeValue,
  type NominalDuration,
} from "./values";

export type EndSpec = { kind: "none" } | { kind: "at"; value: DateTimeValue } | { kind: "duration"; duration: NominalDuration };

export interface RDateValue {
  start: DateTimeValue;
  /** PERIOD values carry their own end. */
  end?: EndSpec;
}

export interface RuleValue {
  rule: ICAL.Recur;
  /** UNTIL as written (ICAL.Recur normalises impossible dates). */
  untilText: unknown;
}

export interface Participant {
  /** Lowercased addresses: the mailto: value and the EMAIL parameter Apple adds. */
  emails: string[];
  partstat: string;
}

export interface EventData {
  uid: string | null;
  summary: string;
  /** Null only for an override without DTSTART (it then starts at its RECURRENCE-ID). */
  start: DateTimeValue | null;
  end: EndSpec;
  rrules: RuleValue[];
  rdates: RDateValue[];
  exdates: DateTimeValue[];
  recurrenceId: DateTimeValue | null;
  thisAndFuture: boolean;
  cancelled: boolean;
  transparent: boolean;
  organizer: string[];
  attendees: Participant[];
  travelMs: number;
  sequence: number | null;
  /** DTSTAMP and LAST-MODIFIED as epoch ms (null if absent or unreadable): tie-breakers between masters. */
  stamp: number | null;
  lastModified: number | null;
  crmRef: string | null;
  /** Non-fatal problems (the event is still used). */
  notes: string[];
  /** Problems that leave part of its busy time unknown (an RDATE or an RRULE that was not read). */
  unreadable: string[];
}

function addresses(prop: ICAL.Property): string[] {
  const raw = rawProperty(prop);
  const found: string[] = [];
  const value = typeof raw.values[0] === "string" ? raw.values[0].trim() : "";
  if (/^mailto:/i.test(value)) found.push(value.slice(7).trim().toLowerCase());
  const email = stringParam(raw.params, "email");
  if (email) found.push(email.trim().toLowerCase());
  return found.filter(Boolean);
}

function readEnd(component: ICAL.Component, start: DateTimeValue | null): EndSpec | string {
  const dtend = readDateTime(component, "dtend");
  if (dtend === "invalid") return "DTEND is not a valid date";
  if (dtend) return { kind: "at", value: dtend };
  const durationProp = component.getFirstProperty("duration");
  if (!durationProp) return { kind: "none" };
  const duration = parseDurationText(rawProperty(durationProp).values[0]);
  if (!duration) return "DURATION is not a valid duration";
  if (duration.negative && (duration.days > 0 || duration.ms > 0)) return "DURATION is negative";
  // RFC 5545 §3.8.2.5: an all-day event's DURATION is in days or weeks.
  if (start?.dateOnly && duration.ms !== 0) return "DURATION has a time part on an all-day event";
  return { kind: "duration", duration };
}

function readDateList(component: ICAL.Component, name: string): { values: RDateValue[]; bad: number } {
  const values: RDateValue[] = [];
  let bad = 0;
  for (const prop of component.getAllProperties(name)) {
    const raw = rawProperty(prop);
    const tzid = stringParam(raw.params, "tzid");
    for (const value of raw.values) {
      if (Array.isArray(value)) {
        // PERIOD: [start, end] or [start, duration].
        const start = parseDateTimeText(value[0], tzid);
        const endAt = parseDateTimeText(value[1], tzid);
        const duration = parseDurationText(value[1]);
        if (start && endAt) values.push({ start, end: { kind: "at", value: endAt } });
        else if (start && duration && !duration.negative) values.push({ start, end: { kind: "duration", duration } });
        else bad++;
        continue;
      }
      const start = parseDateTimeText(value, tzid);
      if (start) values.push({ start });
      else bad++;
    }
  }
  return { values, bad };
}

/**
 * RFC 7529: RSCALE names a non-Gregorian calendar (its months and leap months), SKIP what to do
 * with invalid dates. ical.js parses both and then ignores them (BYMONTH=5L becomes 5), i.e.
 * reads the rule as Gregorian. Only RSCALE=GREGORIAN with SKIP=OMIT (the RFC 5545 meaning) is
 * read; anything else is reported as unreadable, never expanded as something it is not.
 */
function rscaleProblem(raw: unknown): string | null {
  const value = (raw ?? {}) as { rscale?: unknown; skip?: unknown };
  const rscale = value.rscale === undefined ? null : String(value.rscale).toUpperCase();
  const skip = value.skip === undefined ? null : String(value.skip).toUpperCase();
  if (rscale !== null && rscale !== "GREGORIAN")
    return `RRULE RSCALE=${rscale.slice(0, 40)} (RFC 7529) is not supported; its occurrences were not read`;
  if (skip !== null && skip !== "OMIT") return `RRULE SKIP=${skip.slice(0, 40)} (RFC 7529) is not supported; its occurrences were not read`;
  return null;
}

function instantOfStamp(component: ICAL.Component, name: string): number | null {
  const value = readDateTime(component, name);
  // DTSTAMP and LAST-MODIFIED are UTC by definition; a floating one is read as UTC too.
  return value && value !== "invalid" ? value.wall : null;
}

/** STATUS:CANCELLED or TRANSP:TRANSPARENT: blocks nothing whatever its times say. */
export function isPlainlyFree(component: ICAL.Component): boolean {
  return (
    readText(component, "status")?.trim().toUpperCase() === "CANCELLED" ||
    readText(component, "transp")?.trim().toUpperCase() === "TRANSPARENT"
  );
}

export function readEvent(component: ICAL.Component): EventData | string {
  const notes: string[] = [];
  const unreadable: string[] = [];
  const start = readDateTime(component, "dtstart");
  if (start === "invalid") return "DTSTART is not a valid date";
  const recurrenceId = readDateTime(component, "recurrence-id");
  if (recurrenceId === "invalid") return "RECURRENCE-ID is not a valid date";
  if (!start && !recurrenceId) return "no DTSTART";
  const end = readEnd(component, start ?? recurrenceId);
  if (typeof end === "string") return end;

  const rrules: RuleValue[] = [];
  try {
    for (const p of component.getAllProperties("rrule")) {
      const raw = rawProperty(p).values[0];
      const problem = rscaleProblem(raw);
      if (problem) unreadable.push(problem);
      else rrules.push({ rule: p.getFirstValue() as ICAL.Recur, untilText: (raw as { until?: unknown } | undefined)?.until });
    }
  } catch (error) {
    return `RRULE is not valid: ${error instanceof Error ? error.message : String(error)}`;
  }
  const rdates = readDateList(component, "rdate");
  const exdates = readDateList(component, "exdate");
  // A lost RDATE is a lost occurrence; a lost EXDATE only leaves an occurrence busy.
  if (rdates.bad > 0) unreadable.push(`${rdates.bad} unreadable RDATE value(s); those occurrences were not read`);
  if (exdates.bad > 0) notes.push(`ignored ${exdates.bad} unreadable EXDATE value(s)`);

  let travelMs = 0;
  const travelProp = component.getFirstProperty("x-apple-travel-duration");
  if (travelProp) {
    const travel = parseDurationText(rawProperty(travelProp).values[0]);
    if (travel && !travel.negative) travelMs = travel.days * 86_400_000 + travel.ms;
    else notes.push("ignored an unreadable X-APPLE-TRAVEL-DURATION");
  }

  const ridProp = component.getFirstProperty("recurrence-id");
  const sequenceProp = component.getFirstProperty("sequence");
  // jCal holds SEQUENCE as a number; anything unreadable is reported as "no sequence".
  const sequence = sequenceProp ? Number(rawProperty(sequenceProp).values[0]) : Number.NaN;
  const organizerProp = component.getFirstProperty("organizer");
  return {
    uid: readText(component, "uid")?.trim() || null,
    summary: readText(component, "summary") ?? "",
    start,
    end,
    rrules,
    rdates: rdates.values,
    exdates: exdates.values.map((v) => v.start),
    recurrenceId,
    thisAndFuture: ridProp ? stringParam(rawProperty(ridProp).params, "range")?.toUpperCase() === "THISANDFUTURE" : false,
    cancelled: readText(component, "status")?.trim().toUpperCase() === "CANCELLED",
    transparent: readText(component, "transp")?.trim().toUpperCase() === "TRANSPARENT",
    organizer: organizerProp ? addresses(organizerProp) : [],
    attendees: component.getAllProperties("attendee").map((p) => ({
      emails: addresses(p),
      partstat: (stringParam(rawProperty(p).params, "partstat") ?? "NEEDS-ACTION").toUpperCase(),
    })),
    travelMs,
    sequence: Number.isSafeInteger(sequence) ? sequence : null,
    stamp: instantOfStamp(component, "dtstamp"),
    lastModified: instantOfStamp(component, "last-modified"),
    crmRef: readText(component, "x-crm-appointment")?.trim() || null,
    notes,
    unreadable,
  };
}
