import { zonedTimeToInstant } from "@/lib/availability";
import { wallTimeIn } from "@/lib/time-zones";

// A class is entered as a local date and time in the calendar's zone and stored as an instant.

/** The instant of a local date + "HH:MM" in a zone (a time skipped by a DST change moves forward). */
export function localToInstant(date: string, time: string, timeZone: string): Date {
  const [hours, minutes] = time.split(":").map(Number);
  return new Date(zonedTimeToInstant(date, hours! * 60 + minutes!, timeZone));
}

/** The local date and "HH:MM" of an instant in a zone, for editing it again. */
export function instantToLocal(instant: Date, timeZone: string): { date: string; time: string } {
  const w = wallTimeIn(instant.getTime(), timeZone);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return { date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}
