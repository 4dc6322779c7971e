import { formatLocalDate, formatLongDate, formatTimeRange, formatWhen } from "@/lib/time-format";
import type { AppointmentPushStates, PushState } from "@/lib/sync/push/status";

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
