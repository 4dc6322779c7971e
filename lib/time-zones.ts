import { BoundedCache } from "@/lib/bounded-cache";
// The one time-zone module: names (validation and the current IANA spelling), wall time and UTC
// offsets at an instant, and ISO strings with a zone's offset. Availability, iCalendar, booking
// and the pages all use these, so there is one rule for what a zone is and one bounded cache of
// Intl formatters per kind.
//
// IANA time zone names for settings forms and the booking page. Validation asks the runtime's ICU
// rather than a hard-coded list, so aliases ("UTC", "US/Eastern", "Asia/Calcutta") that ICU
// accepts are accepted too, and every name is then written the way the IANA database spells it
// today ("Asia/Kolkata").

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * Zones the IANA database renamed. ICU (Node's and Chromium's alike) still calls these by their
 * old names: Intl.supportedValuesOf("timeZone") lists "Asia/Calcutta", and resolvedOptions()
 * turns "Asia/Kolkata" back into "Asia/Calcutta". Keys are the old names ICU resolves to, plus a
 * few old names a browser or an older ICU may report that merged into a renamed zone.
 */
export const RENAMED_ZONES: Readonly<Record<string, string>> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Europe/Uzhgorod": "Europe/Kyiv",
  "Europe/Zaporozhye": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/**
 * The current IANA spelling of a valid zone, or null. Offsets such as "+01:00" are refused:
 * Intl accepts them, but they have no daylight-saving rules, so working hours would drift.
 */
export function canonicalTimeZone(value: string): string | null {
  if (value.length > 64 || !ZONE_NAME.test(value)) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  return RENAMED_ZONES[resolved] ?? RENAMED_ZONES[value] ?? resolved;
}

/** An IANA zone with rules (canonicalTimeZone): what members, organizations and calendars store. */
export function isValidTimeZone(value: string): boolean {
  return canonicalTimeZone(value) !== null;
}

/**
 * A zone a customer's times can be shown in: any IANA zone, and also a fixed offset ("+05:30",
 * "Etc/GMT-3"), which browsers can report and which is exact for display. Never stored as a
 * member's or calendar's zone (no DST rules).
 */
export function isDisplayTimeZone(value: string): boolean {
  if (value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Bounded: zones can come from clients (canonicalised first, but fixed offsets have many spellings).
const wallFormatters = new BoundedCache<string, Intl.DateTimeFormat>(128);

// The last zone asked for: availability probes one zone thousands of times in a row.
let lastZone: string | null = null;
let lastFormatter: Intl.DateTimeFormat | null = null;

function wallFormatter(zone: string): Intl.DateTimeFormat {
  if (zone === lastZone && lastFormatter) return lastFormatter;
  let formatter = wallFormatters.get(zone);
  if (!formatter) {
    // hourCycle h23: "hour12: false" prints midnight as 24 in some ICU versions.
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    wallFormatters.set(zone, formatter);
  }
  lastZone = zone;
  lastFormatter = formatter;
  return formatter;
}

/** The wall clock in a zone at an instant, as fields (to the second: Intl has no finer precision). */
export function wallTimeIn(instant: number, zone: string): WallTime {
  const fields: Record<string, number> = {};
  for (const part of wallFormatter(zone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const { year, month, day, hour, minute, second } = fields;
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined ||
    second === undefined
  ) {
    throw new Error(`Intl returned no wall time for ${zone}`);
  }
  return { year, month, day, hour, minute, second };
}

/**
 * The wall clock at an instant encoded as if it were UTC epoch ms (sub-seconds kept): the fast
 * path for availability, which probes offsets often (format() + split is ~3x faster than parts).
 */
export function wallClockMs(instant: number, zone: string): number {
  const seconds = Math.floor(instant / 1000) * 1000;
  // "3/8/2026, 03:30:00" → month, day, year, hour, minute, second.
  const [month, day, year, hour, minute, second] = wallFormatter(zone).format(seconds).split(/\D+/).map(Number);
  // Date.UTC reads years 0-99 as 19xx; setUTCFullYear does not (only such early years need it).
  const wall =
    year! >= 100
      ? Date.UTC(year!, month! - 1, day!, hour!, minute!, second!)
      : new Date(Date.UTC(2000, month! - 1, day!, hour!, minute!, second!)).setUTCFullYear(year!);
  return wall + (instant - seconds);
}

/** The UTC offset in ms at an instant (whole seconds): +19,800,000 for Asia/Kolkata. */
export function offsetAt(instant: number, zone: string): number {
  const second = Math.floor(instant / 1000) * 1000;
  return wallClockMs(second, zone) - second;
}

/** ISO 8601 with the zone's offset at that instant ("2026-11-26T09:00:00-05:00"), as the public API answers. */
export function toZonedIso(instant: number, zone: string): string {
  const w = wallTimeIn(instant, zone);
  const offsetMinutes = Math.round(offsetAt(instant, zone) / 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const offsetFormatters = new BoundedCache<string, Intl.DateTimeFormat>(128);

/** Minutes east of UTC at an instant: +330 for Asia/Kolkata, −300 for New York in winter. */
export function utcOffsetMinutes(timeZone: string, at: Date | number = Date.now()): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormatters.set(timeZone, f);
  }
  // "GMT-05:00", "GMT+05:45", or plain "GMT" at zero.
  const name = f.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/**
 * Every zone for a select, by current spelling only, sorted by the UTC offset at `at` and then
 * by name, with "UTC"; `current` (canonicalised) is always included so a saved value stays
 * selectable.
 */
export function listTimeZones(current?: string, at: Date | number = Date.now()): string[] {
  const zones = new Set<string>(["UTC"]);
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  for (const zone of all) zones.add(RENAMED_ZONES[zone] ?? zone);
  const saved = current ? canonicalTimeZone(current) : null;
  if (saved) zones.add(saved);
  return [...zones]
    .map((zone) => ({ zone, offset: utcOffsetMinutes(zone, at) }))
    .sort((a, b) => a.offset - b.offset || a.zone.localeCompare(b.zone))
    .map((z) => z.zone);
}
