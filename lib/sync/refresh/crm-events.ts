import type { BusyInterval, CrmEventSeen, ParseResult } from "@/lib/ical/busy";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CalendarRef } from "./store";

type Tx = Prisma.TransactionClient;

/**
 * The CRM's own events come back from iCloud too. They never become busy blocks (the CRM
 * already knows those appointments); here we only notice when someone moved or deleted one
 * in iCloud, and record it on its RemoteEvent for the push work to surface and repair.
 * The CRM appointment itself never changes.
 *
 * Every lookup is scoped to the calendar's own member and organization: UIDs are predictable
 * and anyone can put an event with someone else's UID (and X-CRM-APPOINTMENT) in their own
 * calendar, which must never mark another member's appointment as changed or move where its
 * later updates and deletes go.
 */
export async function noteCrmEventsSeen(tx: Tx, calendar: CalendarRef, seen: CrmEventSeen[]): Promise<void> {
  if (seen.length === 0) return;
  const remote = await tx.remoteEvent.findMany({
    where: { uid: { in: seen.map((s) => s.uid) }, state: "SYNCED", organizationId: calendar.organizationId, userId: calendar.userId },
    select: { id: true, uid: true, appointmentId: true, classOccurrenceId: true },
  });
  for (const event of remote) {
    const observed = seen.find((s) => s.uid === event.uid)!;
    const expected = event.appointmentId
      ? await tx.appointment.findFirst({ where: { id: event.appointmentId, organizationId: calendar.organizationId }, select: { startsAt: true, endsAt: true } })
      : event.classOccurrenceId
        ? await tx.classOccurrence.findFirst({ where: { id: event.classOccurrenceId, organizationId: calendar.organizationId }, select: { startsAt: true, endsAt: true } })
        : null;
    if (!expected) continue;
    const moved = observed.start !== expected.startsAt.getTime() || observed.end !== expected.endsAt.getTime();
    if (moved || observed.cancelled) {
      await tx.remoteEvent.update({
        where: { id: event.id },
        data: { state: observed.cancelled ? "REMOVED_IN_ICLOUD" : "CHANGED_IN_ICLOUD", observedChangeAt: new Date(), externalCalendarId: calendar.id },
      });
    }
  }
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
export async function noteCrmObjectsDeleted(tx: Tx, calendar: CalendarRef, objectUrls: string[]): Promise<void> {
  if (objectUrls.length === 0) return;
  await tx.remoteEvent.updateMany({
    where: { externalCalendarId: calendar.id, userId: calendar.userId, organizationId: calendar.organizationId, url: { in: objectUrls }, state: "SYNCED" },
    data: { state: "REMOVED_IN_ICLOUD", observedChangeAt: new Date() },
  });
}
