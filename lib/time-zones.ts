// IANA time zone names for settings forms. Validation asks the runtime's ICU rather than a
// hard-coded list, so aliases ("UTC", "Asia/Kolkata") that ICU accepts are accepted too.

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * The canonical spelling of a valid IANA zone, or null. Offsets such as "+01:00" are refused:
 * Intl accepts them, but they have no daylight-saving rules, so working hours would drift.
 */
export function canonicalTimeZone(value: string): string | null {
  if (value.length > 64 || !ZONE_NAME.test(value)) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function isValidTimeZone(value: string): boolean {
  return canonicalTimeZone(value) !== null;
}

/** Every zone for a select, sorted, always including `current` so a saved value stays selectable. */
export function listTimeZones(current?: string): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  if (current) zones.add(current);
  return [...zones].sort((a, b) => a.localeCompare(b));
}
