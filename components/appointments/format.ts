import type { AppointmentPushStates, PushState } from "@/lib/sync/push/status";

// Appointment times as staff read them: always in the viewer's own zone (User.timeZone), with
// the zone named, since customers and colleagues may be elsewhere.

function format(date: Date, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, ...options }).format(date);
}

/** "Wednesday 3 March 2027" */
export function dayHeading(date: Date, timeZone: string): string {
  return format(date, timeZone, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
}

/** "10:00–10:30" */
export function timeRange(start: Date, end: Date, timeZone: string): string {
  const clock = { hour: "2-digit", minute: "2-digit" } as const;
  return `${format(start, timeZone, clock)}–${format(end, timeZone, clock)}`;
}

/** "Wed 3 Mar 2027, 10:00–10:30 CET" */
export function whenText(start: Date, end: Date, timeZone: string): string {
  const day = format(start, timeZone, { weekday: "short", day: "numeric", month: "short", year: "numeric" });
  const zone = format(start, timeZone, { timeZoneName: "short" }).split(" ").pop();
  return `${day}, ${timeRange(start, end, timeZone)} ${zone}`;
}

/** A local date "YYYY-MM-DD" as "Wednesday 3 March" (the date itself, no zone shift). */
export function localDateLabel(date: string): string {
  return format(new Date(`${date}T12:00:00Z`), "UTC", { weekday: "long", day: "numeric", month: "long" });
}

const WORST_FIRST: PushState[] = ["FAILED", "CHANGED_IN_ICLOUD", "REMOVED_IN_ICLOUD", "NEEDS_REAUTH", "NO_PRIMARY", "NO_CONNECTION", "PENDING", "SYNCED"];
const SHORT: Record<PushState, string> = {
  FAILED: "iCloud: failed",
  CHANGED_IN_ICLOUD: "iCloud: changed there",
  REMOVED_IN_ICLOUD: "iCloud: removed there",
  NEEDS_REAUTH: "iCloud: waiting for reconnect",
  NO_PRIMARY: "iCloud: no primary calendar",
  NO_CONNECTION: "iCloud: not connected",
  PENDING: "iCloud: pending",
  SYNCED: "iCloud: synced",
};

/**
 * One line for the list: the viewer's own copy when they are on the appointment (what they can
 * act on), otherwise the worst of the members' states ("synced" only when all are).
 */
export function pushSummary(states: AppointmentPushStates | undefined, viewerId: string): string {
  if (!states) return "";
  if (!states.syncs) return "No iCloud sync";
  const own = states.members.find((m) => m.userId === viewerId);
  const worst = own?.state ?? WORST_FIRST.find((state) => states.members.some((m) => m.state === state));
  return worst ? SHORT[worst] : "";
}
