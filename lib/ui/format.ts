import { formatDateTimeInZone } from "@/lib/time-format";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export function weekdayName(weekday: number): string {
  return WEEKDAYS[weekday] ?? `Day ${weekday}`;
}

export function minuteOfDay(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** "Thu 3 Dec 2026, 14:00 America/New_York (UTC−05:00)", as every page writes an instant. */
export function formatDateTime(date: Date, timeZone: string): string {
  return formatDateTimeInZone(date, timeZone);
}

export const TYPE_LABELS: Record<string, string> = {
  SIMPLE: "Simple",
  ROUND_ROBIN: "Round robin",
  COLLECTIVE: "Collective",
  CLASS: "Class",
  SERVICE: "Service",
};
