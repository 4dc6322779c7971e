import type { Actor } from "@/lib/auth/session";
import { usesICloud } from "@/lib/booking/calendar-rules";
import { getAppointmentForStaff } from "@/lib/booking/staff";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueueAppointmentPush } from "@/lib/sync/enqueue-push";

export type PushState = "SYNCED" | "PENDING" | "FAILED" | "CHANGED_IN_ICLOUD" | "REMOVED_IN_ICLOUD" | "NO_CONNECTION" | "NO_PRIMARY" | "NEEDS_REAUTH";

export interface MemberPushState {
  userId: string;
  name: string;
  state: PushState;
  /** Plain words for staff: "Synced", "Failed: <reason>", "Waiting for reconnect"… */
  label: string;
  lastError: string | null;
  lastSyncedAt: Date | null;
  /** False for a member no longer assigned whose copy in iCloud is still to be removed. */
  assigned: boolean;
}

export type AppointmentPushStates = { syncs: false; label: string } | { syncs: true; members: MemberPushState[] };

const LABELS: Record<Exclude<PushState, "FAILED">, string> = {
  SYNCED: "Synced",
  PENDING: "Pending",
  CHANGED_IN_ICLOUD: "Changed in iCloud",
  REMOVED_IN_ICLOUD: "Removed in iCloud",
  NO_CONNECTION: "No iCloud connection",
  NO_PRIMARY: "No primary calendar chosen",
  NEEDS_REAUTH: "Waiting for reconnect",
};

/** States a push can't help with until the member fixes their Calendar Settings. */
const NEEDS_MEMBER: Partial<Record<PushState, string>> = {
  NO_CONNECTION: "has no iCloud connection",
  NO_PRIMARY: "has no primary calendar chosen",
  NEEDS_REAUTH: "must reconnect iCloud first",
};

export const pushJobKey = (appointmentId: string, userId: string) => `push_appointment:${appointmentId}:${userId}`;

type Remote = { userId: string; state: PushState; lastError: string | null; lastSyncedAt: Date | null; url: string | null; externalCalendarId: string | null };
type Setup = { connected: boolean; primaryId: string | null; primaryStatus: string | null; connectionError: string | null };

/**
 * Where one member's copy stands, worst news first: the member's own setup (nothing can be
 * written without it), then a push still queued (a retry or restore was asked for), then
 * what the last push or read-back recorded on the RemoteEvent.
 */
function stateOf(setup: Setup, remote: Remote | undefined, queued: boolean): { state: PushState; lastError: string | null } {
  const error = remote?.lastError ?? null;
  if (setup.primaryStatus === "NEEDS_REAUTH") return { state: "NEEDS_REAUTH", lastError: error };
  if (setup.primaryStatus === "ERROR") return { state: "FAILED", lastError: setup.connectionError ?? "the iCloud connection has an error" };
  if (!setup.connected) return { state: "NO_CONNECTION", lastError: null };
  if (!setup.primaryId) return { state: "NO_PRIMARY", lastError: null };
  if (queued || !remote) return { state: "PENDING", lastError: error };
  // Recorded as synced, but into another calendar than the current primary: the move is due.
  if (remote.state === "SYNCED" && remote.externalCalendarId !== setup.primaryId) return { state: "PENDING", lastError: error };
  return { state: remote.state, lastError: remote.state === "SYNCED" ? null : error };
}

function labelOf(state: PushState, lastError: string | null): string {
  return state === "FAILED" ? `Failed: ${lastError ?? "unknown error"}` : LABELS[state];
}

/** The push states of many appointments at once (the list page), keyed by appointment id. */
export async function pushStatesForAppointments({ organizationId, appointmentIds }: { organizationId: string; appointmentIds: string[] }): Promise<Map<string, AppointmentPushStates>> {
  const appointments = await db.appointment.findMany({
    where: { organizationId, id: { in: appointmentIds } },
    select: {
      id: true,
      classOccurrenceId: true,
      bookingCalendar: { select: { type: true } },
      holds: { where: { active: true }, select: { userId: true } },
    },
  });
  const ids = appointments.map((a) => a.id);
  const remotes = await db.remoteEvent.findMany({
    where: { organizationId, appointmentId: { in: ids } },
    select: { appointmentId: true, userId: true, state: true, lastError: true, lastSyncedAt: true, url: true, externalCalendarId: true },
  });
  const classRemotes = await db.remoteEvent.findMany({
    where: { organizationId, classOccurrenceId: { in: appointments.map((a) => a.classOccurrenceId).filter((id): id is string => Boolean(id)) } },
    select: { classOccurrenceId: true, state: true, lastError: true },
  });
  const userIds = [...new Set([...appointments.flatMap((a) => a.holds.map((h) => h.userId)), ...remotes.map((r) => r.userId)])];
  const [users, connections, queued] = await Promise.all([
    db.user.findMany({ where: { organizationId, id: { in: userIds } }, select: { id: true, name: true } }),
    db.calendarConnection.findMany({
      where: { organizationId, userId: { in: userIds }, status: { not: "DISCONNECTED" } },
      select: { userId: true, status: true, lastError: true, calendars: { where: { isPrimary: true, missingSince: null }, select: { id: true } } },
    }),
    queuedKeys([
      ...appointments.flatMap((a) => a.holds.map((h) => pushJobKey(a.id, h.userId))),
      ...remotes.map((r) => pushJobKey(r.appointmentId!, r.userId)),
    ]),
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const setups = new Map<string, Setup>();
  for (const userId of userIds) {
    const mine = connections.filter((c) => c.userId === userId);
    const primary = mine.find((c) => c.calendars.length > 0);
    setups.set(userId, {
      connected: mine.length > 0,
      primaryId: primary?.calendars[0]?.id ?? null,
      primaryStatus: primary?.status ?? null,
      connectionError: primary?.lastError ?? null,
    });
  }

  const result = new Map<string, AppointmentPushStates>();
  for (const a of appointments) {
    if (!usesICloud(a.bookingCalendar.type)) {
      result.set(a.id, { syncs: false, label: "Not synced: Simple calendar" });
      continue;
    }
    if (a.classOccurrenceId) {
      // Class seats are one event per occurrence in the instructor's calendar, not one per seat.
      const session = classRemotes.find((r) => r.classOccurrenceId === a.classOccurrenceId);
      result.set(a.id, {
        syncs: false,
        label: session ? `Class session in the instructor's iCloud: ${labelOf(session.state as PushState, session.lastError)}` : "Class session not in iCloud yet",
      });
      continue;
    }
    const mineRemotes = new Map(remotes.filter((r) => r.appointmentId === a.id).map((r) => [r.userId, r as Remote]));
    const assigned = new Set(a.holds.map((h) => h.userId));
    // Reassigned or cancelled: a copy still on record in iCloud (not removed yet, or the removal failed) stays visible.
    const leaving = [...mineRemotes.values()].filter((r) => !assigned.has(r.userId) && r.url !== null);
    const rows = [...[...assigned].map((userId) => ({ userId, assigned: true })), ...leaving.map((r) => ({ userId: r.userId, assigned: false }))];
    const members = rows
      .map((row): MemberPushState => {
        const remote = mineRemotes.get(row.userId);
        const found = stateOf(setups.get(row.userId)!, remote, queued.has(pushJobKey(a.id, row.userId)));
        // A leaving member's copy is in iCloud but shouldn't be: not "Synced" until it is removed.
        const state = !row.assigned && found.state === "SYNCED" ? "PENDING" : found.state;
        const name = names.get(row.userId) ?? "Former member";
        return { ...row, name, state, label: labelOf(state, found.lastError), lastError: found.lastError, lastSyncedAt: remote?.lastSyncedAt ?? null };
      })
      .sort((x, y) => Number(y.assigned) - Number(x.assigned) || x.name.localeCompare(y.name));
    result.set(a.id, { syncs: true, members });
  }
  return result;
}

/** Which of these push jobs are still waiting (or running) in graphile-worker's queue. */
async function queuedKeys(keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker.jobs WHERE key = ANY(${[...new Set(keys)]}::text[])`;
  return new Set(rows.map((r) => r.key));
}

/** Each assigned member's iCloud copy of one appointment (the caller has checked access). */
export async function pushStatesFor({ organizationId, appointmentId }: { organizationId: string; appointmentId: string }): Promise<AppointmentPushStates> {
  const found = (await pushStatesForAppointments({ organizationId, appointmentIds: [appointmentId] })).get(appointmentId);
  if (!found) throw new AppError("NOT_FOUND", "This appointment does not exist.");
  return found;
}

/**
 * "Retry now" and "Restore to iCloud": both just enqueue the push, which makes iCloud match the
 * CRM (restores a changed event, recreates a deleted one). Staff assigned to the appointment and
 * admins of its organization may ask; another organization's appointment is NOT_FOUND.
 */
export async function requestPush({ actor, appointmentId, userId }: { actor: Actor; appointmentId: string; userId?: string }): Promise<{ enqueued: number }> {
  await getAppointmentForStaff({ actor, appointmentId });
  const states = await pushStatesFor({ organizationId: actor.organizationId, appointmentId });
  if (!states.syncs) throw new AppError("CONFLICT", `This appointment isn't synced with iCloud (${states.label.replace(/^Not synced: /, "")}).`);
  const chosen = userId ? states.members.filter((m) => m.userId === userId) : states.members;
  if (userId && chosen.length === 0) throw new AppError("NOT_FOUND", "This staff member has no iCloud copy of this appointment.");
  const blocked = chosen.find((m) => NEEDS_MEMBER[m.state]);
  if (userId && blocked) throw new AppError("CONFLICT", `Nothing can be written yet: ${blocked.name} ${NEEDS_MEMBER[blocked.state]}.`);
  const targets = chosen.filter((m) => !NEEDS_MEMBER[m.state]).map((m) => m.userId);
  if (targets.length > 0) await db.$transaction((tx) => enqueueAppointmentPush(tx, appointmentId, targets));
  return { enqueued: targets.length };
}
