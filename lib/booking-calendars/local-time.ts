import { zonedTimeToInstant } from "@/lib/availability";

// A class is entered as a local date and time in the calendar's zone and stored as an instant.

/** The instant of a local date + "HH:MM" in a zone (a time skipped by a DST change moves forward). */
export function localToInstant(date: string, time: string, timeZone: string): Date {
  const [hours, minutes] = time.split(":").map(Number);
  return new Date(zonedTimeToInstant(date, hours! * 60 + minutes!, timeZone));
}

/** The local date and "HH:MM" of an instant in a zone, for editing it again. */
export function instantToLocal(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "00";
  return { date: `${part("year")}-${part("month")}-${part("day")}`, time: `${part("hour")}:${part("minute")}` };
}
