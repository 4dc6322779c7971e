import type { Actor } from "@/lib/auth/session";
import { usesICloud } from "@/lib/booking/calendar-rules";
import { getAppointmentForStaff } from "@/lib/booking/staff";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { classPushJobKey, enqueueAppointmentPush, enqueueClassOccurrencePush, pushJobKey } from "@/lib/jobs/push";
export { pushJobKey };

export type PushState =
  "SYNCED" | "PENDING" | "FAILED" | "CHANGED_IN_ICLOUD" | "REMOVED_IN_ICLOUD" | "NO_CONNECTION" | "NO_PRIMARY" | "NEEDS_REAUTH";

export interface MemberPushState {
  userId: string;
  name: string;
  state: PushState;
  /** Plain words for staff: "Synced", "Failed: <reason>", "No iCloud sync"… (see memberLabel). */
  label: string;
  /** Why a member's copy can't be written (no connection, no primary calendar); null otherwise. */
  note: string | null;
  lastError: string | null;
  lastSyncedAt: Date | null;
  /** False for a member no longer assigned whose copy in iCloud is still to be removed. */
  assigned: boolean;
}

/**
 * Where an appointment stands in its members' iCloud calendars. A class seat is one event per
 * class session in the instructor's calendar: `classOccurrenceId` says so, and its one member is
 * the instructor.
 */
export type AppointmentPushStates =
  { syncs: false; label: string } | { syncs: true; members: MemberPushState[]; classOccurrenceId?: string | null };

/** What the list says when no member's calendar takes the appointment (also a member's own label then). */
export const NO_ICLOUD_SYNC = "No iCloud sync";
/** A cancelled appointment whose copies are all removed. */
export const NOT_IN_ICLOUD = "Not in iCloud";

const LABELS: Record<Exclude<PushState, "FAILED">, string> = {
  SYNCED: "Synced",
  PENDING: "Pending",
  CHANGED_IN_ICLOUD: "Changed in iCloud",
  REMOVED_IN_ICLOUD: "Removed in iCloud",
  // Nothing is waiting to be written: the member's iCloud doesn't take CRM appointments.
  NO_CONNECTION: NO_ICLOUD_SYNC,
  NO_PRIMARY: NO_ICLOUD_SYNC,
  NEEDS_REAUTH: "Waiting for reconnect",
};

const NOTES: Partial<Record<PushState, string>> = {
  NO_CONNECTION: "No iCloud calendar connected",
  NO_PRIMARY: "No primary iCloud calendar chosen",
};

/** States a push can't help with until the member fixes their Calendar Settings. */
const NEEDS_MEMBER: Partial<Record<PushState, string>> = {
  NO_CONNECTION: "has no iCloud connection",
  NO_PRIMARY: "has no primary calendar chosen",
  NEEDS_REAUTH: "must reconnect iCloud first",
};

/** Members whose iCloud doesn't take CRM appointments at all: they don't count in "k of n synced". */
export function syncsToICloud(state: PushState): boolean {
  return state !== "NO_CONNECTION" && state !== "NO_PRIMARY";
}

/** One member's label: the appointment page shows it, and the list's summary is made from the same states. */
export function memberLabel(state: PushState, lastError: string | null): string {
  return state === "FAILED" ? `Failed: ${lastError ?? "unknown error"}` : LABELS[state];
}

const WORST_FIRST: { state: PushState; label: string }[] = [
  { state: "FAILED", label: "Failed" },
  { state: "CHANGED_IN_ICLOUD", label: "Changed in iCloud" },
  { state: "REMOVED_IN_ICLOUD", label: "Removed in iCloud" },
  { state: "NEEDS_REAUTH", label: "Waiting for reconnect" },
  { state: "PENDING", label: "Pending" },
];

export type PushSummaryTone = "ok" | "waiting" | "problem" | "none";

/**
 * The one line the appointment list shows, made from exactly the member states the appointment
 * page lists, so the two can't disagree: the worst news first ("Failed", "Pending"…), else
 * "Synced" when every member's copy is, "1 of 3 synced" when the others have no iCloud sync, and
 * "No iCloud sync" when no member's iCloud takes the appointment.
 */
export function summarizePushStates(states: AppointmentPushStates): { label: string; tone: PushSummaryTone } {
  if (!states.syncs) return { label: NO_ICLOUD_SYNC, tone: "none" };
  if (states.members.length === 0) return { label: NOT_IN_ICLOUD, tone: "none" };
  const worst = WORST_FIRST.find((w) => states.members.some((m) => m.state === w.state));
  if (worst) return { label: `iCloud: ${worst.label}`, tone: worst.state === "PENDING" ? "waiting" : "problem" };
  const assigned = states.members.filter((m) => m.assigned);
  const synced = assigned.filter((m) => m.state === "SYNCED").length;
  if (synced === 0) return { label: NO_ICLOUD_SYNC, tone: "none" };
  if (synced === assigned.length) return { label: "iCloud: Synced", tone: "ok" };
  return { label: `iCloud: ${synced} of ${assigned.length} synced`, tone: "ok" };
}

export { classPushJobKey };

type Remote = {
  userId: string;
  state: PushState;
  lastError: string | null;
  lastSyncedAt: Date | null;
  url: string | null;
  externalCalendarId: string | null;
};
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

function memberState(
  row: { userId: string; assigned: boolean; name: string },
  setup: Setup,
  remote: Remote | undefined,
  queued: boolean,
): MemberPushState {
  const found = stateOf(setup, remote, queued);
  // A leaving member's copy is in iCloud but shouldn't be: not "Synced" until it is removed.
  const state = !row.assigned && found.state === "SYNCED" ? "PENDING" : found.state;
  return {
    ...row,
    state,
    label: memberLabel(state, found.lastError),
    note: NOTES[state] ?? null,
    lastError: found.lastError,
    lastSyncedAt: syncsToICloud(state) ? (remote?.lastSyncedAt ?? null) : null,
  };
}

const remoteSelect = {
  appointmentId: true,
  classOccurrenceId: true,
  userId: true,
  state: true,
  lastError: true,
  lastSyncedAt: true,
  url: true,
  externalCalendarId: true,
} as const;

/** Each member's iCloud setup: connected at all, and the primary calendar CRM events go to. */
async function setupsOf(organizationId: string, userIds: string[]): Promise<{ names: Map<string, string>; setups: Map<string, Setup> }> {
  const [users, connections] = await Promise.all([
    db.user.findMany({ where: { organizationId, id: { in: userIds } }, select: { id: true, name: true } }),
    db.calendarConnection.findMany({
      where: { organizationId, userId: { in: userIds }, status: { not: "DISCONNECTED" } },
      select: {
        userId: true,
        status: true,
        lastError: true,
        calendars: { where: { isPrimary: true, missingSince: null }, select: { id: true } },
      },
    }),
  ]);
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
  return { names: new Map(users.map((u) => [u.id, u.name])), setups };
}

/** The push states of many appointments at once (the list page), keyed by appointment id. */
export async function pushStatesForAppointments({
  organizationId,
  appointmentIds,
}: {
  organizationId: string;
  appointmentIds: string[];
}): Promise<Map<string, AppointmentPushStates>> {
  const appointments = await db.appointment.findMany({
    where: { organizationId, id: { in: appointmentIds } },
    select: {
      id: true,
      classOccurrenceId: true,
      classOccurrence: { select: { session: { select: { instructorId: true } } } },
      bookingCalendar: { select: { type: true } },
      holds: { where: { active: true }, select: { userId: true } },
    },
  });
  const ids = appointments.map((a) => a.id);
  const occurrenceIds = [...new Set(appointments.flatMap((a) => (a.classOccurrenceId ? [a.classOccurrenceId] : [])))];
  const [remotes, classRemotes] = await Promise.all([
    db.remoteEvent.findMany({ where: { organizationId, appointmentId: { in: ids } }, select: remoteSelect }),
    occurrenceIds.length
      ? db.remoteEvent.findMany({ where: { organizationId, classOccurrenceId: { in: occurrenceIds } }, select: remoteSelect })
      : [],
  ]);
  const instructorOf = (a: (typeof appointments)[number]) => a.classOccurrence?.session.instructorId ?? null;
  const userIds = [
    ...new Set([
      ...appointments.flatMap((a) => a.holds.map((h) => h.userId)),
      ...appointments.flatMap((a) => (instructorOf(a) ? [instructorOf(a)!] : [])),
      ...remotes.map((r) => r.userId),
    ]),
  ];
  const [{ names, setups }, queued] = await Promise.all([
    setupsOf(organizationId, userIds),
    queuedKeys([
      ...appointments.flatMap((a) => a.holds.map((h) => pushJobKey(a.id, h.userId))),
      ...remotes.map((r) => pushJobKey(r.appointmentId!, r.userId)),
      ...appointments.flatMap((a) =>
        a.classOccurrenceId && instructorOf(a) ? [classPushJobKey(a.classOccurrenceId, instructorOf(a)!)] : [],
      ),
    ]),
  ]);
  const nameOf = (userId: string) => names.get(userId) ?? "Former member";

  const result = new Map<string, AppointmentPushStates>();
  for (const a of appointments) {
    if (!usesICloud(a.bookingCalendar.type)) {
      result.set(a.id, { syncs: false, label: `${NO_ICLOUD_SYNC}: Simple calendar` });
      continue;
    }
    const instructorId = instructorOf(a);
    if (a.classOccurrenceId && instructorId) {
      // Class seats are one event per session in the instructor's calendar, not one per seat.
      const remote = classRemotes.find((r) => r.classOccurrenceId === a.classOccurrenceId && r.userId === instructorId) as
        Remote | undefined;
      const member = memberState(
        { userId: instructorId, assigned: true, name: nameOf(instructorId) },
        setups.get(instructorId)!,
        remote,
        queued.has(classPushJobKey(a.classOccurrenceId, instructorId)),
      );
      result.set(a.id, { syncs: true, members: [member], classOccurrenceId: a.classOccurrenceId });
      continue;
    }
    const mineRemotes = new Map(remotes.filter((r) => r.appointmentId === a.id).map((r) => [r.userId, r as Remote]));
    const assigned = new Set(a.holds.map((h) => h.userId));
    // Reassigned or cancelled: a copy still on record in iCloud (not removed yet, or the removal failed) stays visible.
    const leaving = [...mineRemotes.values()].filter((r) => !assigned.has(r.userId) && r.url !== null);
    const rows = [
      ...[...assigned].map((userId) => ({ userId, assigned: true })),
      ...leaving.map((r) => ({ userId: r.userId, assigned: false })),
    ];
    const members = rows
      .map((row) =>
        memberState(
          { ...row, name: nameOf(row.userId) },
          setups.get(row.userId)!,
          mineRemotes.get(row.userId),
          queued.has(pushJobKey(a.id, row.userId)),
        ),
      )
      .sort((x, y) => Number(y.assigned) - Number(x.assigned) || x.name.localeCompare(y.name));
    result.set(a.id, { syncs: true, members });
  }
  return result;
}

/**
 * The same member states for the staff calendar: one per (appointment or class occurrence,
 * member), keyed "a:<appointmentId>:<userId>" or "c:<classOccurrenceId>:<userId>".
 */
export async function pushStatesForHolds({
  organizationId,
  holds,
}: {
  organizationId: string;
  holds: { userId: string; appointmentId: string | null; classOccurrenceId: string | null }[];
}): Promise<Map<string, MemberPushState>> {
  const appointmentIds = [...new Set(holds.flatMap((h) => (h.appointmentId ? [h.appointmentId] : [])))];
  const occurrenceIds = [...new Set(holds.flatMap((h) => (h.classOccurrenceId ? [h.classOccurrenceId] : [])))];
  const result = new Map<string, MemberPushState>();
  if (appointmentIds.length + occurrenceIds.length === 0) return result;
  const userIds = [...new Set(holds.map((h) => h.userId))];
  const [remotes, { names, setups }, queued] = await Promise.all([
    db.remoteEvent.findMany({
      where: {
        organizationId,
        userId: { in: userIds },
        OR: [{ appointmentId: { in: appointmentIds } }, { classOccurrenceId: { in: occurrenceIds } }],
      },
      select: remoteSelect,
    }),
    setupsOf(organizationId, userIds),
    queuedKeys(
      holds.map((h) => (h.appointmentId ? pushJobKey(h.appointmentId, h.userId) : classPushJobKey(h.classOccurrenceId!, h.userId))),
    ),
  ]);
  const byKey = new Map(
    remotes.map((r) => [r.appointmentId ? `a:${r.appointmentId}:${r.userId}` : `c:${r.classOccurrenceId}:${r.userId}`, r as Remote]),
  );
  for (const hold of holds) {
    const key = hold.appointmentId ? `a:${hold.appointmentId}:${hold.userId}` : `c:${hold.classOccurrenceId}:${hold.userId}`;
    const jobKey = hold.appointmentId ? pushJobKey(hold.appointmentId, hold.userId) : classPushJobKey(hold.classOccurrenceId!, hold.userId);
    const name = names.get(hold.userId) ?? "Former member";
    result.set(
      key,
      memberState({ userId: hold.userId, assigned: true, name }, setups.get(hold.userId)!, byKey.get(key), queued.has(jobKey)),
    );
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
export async function pushStatesFor({
  organizationId,
  appointmentId,
}: {
  organizationId: string;
  appointmentId: string;
}): Promise<AppointmentPushStates> {
  const found = (await pushStatesForAppointments({ organizationId, appointmentIds: [appointmentId] })).get(appointmentId);
  if (!found) throw new AppError("NOT_FOUND", "This appointment does not exist.");
  return found;
}

/**
 * "Retry now" and "Restore to iCloud": both just enqueue the push, which makes iCloud match the
 * CRM (restores a changed event, recreates a deleted one). Staff assigned to the appointment and
 * admins of its organization may ask; another organization's appointment is NOT_FOUND.
 */
export async function requestPush({
  actor,
  appointmentId,
  userId,
}: {
  actor: Actor;
  appointmentId: string;
  userId?: string;
}): Promise<{ enqueued: number }> {
  await getAppointmentForStaff({ actor, appointmentId });
  const states = await pushStatesFor({ organizationId: actor.organizationId, appointmentId });
  if (!states.syncs)
    throw new AppError("CONFLICT", `This appointment isn't synced with iCloud (${states.label.replace(/^No iCloud sync: /, "")}).`);
  const chosen = userId ? states.members.filter((m) => m.userId === userId) : states.members;
  if (userId && chosen.length === 0) throw new AppError("NOT_FOUND", "This staff member has no iCloud copy of this appointment.");
  const blocked = chosen.find((m) => NEEDS_MEMBER[m.state]);
  if (userId && blocked) throw new AppError("CONFLICT", `Nothing can be written yet: ${blocked.name} ${NEEDS_MEMBER[blocked.state]}.`);
  const targets = chosen.filter((m) => !NEEDS_MEMBER[m.state]).map((m) => m.userId);
  if (targets.length > 0) {
    const classOccurrenceId = states.classOccurrenceId;
    await db.$transaction(async (tx) => {
      if (classOccurrenceId) for (const target of targets) await enqueueClassOccurrencePush(tx, classOccurrenceId, target);
      else await enqueueAppointmentPush(tx, appointmentId, targets);
    });
  }
  return { enqueued: targets.length };
}
