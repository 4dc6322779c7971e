import { isCalDavError } from "@/lib/caldav/errors";
import type { CalendarWriter } from "@/lib/caldav/writer";
import { calDavSettings, type CalDavSettings } from "@/lib/connections/config";
import { openWriter, withReauthOn401 } from "@/lib/connections/caldav-client";
import { db } from "@/lib/db";
import { buildPushEvent, pushEventUid, pushResourceName } from "@/lib/ical/push-event";
import { recordActivity, type PushOutcome } from "@/lib/connections/activity";
import { clampRetryAfterMs } from "./backoff";
import { loadPushTarget, type PushTarget } from "./target";

export interface PushResult {
  outcome: PushOutcome;
  /** Set when the job must run again later (Retry-After honoured by the caller). */
  retryAfterMs?: number;
}

export class TransientPushError extends Error {}

/**
 * Makes one staff member's iCloud match one CRM appointment: exactly one event in their current
 * primary calendar while it is active, none otherwise. Idempotent, so a retry or a worker
 * killed halfway can't duplicate: the UID and resource name are deterministic, creates use
 * If-None-Match: *, updates and deletes If-Match. The CRM always wins over changes in iCloud.
 */
export async function pushAppointment(options: { appointmentId: string; userId: string; settings?: CalDavSettings }): Promise<PushResult> {
  const { appointmentId, userId } = options;
  const target = await loadPushTarget(appointmentId, userId);
  if (!target || target.simple) return { outcome: "nothing" };
  return pushSubject({
    target,
    userId,
    subject: { appointmentId },
    uid: pushEventUid(appointmentId, userId),
    ref: appointmentId,
    settings: options.settings,
    // The time this push wrote (a removal reads the appointment's own).
    line: () => ({ appointmentId, ...(target.wanted ? { appointmentStartsAt: new Date(target.wanted.start) } : {}) }),
  });
}

/** What one CRM event in iCloud stands for: exactly one of these. */
export type PushSubjectRef = { appointmentId: string } | { classOccurrenceId: string } | { blockedTimeId: string };

/**
 * The steps every kind of CRM event shares: find or create its RemoteEvent (unique per subject
 * and member), log each outcome on the connection's activity log, and run the push.
 */
export async function pushSubject(options: {
  target: PushTarget;
  userId: string;
  subject: PushSubjectRef;
  uid: string;
  /** Written as X-CRM-APPOINTMENT. */
  ref: string;
  settings?: CalDavSettings;
  /** How the activity log names this event: the appointment it belongs to and/or a detail prefix. */
  line: () => { appointmentId?: string | null; appointmentStartsAt?: Date | null; prefix?: string };
}): Promise<PushResult> {
  const { target, userId, subject, uid } = options;
  const where =
    "appointmentId" in subject
      ? { appointmentId_userId: { appointmentId: subject.appointmentId, userId } }
      : "classOccurrenceId" in subject
        ? { classOccurrenceId_userId: { classOccurrenceId: subject.classOccurrenceId, userId } }
        : { blockedTimeId_userId: { blockedTimeId: subject.blockedTimeId, userId } };
  const remote = await db.remoteEvent.upsert({
    where,
    create: { organizationId: target.organizationId, ...subject, userId, uid },
    update: {},
  });
  const log: Log = (operation, outcome, detail) => {
    const { prefix, appointmentId = null, ...rest } = options.line();
    return recordActivity({
      organizationId: target.organizationId,
      userId,
      connectionId: target.connection?.id ?? null,
      appointmentId,
      operation,
      outcome,
      detail: prefix ? [prefix, detail].filter(Boolean).join(": ") : detail,
      ...rest,
    });
  };
  return runPush({ target, remote, ids: { uid, ref: options.ref }, log, settings: options.settings });
}

/**
 * The part shared by appointments, class occurrences and blocked time: park on a revoked password, pick the
 * writers (the old copy may sit in another Apple ID's calendar), sync, and sort failures into
 * retry-later, retry-now (thrown) and permanent.
 */
export async function runPush(options: {
  target: PushTarget;
  remote: Remote;
  ids: { uid: string; ref: string };
  log: Log;
  settings?: CalDavSettings;
}): Promise<PushResult> {
  const { target, remote, ids, log } = options;
  if (!target.connection || target.connection.status !== "ACTIVE" || !target.calendar) {
    if (target.connection?.status === "NEEDS_REAUTH") {
      // Parked, not failed: reconnecting enqueues this again.
      await db.remoteEvent.update({
        where: { id: remote.id },
        data: { state: "PENDING", lastError: "Waiting for the iCloud connection to be reconnected." },
      });
      await log(target.wanted ? "update" : "delete", "parked", "the connection needs a new app-specific password");
      return { outcome: "parked" };
    }
    if (!remote.url) return { outcome: "nothing" };
  }

  const settings = options.settings ?? calDavSettings();
  const connection = target.connection ?? (await connectionOf(remote.externalCalendarId));
  if (!connection || connection.status !== "ACTIVE") return { outcome: "nothing" };
  const writer = openWriter(connection, settings);
  // The old copy may sit in a calendar of another Apple ID: remove it with that account.
  const previous = remote.externalCalendarId ? await connectionOf(remote.externalCalendarId) : null;
  const oldWriter = previous && previous.id !== connection.id && previous.status === "ACTIVE" ? openWriter(previous, settings) : writer;
  try {
    return await withReauthOn401(connection.id, () => sync({ writer, oldWriter }, target, remote, ids, log));
  } catch (error) {
    if (!isCalDavError(error)) throw error;
    if (error.kind === "AUTH") {
      // withReauthOn401 marked the connection; the work waits for the reconnect.
      await db.remoteEvent.update({
        where: { id: remote.id },
        data: { state: "PENDING", lastError: "Waiting for the iCloud connection to be reconnected." },
      });
      await log(target.wanted ? "update" : "delete", "parked", "iCloud rejected the stored password");
      return { outcome: "parked" };
    }
    await db.remoteEvent.update({
      where: { id: remote.id },
      data: { state: error.transient ? "PENDING" : "FAILED", lastError: error.message },
    });
    await log(target.wanted ? "update" : "delete", error.transient ? "retrying" : "failed", error.message);
    if (error.transient) {
      if (error.details.retryAfterMs !== undefined)
        return { outcome: "retrying", retryAfterMs: clampRetryAfterMs(error.details.retryAfterMs) };
      throw new TransientPushError(error.message);
    }
    return { outcome: "failed" };
  }
}

export type Remote = { id: string; url: string | null; etag: string | null; sequence: number; externalCalendarId: string | null };
export type Log = (operation: "create" | "update" | "delete" | "move", outcome: PushOutcome, detail?: string) => Promise<void>;

async function connectionOf(externalCalendarId: string | null) {
  if (!externalCalendarId) return null;
  const calendar = await db.externalCalendar.findUnique({ where: { id: externalCalendarId }, include: { connection: true } });
  return calendar?.connection ?? null;
}

async function sync(
  writers: { writer: CalendarWriter; oldWriter: CalendarWriter },
  target: PushTarget,
  remote: Remote,
  ids: { uid: string; ref: string },
  log: Log,
): Promise<PushResult> {
  const { uid } = ids;
  const { writer } = writers;
  const wantedUrl = target.wanted && target.calendar ? new URL(pushResourceName(uid), target.calendar.url).href : null;
  // Moved to another primary calendar, or no longer wanted: remove the old copy first.
  if (remote.url && remote.url !== wantedUrl) {
    await deleteObject(writers.oldWriter, remote.url, remote.etag);
    await db.remoteEvent.update({ where: { id: remote.id }, data: { url: null, etag: null, externalCalendarId: null } });
    if (!wantedUrl) {
      await db.remoteEvent.update({ where: { id: remote.id }, data: { state: "SYNCED", lastError: null, lastSyncedAt: new Date() } });
      await log("delete", "deleted");
      return { outcome: "deleted" };
    }
    remote = { ...remote, url: null, etag: null };
  }
  if (!wantedUrl || !target.wanted) return { outcome: "nothing" };

  if (remote.url !== wantedUrl) {
    // Write-ahead: record where the event is about to be created, so that if this worker dies
    // after the PUT, a later run still knows a copy may exist there (and deletes it if the
    // appointment was cancelled meanwhile) instead of leaving an orphan in iCloud.
    await db.remoteEvent.update({
      where: { id: remote.id },
      data: { url: wantedUrl, etag: null, externalCalendarId: target.calendar!.id },
    });
  }
  const sequence = remote.sequence + 1;
  const ics = buildPushEvent({ uid, sequence, ...target.wanted, appointmentRef: ids.ref });
  let outcome: PushOutcome = "synced";
  let result =
    remote.url && remote.etag
      ? await writer.put(wantedUrl, ics, { ifMatch: remote.etag })
      : await writer.put(wantedUrl, ics, { ifNoneMatch: "*" });
  if (result.status === 412) {
    // Exists already (an earlier try created it) or was changed in iCloud: the CRM version wins.
    const current = await writer.get(wantedUrl);
    // An If-Match PUT on a deleted resource answers 412 too (RFC 9110 §13.1.1), not 404.
    outcome = !remote.etag ? "synced" : current.status === 404 ? "recreated" : "restored";
    result =
      current.status === 404
        ? await writer.put(wantedUrl, ics, { ifNoneMatch: "*" })
        : await writer.put(wantedUrl, ics, { ifMatch: current.etag ?? "*" });
  } else if (result.status === 404) {
    // Deleted in iCloud: put it back.
    outcome = "recreated";
    result = await writer.put(wantedUrl, ics, { ifNoneMatch: "*" });
  }
  if (result.status === 412 || result.status === 404) throw new TransientPushError("The event kept changing in iCloud; will try again.");
  const etag = result.etag ?? (await writer.get(wantedUrl)).etag;
  await db.remoteEvent.update({
    where: { id: remote.id },
    data: {
      url: wantedUrl,
      etag,
      sequence,
      state: "SYNCED",
      lastError: null,
      lastSyncedAt: new Date(),
      externalCalendarId: target.calendar!.id,
      ...(outcome === "restored" || outcome === "recreated" ? { observedChangeAt: new Date() } : {}),
    },
  });
  await log(
    remote.url ? "update" : "create",
    outcome,
    outcome === "restored"
      ? "changed in iCloud; the CRM version was restored"
      : outcome === "recreated"
        ? "removed in iCloud; created again"
        : undefined,
  );
  return { outcome };
}

/** DELETE with If-Match; a 404 means it is already gone, a 412 means fetch the new ETag and retry. */
async function deleteObject(writer: CalendarWriter, url: string, etag: string | null): Promise<void> {
  const first = await writer.delete(url, etag ?? undefined);
  if (first.status !== 412) return;
  const current = await writer.get(url);
  if (current.status === 404) return;
  await writer.delete(url, current.etag ?? undefined);
}
