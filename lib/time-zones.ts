import { BoundedCache } from "@/lib/bounded-cache";
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

export function isValidTimeZone(value: string): boolean {
  return canonicalTimeZone(value) !== null;
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
