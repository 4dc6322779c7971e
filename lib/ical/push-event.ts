// The VEVENT the CRM PUTs into a staff member's iCloud calendar (one VCALENDAR, one VEVENT, its
// VTIMEZONE). ical-generator writes the text (escaping, folding); the times are handed to it as
// zone-aware values built from Intl, because with a plain Date it writes the server's wall clock.

import ical, { ICalEventStatus, ICalEventTransparency, type ICalDateTimeValue, type ICalTemporalZonedDateTimeStub } from "ical-generator";
import { assertTimeZone, buildVTimezone, formatWallTime, isRepeatedWallTime, isUtcZone, wallTimeIn } from "./vtimezone";

export interface PushEventInput {
  /** Deterministic per appointment and staff member (pushEventUid): iCloud refuses a UID twice. */
  uid: string;
  /** Incremented by the caller on every change. */
  sequence: number;
  /** The appointment's instants, epoch ms (whole seconds; iCalendar has no finer precision). */
  start: number;
  end: number;
  /** The staff member's IANA zone: DTSTART/DTEND carry TZID=<zone> with a matching VTIMEZONE. */
  timeZone: string;
  summary: string;
  description: string;
  /** Link to the appointment in the CRM. */
  url?: string;
  /** Written as X-CRM-APPOINTMENT: the read-back recognises CRM events by it and by the UID. */
  appointmentRef: string;
  status?: "CONFIRMED" | "CANCELLED";
  /**
   * Whole days (blocked time): start and end are local midnights in `timeZone`, written as DATE
   * values (DTEND the day after the last), which every client shows on those dates wherever it is.
   */
  allDay?: boolean;
  /** DTSTAMP instant, default now; always written in UTC. */
  stamp?: number;
}

const PRODID = "//CRM Calendar//Push//EN";
const ID = /^[A-Za-z0-9_-]{1,128}$/;
// Printable ASCII without the TEXT specials: ical-generator writes UID unescaped.
const UID = /^[\x21-\x7e]{1,255}$/;
const UID_SPECIALS = /[\\;,"]/;
// RFC 5545 TEXT allows no control characters but HTAB (line breaks are escaped as \n).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** "crm-block-<id>-<userId>@crm-calendar": one event per blocked time and member. */
export function blockedTimeEventUid(blockedTimeId: string, userId: string): string {
  return pushEventUid(`block-${blockedTimeId}`, userId);
}

/** "crm-<id>-<userId>@crm-calendar": one event per appointment (or class occurrence) and staff member. */
export function pushEventUid(appointmentOrOccurrenceId: string, userId: string): string {
  if (!ID.test(appointmentOrOccurrenceId) || !ID.test(userId)) {
    throw new RangeError("pushEventUid expects cuid- or uuid-like ids (letters, digits, - and _)");
  }
  return `crm-${appointmentOrOccurrenceId}-${userId}@crm-calendar`;
}

/**
 * "<uid>.ics" as one path segment: letters, digits, "-" and "." stay, every other byte becomes
 * "_" + two hex digits ("@" → "_40", "_" → "_5F"). Injective, and free of "%", so the href
 * the server reports back needs no decoding to compare, and of ":", which would make
 * `new URL(name, calendarUrl)` read the name as a scheme.
 */
export function pushResourceName(uid: string): string {
  if (uid.length === 0) throw new RangeError("pushResourceName needs a UID");
  let name = "";
  for (const byte of new TextEncoder().encode(uid)) {
    const char = String.fromCharCode(byte);
    name += /[A-Za-z0-9.-]/.test(char) ? char : `_${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return `${name}.ics`;
}

/**
 * The first line of an event's description: what was booked and, in parentheses, the booking
 * calendar it came from, unless that only repeats the name ("Consultation", not
 * "Consultation (Consultation)"). Names are compared ignoring case and surrounding spaces.
 */
export function describeBooked(what: string, calendarName: string): string {
  const name = what.trim();
  const calendar = calendarName.trim();
  if (!calendar || calendar.toLocaleLowerCase() === name.toLocaleLowerCase()) return name;
  if (!name) return calendar;
  return `${name} (${calendar})`;
}

export function buildPushEvent(input: PushEventInput): string {
  const { uid, sequence, timeZone } = input;
  if (!UID.test(uid) || UID_SPECIALS.test(uid)) throw new RangeError(`Unusable UID: ${JSON.stringify(uid)}`);
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new RangeError("SEQUENCE must be a non-negative integer");
  const start = wholeSeconds(input.start, "start");
  const end = wholeSeconds(input.end, "end");
  // RFC 5545 §3.8.2.2: DTEND must be later than DTSTART.
  if (end <= start) throw new RangeError("An event must end after it starts");
  const stamp = input.stamp === undefined ? Date.now() : wholeSeconds(input.stamp, "stamp");
  assertTimeZone(timeZone);
  const appointmentRef = clean(input.appointmentRef).trim();
  if (!appointmentRef) throw new RangeError("appointmentRef is empty");

  // A wall time in the repeated hour of a fall-back night is read differently by different
  // clients (see isRepeatedWallTime); UTC is exact everywhere. DTSTART and DTEND then both go
  // to UTC, keeping one form for the pair. UTC zones use it anyway.
  const zoned = !isUtcZone(timeZone) && !isRepeatedWallTime(start, timeZone) && !isRepeatedWallTime(end, timeZone);
  const vtimezone = zoned ? buildVTimezone(timeZone, { start, end }) : null;

  if (input.allDay) {
    const day = (instant: number) => {
      const wall = wallTimeIn(instant, timeZone);
      // A Date at that UTC midnight: with no calendar zone ical-generator writes DATE values from UTC fields.
      return new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
    };
    const first = day(start);
    // An end at a local midnight is the day after the last; otherwise the day it falls on counts.
    const endWall = wallTimeIn(end, timeZone);
    const last = endWall.hour === 0 && endWall.minute === 0 && endWall.second === 0 ? day(end) : new Date(day(end).getTime() + 86_400_000);
    const allDayCalendar = ical({ prodId: PRODID });
    allDayCalendar.createEvent({
      id: uid,
      sequence,
      stamp: new Date(stamp),
      start: first,
      end: last.getTime() > first.getTime() ? last : new Date(first.getTime() + 86_400_000),
      allDay: true,
      summary: clean(input.summary),
      description: clean(input.description),
      url: input.url === undefined ? null : uriValue(input.url),
      transparency: ICalEventTransparency.OPAQUE,
      x: [["X-CRM-APPOINTMENT", appointmentRef]],
    });
    return `${allDayCalendar.toString()}\r\n`;
  }

  const calendar = ical({
    prodId: PRODID,
    // name null: a calendar-level zone name makes ical-generator write DTSTAMP (and plain Dates)
    // in the server's local time without Z; only the generator is wanted, for the event's TZID.
    ...(vtimezone ? { timezone: { name: null, generator: (tzid: string) => (tzid === timeZone ? vtimezone : null) } } : {}),
  });
  calendar.createEvent({
    id: uid,
    sequence,
    stamp: new Date(stamp),
    start: zoned ? zonedDateTime(start, timeZone) : new Date(start),
    end: zoned ? zonedDateTime(end, timeZone) : new Date(end),
    timezone: zoned ? timeZone : null,
    summary: clean(input.summary),
    description: clean(input.description),
    url: input.url === undefined ? null : uriValue(input.url),
    status: input.status === "CANCELLED" ? ICalEventStatus.CANCELLED : input.status === "CONFIRMED" ? ICalEventStatus.CONFIRMED : null,
    transparency: ICalEventTransparency.OPAQUE,
    x: [["X-CRM-APPOINTMENT", appointmentRef]],
  });
  // RFC 5545 §3.1 ends every content line, the last one included, with CRLF; ical-generator omits the final one.
  return `${calendar.toString()}\r\n`;
}

function wholeSeconds(value: number, name: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`${name} is not a finite instant`);
  const year = new Date(value).getUTCFullYear();
  if (year < 1000 || year > 9998) throw new RangeError(`${name} is outside the years 1000-9998`);
  return Math.floor(value / 1000) * 1000;
}

const clean = (text: string) => text.replace(CONTROL, "");

/**
 * URL is a URI value (RFC 5545 §3.3.13: no TEXT escaping) but ical-generator escapes "," and ";"
 * with backslashes, which a reader keeps as part of the link. Percent-encoding them instead
 * keeps the link working.
 */
function uriValue(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new RangeError("The event URL must be http(s)");
  return parsed.href.replace(/[,;\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * An instant in a zone, in the shape of a Temporal.ZonedDateTime, which ical-generator formats
 * from its own year…second fields (`withTimeZone` then `toPlainDateTime`) instead of the
 * process's local zone. The fields come from Intl.
 */
function zonedDateTime(instant: number, zone: string): ICalTemporalZonedDateTimeStub {
  const wall = wallTimeIn(instant, zone);
  const text = `${formatWallTime(wall)}[${zone}]`;
  const plainDate = { year: wall.year, month: wall.month, day: wall.day, toJSON: () => text, toString: () => text };
  return {
    ...wall,
    timeZoneId: zone,
    withTimeZone: (other) => zonedDateTime(instant, other),
    toPlainDateTime: () => ({
      ...wall,
      toPlainDate: () => plainDate,
      toZonedDateTime: () => {
        throw new Error("push-event hands ical-generator zoned values only");
      },
      toJSON: () => text,
      toString: () => text,
    }),
    toInstant: () => ({
      epochMilliseconds: instant,
      toZonedDateTimeISO: (other) => zonedDateTime(instant, other),
      toJSON: () => new Date(instant).toISOString(),
      toString: () => new Date(instant).toISOString(),
    }),
    toJSON: () => text,
    toString: () => text,
  } satisfies ICalTemporalZonedDateTimeStub & ICalDateTimeValue;
}
