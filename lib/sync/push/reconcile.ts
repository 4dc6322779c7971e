import { ICLOUD_CALENDAR } from "@/lib/booking/calendar-rules";
import type { RemoteObject } from "@/lib/caldav/reader";
import { isCalDavError } from "@/lib/caldav/errors";
import { calDavSettings, type CalDavSettings } from "@/lib/connections/config";
import { openReader, withReauthOn401 } from "@/lib/connections/caldav-client";
import { db } from "@/lib/db";
import { pushEventUid } from "@/lib/ical/push-event";
import { enqueueAppointmentPush } from "@/lib/jobs/push";
import { refreshWindow } from "@/lib/sync/refresh/window";

const DAY_MS = 86_400_000;
const CRM_SUFFIX = "@crm-calendar";

export interface MemberReconcile {
  userId: string;
  name: string;
  connectionId: string;
  /** The end of the checked period (it starts now). */
  until: Date;
  /** The member's CRM events in the primary calendar (distinct UIDs). */
  found: number;
  expected: number;
  missing: number;
  /** Present but not expected: cancelled, reassigned, or moved out of the period in iCloud. */
  unexpected: number;
  /** One UID at several hrefs: reported only, a person should look. */
  duplicates: { uid: string; copies: number }[];
  /** CRM-looking events this check can't act on: another member's UID, or an unknown appointment. */
  unknown: number;
  enqueued: number;
}

export interface ReconcileProblem {
  userId: string;
  name: string;
  connectionId: string;
  reason: string;
}

export interface ReconcileReport {
  members: MemberReconcile[];
  skipped: ReconcileProblem[];
  failed: ReconcileProblem[];
}

type Connection = Awaited<ReturnType<typeof loadConnections>>[number];

function loadConnections(organizationId?: string) {
  const primary = { isPrimary: true, missingSince: null };
  return db.calendarConnection.findMany({
    where: { status: { not: "DISCONNECTED" }, calendars: { some: primary }, ...(organizationId ? { organizationId } : {}) },
    orderBy: [{ organizationId: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      organizationId: true,
      userId: true,
      status: true,
      appleId: true,
      passwordKeyId: true,
      passwordCiphertext: true,
      user: { select: { name: true } },
      calendars: { where: primary, select: { id: true, url: true } },
    },
  });
}

/**
 * Compares, for every connection with a primary calendar, the CRM's expectation (its future
 * confirmed appointments on iCloud-enabled calendars) with the CRM events really in that
 * calendar, and enqueues the push for each difference: the push makes iCloud match the CRM.
 * Never changes an appointment; a connection that can't be read is reported, never read as empty.
 */
export async function reconcileAll(
  options: { settings?: CalDavSettings; now?: number; days?: number; organizationId?: string } = {},
): Promise<ReconcileReport> {
  const now = options.now ?? Date.now();
  const settings = options.settings ?? calDavSettings();
  const report: ReconcileReport = { members: [], skipped: [], failed: [] };
  for (const connection of await loadConnections(options.organizationId)) {
    const who = { userId: connection.userId, name: connection.user.name, connectionId: connection.id };
    if (connection.status !== "ACTIVE") {
      report.skipped.push({
        ...who,
        reason:
          connection.status === "NEEDS_REAUTH"
            ? "waiting for reconnect (needs a new app-specific password)"
            : "the connection has an error",
      });
      continue;
    }
    try {
      report.members.push(await withReauthOn401(connection.id, () => reconcileConnection(connection, settings, now, options.days ?? 180)));
    } catch (error) {
      if (isCalDavError(error) && error.kind === "AUTH") {
        report.skipped.push({ ...who, reason: "iCloud rejected the stored password; marked as waiting for reconnect" });
      } else {
        report.failed.push({ ...who, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return report;
}

async function reconcileConnection(connection: Connection, settings: CalDavSettings, now: number, days: number): Promise<MemberReconcile> {
  const { organizationId, userId } = connection;
  const calendar = connection.calendars[0]!;
  const end = Math.max(now + days * DAY_MS, (await refreshWindow(db, userId, now)).end);
  const holds = await db.staffHold.findMany({
    where: {
      organizationId,
      userId,
      active: true,
      startsAt: { lt: new Date(end) },
      endsAt: { gt: new Date(now) },
      appointment: { is: { status: "CONFIRMED", bookingCalendar: ICLOUD_CALENDAR } },
    },
    select: { appointmentId: true },
  });
  const expected = new Map(holds.map((h) => [pushEventUid(h.appointmentId!, userId), h.appointmentId!]));

  const reader = openReader(connection, settings);
  const present = new Map<string, { appointmentId: string; copies: RemoteObject[] }>();
  let unknown = 0;
  for (const object of await reader.queryRange(calendar.url, { start: now, end })) {
    for (const uid of crmUids(object.ics)) {
      const appointmentId = appointmentIdOf(uid, userId);
      if (!appointmentId) unknown++;
      else present.set(uid, { appointmentId, copies: [...(present.get(uid)?.copies ?? []), object] });
    }
  }

  const missing = [...expected].filter(([uid]) => !present.has(uid)).map(([, appointmentId]) => appointmentId);
  const notExpected = [...present].filter(([uid]) => !expected.has(uid)).map(([uid, p]) => ({ uid, ...p }));
  const known = new Set(
    (
      await db.appointment.findMany({
        where: { organizationId, id: { in: notExpected.map((p) => p.appointmentId) } },
        select: { id: true },
      })
    ).map((a) => a.id),
  );
  const strays = notExpected.filter((p) => known.has(p.appointmentId));
  unknown += notExpected.length - strays.length;

  await db.$transaction(async (tx) => {
    for (const stray of strays) {
      // The push removes only the copy it has on record (RemoteEvent.url). A stray with no such
      // record (its URL was cleared or never stored) is recorded here first, so the push deletes it.
      const copy = { url: stray.copies[0]!.url, etag: stray.copies[0]!.etag, externalCalendarId: calendar.id };
      const key = { appointmentId: stray.appointmentId, userId };
      await tx.remoteEvent.upsert({
        where: { appointmentId_userId: key },
        create: { organizationId, ...key, uid: stray.uid, ...copy },
        update: {},
      });
      await tx.remoteEvent.updateMany({ where: { ...key, url: null }, data: copy });
    }
    for (const appointmentId of [...missing, ...strays.map((s) => s.appointmentId)])
      await enqueueAppointmentPush(tx, appointmentId, [userId]);
  });

  return {
    userId,
    name: connection.user.name,
    connectionId: connection.id,
    until: new Date(end),
    found: present.size,
    expected: expected.size,
    missing: missing.length,
    unexpected: notExpected.length,
    duplicates: [...present].map(([uid, p]) => ({ uid, copies: new Set(p.copies.map((c) => c.url)).size })).filter((d) => d.copies > 1),
    unknown,
    enqueued: missing.length + strays.length,
  };
}

/** The CRM UIDs in one calendar object, once each (overrides repeat the UID). RFC 5545 §3.1 unfolding first. */
export function crmUids(ics: string): string[] {
  const unfolded = ics.replace(/\r?\n[ \t]/g, "");
  const uids = [...unfolded.matchAll(/^UID(?:;[^:\r\n]*)?:(.*?)\r?$/gim)].map((m) => m[1]!.trim());
  return [...new Set(uids.filter((uid) => /^crm-.+@crm-calendar$/i.test(uid)))];
}

/** "crm-<appointmentId>-<userId>@crm-calendar" of this member; ids may contain "-", so it is read from the known user id. */
function appointmentIdOf(uid: string, userId: string): string | null {
  const tail = `-${userId}${CRM_SUFFIX}`;
  if (!uid.startsWith("crm-") || !uid.endsWith(tail)) return null;
  const appointmentId = uid.slice("crm-".length, -tail.length);
  try {
    return pushEventUid(appointmentId, userId) === uid ? appointmentId : null;
  } catch {
    return null; // not an id the CRM writes
  }
}
