import { formatLocalDate, formatLongDate, formatTimeRange, formatWhen } from "@/lib/time-format";

// Appointment times as staff read them: always in the viewer's own zone (User.timeZone), with
// the zone named, since customers and colleagues may be elsewhere.

/** "Wednesday 3 March 2027" */
export function dayHeading(date: Date, timeZone: string): string {
  return formatLongDate(date, timeZone);
}

/** "10:00–10:30" */
export function timeRange(start: Date, end: Date, timeZone: string): string {
  return formatTimeRange(start, end, timeZone);
}

/** "Wed 3 Mar 2027, 10:00–10:30 Europe/Berlin (UTC+01:00)" */
export function whenText(start: Date, end: Date, timeZone: string): string {
  return formatWhen(start, end, timeZone);
}

/** A local date "YYYY-MM-DD" as "Wednesday 3 March 2027" (the date itself, no zone shift). */
export function localDateLabel(date: string): string {
  return formatLocalDate(date, "long");
}
