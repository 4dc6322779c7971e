import type { CrmEventSeen } from "@/lib/ical/busy";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/**
 * The CRM's own events come back from iCloud too. They never become busy blocks (the CRM
 * already knows those appointments); here we only notice when someone moved or deleted one
 * in iCloud, and record it on its RemoteEvent for the push work to surface and repair.
 * The CRM appointment itself never changes.
 */
export async function noteCrmEventsSeen(tx: Tx, calendarId: string, seen: CrmEventSeen[]): Promise<void> {
  if (seen.length === 0) return;
  const remote = await tx.remoteEvent.findMany({
    where: { uid: { in: seen.map((s) => s.uid) }, state: "SYNCED" },
    select: { id: true, uid: true, appointmentId: true, classOccurrenceId: true },
  });
  for (const event of remote) {
    const observed = seen.find((s) => s.uid === event.uid)!;
    const expected = event.appointmentId
      ? await tx.appointment.findUnique({ where: { id: event.appointmentId }, select: { startsAt: true, endsAt: true } })
      : event.classOccurrenceId
        ? await tx.classOccurrence.findUnique({ where: { id: event.classOccurrenceId }, select: { startsAt: true, endsAt: true } })
        : null;
    if (!expected) continue;
    const moved = observed.start !== expected.startsAt.getTime() || observed.end !== expected.endsAt.getTime();
    if (moved || observed.cancelled) {
      await tx.remoteEvent.update({
        where: { id: event.id },
        data: { state: observed.cancelled ? "REMOVED_IN_ICLOUD" : "CHANGED_IN_ICLOUD", observedChangeAt: new Date(), externalCalendarId: calendarId },
      });
    }
  }
}

/** CRM events whose objects are gone from the calendar were deleted in iCloud. */
export async function noteCrmObjectsDeleted(tx: Tx, calendarId: string, objectUrls: string[]): Promise<void> {
  if (objectUrls.length === 0) return;
  await tx.remoteEvent.updateMany({
    where: { externalCalendarId: calendarId, url: { in: objectUrls }, state: "SYNCED" },
    data: { state: "REMOVED_IN_ICLOUD", observedChangeAt: new Date() },
  });
}
