// ISO 8601 with the offset of a given zone ("2026-11-26T09:00:00-05:00"): what the public API
// returns, so clients see the wall time they asked for and the exact instant at once.
import { BoundedCache } from "@/lib/bounded-cache";

/** Bounded: zones come from clients (canonicalised first, but fixed offsets have many spellings). */
const formatters = new BoundedCache<string, Intl.DateTimeFormat>(128);

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      timeZoneName: "longOffset",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function toZonedIso(instant: number, timeZone: string): string {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  // "GMT-05:00", "GMT+05:45", or plain "GMT" for UTC.
  const offset = parts.timeZoneName === "GMT" ? "+00:00" : parts.timeZoneName!.replace("GMT", "");
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}
