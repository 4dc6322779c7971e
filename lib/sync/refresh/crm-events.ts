import type { Tx } from "@/lib/db";
import type { BusyInterval, CrmEventSeen, ParseResult } from "@/lib/ical/busy";
import { blockedTimePushJobKey, classPushJobKey, pushJobKey } from "@/lib/jobs/push";
import type { CalendarRef } from "./store";

/** A CRM event as read back, with the ETag of the iCloud object it came in. */
export type CrmEventRead = CrmEventSeen & { etag: string | null };

/**
 * A change someone made in iCloud to one of the member's CRM events: moved (start or end) or
 * deleted (gone, or STATUS:CANCELLED). What it leads to is decided after the refresh has stored
 * its blocks (lib/sync/two-way/apply.ts): with one-way sync it is only shown ("Changed in
 * iCloud"); with two-way sync a move becomes a staff reschedule when valid, else it is undone.
 */
export interface ICloudEdit {
  kind: "moved" | "deleted";
  remoteEventId: string;
  organizationId: string;
  userId: string;
  externalCalendarId: string;
  appointmentId: string | null;
  classOccurrenceId: string | null;
  blockedTimeId: string | null;
  /** The new times (moved only). */
  observed: { start: number; end: number } | null;
  /** The iCloud version that was read: recorded when the CRM accepts the move. */
  etag: string | null;
  /** The CRM changed the appointment since its last push: the CRM's change wins. */
  crmChangedMeanwhile: boolean;
  /** When the CRM last wrote the event (its push jobs added after that are still on their way). */
  lastSyncedAt: Date | null;
}

/** ETags compare without their quotes and weak marker (servers differ in how they echo them). */
export function sameEtag(a: string | null | undefined, b: string | null | undefined): boolean {
  const bare = (etag: string) => etag.trim().replace(/^W\//, "").replace(/^"|"$/g, "");
  return !!a && !!b && bare(a) === bare(b);
}

/**
 * The CRM's own events come back from iCloud too. They never become busy blocks (the CRM
 * already knows those appointments); here we notice when someone moved or deleted one in
 * iCloud, mark its RemoteEvent, and return the edits for the sync direction to decide on.
 *
 * Never a loop: an object whose ETag is the one the CRM's last write got back is the CRM's own
 * version, whatever its times (a newer CRM change may still be on its way), so only versions
 * written by someone else count as edits. Title, notes and attendees edited in iCloud are not
 * edits: the CRM owns them and its next write replaces them.
 *
 * Every lookup is scoped to the calendar's own member and organization: UIDs are predictable
 * and anyone can put an event with someone else's UID (and X-CRM-APPOINTMENT) in their own
 * calendar, which must never mark another member's appointment as changed or move where its
 * later updates and deletes go.
 */
export async function noteCrmEventsSeen(tx: Tx, calendar: CalendarRef, seen: CrmEventRead[]): Promise<ICloudEdit[]> {
  if (seen.length === 0) return [];
  const remote = await tx.remoteEvent.findMany({
    where: { uid: { in: seen.map((s) => s.uid) }, state: "SYNCED", organizationId: calendar.organizationId, userId: calendar.userId },
    select: { id: true, uid: true, appointmentId: true, classOccurrenceId: true, blockedTimeId: true, etag: true, lastSyncedAt: true },
  });
  const edits: ICloudEdit[] = [];
  for (const event of remote) {
    const observed = seen.find((s) => s.uid === event.uid)!;
    if (sameEtag(observed.etag, event.etag)) continue;
    const expected = event.appointmentId
      ? await tx.appointment.findFirst({
          where: { id: event.appointmentId, organizationId: calendar.organizationId },
          select: { startsAt: true, endsAt: true },
        })
      : event.classOccurrenceId
        ? await tx.classOccurrence.findFirst({
            where: { id: event.classOccurrenceId, organizationId: calendar.organizationId },
            select: { startsAt: true, endsAt: true },
          })
        : event.blockedTimeId
          ? await tx.blockedTime.findFirst({
              where: { id: event.blockedTimeId, organizationId: calendar.organizationId, deletedAt: null },
              select: { startsAt: true, endsAt: true },
            })
          : null;
    if (!expected) continue;
    const moved = observed.start !== expected.startsAt.getTime() || observed.end !== expected.endsAt.getTime();
    if (!moved && !observed.cancelled) continue;
    await tx.remoteEvent.update({
      where: { id: event.id },
      data: {
        state: observed.cancelled ? "REMOVED_IN_ICLOUD" : "CHANGED_IN_ICLOUD",
        observedChangeAt: new Date(),
        externalCalendarId: calendar.id,
      },
    });
    edits.push({
      kind: observed.cancelled ? "deleted" : "moved",
      remoteEventId: event.id,
      organizationId: calendar.organizationId,
      userId: calendar.userId,
      externalCalendarId: calendar.id,
      appointmentId: event.appointmentId,
      classOccurrenceId: event.classOccurrenceId,
      blockedTimeId: event.blockedTimeId,
      observed: observed.cancelled ? null : { start: observed.start, end: observed.end },
      etag: observed.etag,
      crmChangedMeanwhile: false,
      lastSyncedAt: event.lastSyncedAt,
    });
  }
  return withPendingPushes(tx, edits);
}

/**
 * Which of these CRM-looking UIDs are this member's own events (pushed by the CRM to this
 * member, in any state). The others are look-alikes, such as an invitation or a copy carrying
 * a CRM UID, and are busy time like any other event.
 */
export async function ownCrmEventUids(tx: Tx, calendar: CalendarRef, uids: string[]): Promise<Set<string>> {
  if (uids.length === 0) return new Set();
  const own = await tx.remoteEvent.findMany({
    where: { uid: { in: [...new Set(uids)] }, organizationId: calendar.organizationId, userId: calendar.userId },
    select: { uid: true },
  });
  return new Set(own.map((e) => e.uid));
}

/** An object's busy intervals plus those of CRM-looking events that are not the member's own. */
export function withLookAlikes(result: Pick<ParseResult, "intervals" | "crmIntervals">, ownUids: ReadonlySet<string>): BusyInterval[] {
  const lookAlikes = result.crmIntervals.filter((i) => !ownUids.has(i.uid));
  if (lookAlikes.length === 0) return result.intervals;
  return [...result.intervals, ...lookAlikes].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** CRM events whose objects are gone from the calendar were deleted in iCloud. */
export async function noteCrmObjectsDeleted(tx: Tx, calendar: CalendarRef, objectUrls: string[]): Promise<ICloudEdit[]> {
  if (objectUrls.length === 0) return [];
  const gone = await tx.remoteEvent.findMany({
    where: {
      externalCalendarId: calendar.id,
      userId: calendar.userId,
      organizationId: calendar.organizationId,
      url: { in: objectUrls },
      state: "SYNCED",
    },
    select: { id: true, appointmentId: true, classOccurrenceId: true, blockedTimeId: true, lastSyncedAt: true },
  });
  if (gone.length === 0) return [];
  await tx.remoteEvent.updateMany({
    where: { id: { in: gone.map((g) => g.id) } },
    data: { state: "REMOVED_IN_ICLOUD", observedChangeAt: new Date() },
  });
  const edits = gone.map((g) => {
    return {
      kind: "deleted" as const,
      remoteEventId: g.id,
      organizationId: calendar.organizationId,
      userId: calendar.userId,
      externalCalendarId: calendar.id,
      appointmentId: g.appointmentId,
      classOccurrenceId: g.classOccurrenceId,
      blockedTimeId: g.blockedTimeId,
      observed: null,
      etag: null,
      crmChangedMeanwhile: false,
      lastSyncedAt: g.lastSyncedAt,
    };
  });
  return withPendingPushes(tx, edits);
}

/**
 * Marks the edits whose CRM event has a push on its way, added (or retried) after the CRM's last
 * write to iCloud: the CRM changed it too, both sides changed at once, and the CRM's change wins
 * (recorded). A job older than that write is already reflected in iCloud.
 */
async function withPendingPushes(tx: Tx, edits: ICloudEdit[]): Promise<ICloudEdit[]> {
  if (edits.length === 0) return edits;
  const keyOf = (e: ICloudEdit) =>
    e.appointmentId
      ? pushJobKey(e.appointmentId, e.userId)
      : e.classOccurrenceId
        ? classPushJobKey(e.classOccurrenceId, e.userId)
        : e.blockedTimeId
          ? blockedTimePushJobKey(e.blockedTimeId, e.userId)
          : "";
  const rows = await tx.$queryRaw<{ key: string; updatedAt: Date }[]>`
    SELECT key, updated_at AS "updatedAt" FROM graphile_worker.jobs WHERE key = ANY(${edits.map(keyOf)}::text[])`;
  const changedAt = new Map(rows.map((r) => [r.key, r.updatedAt]));
  return edits.map((e) => {
    const queued = changedAt.get(keyOf(e));
    return { ...e, crmChangedMeanwhile: !!queued && (!e.lastSyncedAt || queued > e.lastSyncedAt) };
  });
}

/**
 * The member's synced CRM events in this calendar that a full read of the window did not return:
 * deleted in iCloud. Only events wholly inside the part of the window still ahead count (the
 * query returns nothing outside it, so absence there means nothing).
 */
export async function missingCrmObjects(
  tx: Tx,
  calendar: CalendarRef,
  returnedUrls: string[],
  window: { start: number; end: number },
): Promise<string[]> {
  const candidates = await tx.remoteEvent.findMany({
    where: {
      externalCalendarId: calendar.id,
      userId: calendar.userId,
      organizationId: calendar.organizationId,
      state: "SYNCED",
      url: { not: null, notIn: returnedUrls },
    },
    select: { url: true, appointmentId: true, classOccurrenceId: true, blockedTimeId: true },
  });
  if (candidates.length === 0) return [];
  const inside = { startsAt: { gte: new Date(window.start) }, endsAt: { lte: new Date(window.end) } };
  const idsOf = (key: "appointmentId" | "classOccurrenceId" | "blockedTimeId") => candidates.flatMap((c) => (c[key] ? [c[key]] : []));
  const [appointments, occurrences, blocks] = await Promise.all([
    tx.appointment.findMany({ where: { id: { in: idsOf("appointmentId") }, ...inside }, select: { id: true } }),
    tx.classOccurrence.findMany({ where: { id: { in: idsOf("classOccurrenceId") }, ...inside }, select: { id: true } }),
    tx.blockedTime.findMany({ where: { id: { in: idsOf("blockedTimeId") }, deletedAt: null, ...inside }, select: { id: true } }),
  ]);
  const ids = new Set([...appointments, ...occurrences, ...blocks].map((r) => r.id));
  return candidates.filter((c) => ids.has(c.appointmentId ?? c.classOccurrenceId ?? c.blockedTimeId ?? "")).map((c) => c.url!);
}
