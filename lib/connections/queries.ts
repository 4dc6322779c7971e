import { db } from "@/lib/db";
import { iCloudBlockers } from "@/lib/icloud-state/freshness";
import { readUnreadableEvents, type UnreadableEvent } from "@/lib/icloud-state/unreadable";
import { canBePrimary } from "./calendar-list";

// Views for pages: explicit selects, so a password ciphertext can never reach a component.

export interface CalendarView {
  id: string;
  displayName: string;
  color: string | null;
  readOnly: boolean;
  canBePrimary: boolean;
  isPrimary: boolean;
  checkConflicts: boolean;
  lastRefreshedAt: Date | null;
  lastRefreshAttemptAt: Date | null;
  lastRefreshError: string | null;
  /** Set only by a failed refresh (its backoff); a success or Sync now clears it. */
  nextRefreshAt: Date | null;
  /** Events the reader could not read (titles are for their owner's eyes only). */
  unreadable: UnreadableEvent[];
}

export interface ConnectionView {
  id: string;
  appleId: string;
  status: "ACTIVE" | "NEEDS_REAUTH" | "ERROR";
  lastCheckedAt: Date | null;
  lastSyncedAt: Date | null;
  lastError: string | null;
  calendars: CalendarView[];
  /** The push work's latest lines for this connection, newest first. */
  recentActivity: SyncActivityView[];
}

export interface SyncActivityView {
  id: string;
  createdAt: Date;
  operation: string;
  outcome: string;
  detail: string;
  /**
   * Null when the appointment no longer exists. startsAt is its time when the line was written
   * (its current time only for lines older than that record).
   */
  appointment: { id: string; customerName: string; startsAt: Date } | null;
}

export async function listConnections({ organizationId, userId }: { organizationId: string; userId: string }): Promise<ConnectionView[]> {
  const rows = await db.calendarConnection.findMany({
    where: { organizationId, userId, status: { not: "DISCONNECTED" } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      appleId: true,
      status: true,
      lastCheckedAt: true,
      lastSyncedAt: true,
      lastError: true,
      calendars: {
        where: { missingSince: null },
        orderBy: [{ sortOrder: "asc" }, { displayName: "asc" }],
        select: {
          id: true,
          displayName: true,
          color: true,
          readOnly: true,
          components: true,
          isPrimary: true,
          checkConflicts: true,
          missingSince: true,
          lastRefreshedAt: true,
          lastRefreshAttemptAt: true,
          lastRefreshError: true,
          nextRefreshAt: true,
          unreadableEvents: true,
        },
      },
    },
  });
  const activity = await listSyncActivity({ organizationId, connectionIds: rows.map((r) => r.id) });
  return rows.map(({ calendars, status, ...connection }) => ({
    ...connection,
    status: status as ConnectionView["status"],
    recentActivity: activity.get(connection.id) ?? [],
    calendars: calendars.map(({ components, missingSince, unreadableEvents, ...c }) => ({
      ...c,
      canBePrimary: canBePrimary({ readOnly: c.readOnly, components, missingSince }),
      unreadable: readUnreadableEvents(unreadableEvents),
    })),
  }));
}

/** The last `take` SyncActivity rows of each connection (one indexed query per connection), with the appointment's customer. */
export async function listSyncActivity({
  organizationId,
  connectionIds,
  take = 10,
}: {
  organizationId: string;
  connectionIds: string[];
  take?: number;
}) {
  const perConnection = await Promise.all(
    connectionIds.map((connectionId) =>
      db.syncActivity.findMany({
        where: { organizationId, connectionId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take,
        select: { id: true, appointmentId: true, appointmentStartsAt: true, operation: true, outcome: true, detail: true, createdAt: true },
      }),
    ),
  );
  const appointmentIds = [...new Set(perConnection.flat().flatMap((r) => (r.appointmentId ? [r.appointmentId] : [])))];
  const appointments = await db.appointment.findMany({
    where: { organizationId, id: { in: appointmentIds } },
    select: { id: true, startsAt: true, contact: { select: { name: true } } },
  });
  const byId = new Map(appointments.map((a) => [a.id, { id: a.id, customerName: a.contact.name, startsAt: a.startsAt }]));
  const result = new Map<string, SyncActivityView[]>();
  connectionIds.forEach((connectionId, i) => {
    result.set(
      connectionId,
      perConnection[i]!.map(({ appointmentId, appointmentStartsAt, ...row }) => {
        const appointment = appointmentId ? byId.get(appointmentId) : undefined;
        return { ...row, appointment: appointment ? { ...appointment, startsAt: appointmentStartsAt ?? appointment.startsAt } : null };
      }),
    );
  });
  return result;
}

/** Why, if at all, the user is kept out of iCloud-enabled bookings right now (banner on every staff page). */
export async function iCloudBlockerFor({ organizationId, userId }: { organizationId: string; userId: string }) {
  const member = await db.user.findFirst({ where: { id: userId, organizationId }, select: { id: true } });
  if (!member) return null;
  return (await iCloudBlockers(db, [userId], Date.now())).get(userId) ?? null;
}

/** For the admin team list: who is kept out of iCloud-enabled bookings, and why. */
export async function iCloudBlockersByUser({ organizationId }: { organizationId: string }) {
  const users = await db.user.findMany({ where: { organizationId }, select: { id: true } });
  return iCloudBlockers(
    db,
    users.map((u) => u.id),
    Date.now(),
  );
}

/** Each staff member's live connection statuses, for the admin team list. */
export async function connectionStatusesByUser({ organizationId }: { organizationId: string }) {
  const rows = await db.calendarConnection.findMany({
    where: { organizationId, status: { not: "DISCONNECTED" } },
    select: { userId: true, status: true },
  });
  const byUser = new Map<string, ConnectionView["status"][]>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.status as ConnectionView["status"]]);
  return byUser;
}

/** Recent audit events about one staff member, with the actor's name and a one-line summary. */
export async function listAuditEvents({
  organizationId,
  subjectUserId,
  take = 20,
}: {
  organizationId: string;
  subjectUserId: string;
  take?: number;
}) {
  const events = await db.auditEvent.findMany({
    where: { organizationId, subjectUserId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, action: true, details: true, createdAt: true, actorId: true },
  });
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is string => Boolean(id)))];
  const actors = await db.user.findMany({ where: { organizationId, id: { in: actorIds } }, select: { id: true, name: true } });
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return events.map((e) => ({
    id: e.id,
    action: e.action,
    createdAt: e.createdAt,
    actorName: e.actorId ? (names.get(e.actorId) ?? "a former user") : "the system",
    summary: summarise(e.details),
  }));
}

function summarise(details: unknown): string {
  if (!details || typeof details !== "object") return "";
  const d = details as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.appleId === "string") parts.push(d.appleId);
  if ("primary" in d) parts.push(`primary: ${typeof d.primary === "string" ? d.primary : "none"}`);
  if (Array.isArray(d.conflicts)) parts.push(`conflicts: ${d.conflicts.join(", ") || "none"}`);
  if (typeof d.removeEvents === "boolean") parts.push(d.removeEvents ? "remove CRM events" : "keep CRM events");
  if (typeof d.reason === "string") parts.push(d.reason);
  if (d.syncDirection === "ONE_WAY" || d.syncDirection === "TWO_WAY") {
    parts.push(
      d.syncDirection === "TWO_WAY" ? `two-way; deleting in iCloud ${d.onICloudDelete === "CANCEL" ? "cancels" : "restores"}` : "one-way",
    );
  }
  if (typeof d.copyBlockedTimeToICloud === "boolean")
    parts.push(d.copyBlockedTimeToICloud ? "blocked time copied to iCloud" : "blocked time not copied");
  return parts.join(" · ");
}

export interface DisconnectInProgressView {
  id: string;
  appleId: string;
  disconnectedAt: Date;
  /** "removing": the CRM's events are still being deleted from iCloud (the password is kept until then). */
  state: "removing" | "failed";
  /** Why the removal failed, for "failed". */
  reason: string | null;
}

/** Connections disconnected in the last `withinMs` whose "remove the CRM's events" is still running or did not fully succeed. */
export async function listDisconnectsInProgress({
  organizationId,
  userId,
  withinMs = 7 * 86_400_000,
}: {
  organizationId: string;
  userId: string;
  withinMs?: number;
}): Promise<DisconnectInProgressView[]> {
  const rows = await db.calendarConnection.findMany({
    where: {
      organizationId,
      userId,
      status: "DISCONNECTED",
      removeEventsOnDisconnect: true,
      disconnectedAt: { gte: new Date(Date.now() - withinMs) },
      OR: [{ passwordKeyId: { not: null } }, { lastError: { not: null } }],
    },
    orderBy: { disconnectedAt: "desc" },
    // passwordKeyId names the key, not the secret; only whether it is set leaves this function.
    select: { id: true, appleId: true, disconnectedAt: true, passwordKeyId: true, lastError: true },
  });
  return rows.map((r) => ({
    id: r.id,
    appleId: r.appleId,
    disconnectedAt: r.disconnectedAt!,
    state: r.passwordKeyId ? "removing" : "failed",
    reason: r.passwordKeyId ? null : r.lastError,
  }));
}
