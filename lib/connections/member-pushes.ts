import { ICLOUD_CALENDAR } from "@/lib/booking/calendar-rules";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueAppointmentPush, enqueueBlockedTimePush, enqueueClassOccurrencePush } from "@/lib/jobs/push";

/**
 * Re-pushes a staff member's future appointments: after a reconnect (parked work resumes by
 * itself), and after the primary calendar changed (each job moves its event to the new one).
 * Events already in iCloud for appointments that are no longer live are revisited too.
 */
export async function enqueueUserPushes(tx: Prisma.TransactionClient, userId: string, now = Date.now()): Promise<number> {
  const [future, remote] = await Promise.all([
    tx.staffHold.findMany({
      where: {
        userId,
        active: true,
        appointmentId: { not: null },
        endsAt: { gt: new Date(now) },
        appointment: { bookingCalendar: ICLOUD_CALENDAR },
      },
      select: { appointmentId: true },
    }),
    tx.remoteEvent.findMany({
      where: { userId, appointmentId: { not: null }, OR: [{ url: { not: null } }, { state: { in: ["PENDING", "FAILED"] } }] },
      select: { appointmentId: true },
    }),
  ]);
  const ids = new Set([...future, ...remote].map((r) => r.appointmentId!));
  for (const appointmentId of ids) await enqueueAppointmentPush(tx, appointmentId, [userId]);
  // Classes they teach: one event per occurrence.
  const [classes, classRemotes] = await Promise.all([
    tx.staffHold.findMany({
      where: { userId, active: true, classOccurrenceId: { not: null }, endsAt: { gt: new Date(now) } },
      select: { classOccurrenceId: true },
    }),
    tx.remoteEvent.findMany({
      where: { userId, classOccurrenceId: { not: null }, OR: [{ url: { not: null } }, { state: { in: ["PENDING", "FAILED"] } }] },
      select: { classOccurrenceId: true },
    }),
  ]);
  const occurrences = new Set([...classes, ...classRemotes].map((r) => r.classOccurrenceId!));
  for (const id of occurrences) await enqueueClassOccurrencePush(tx, id, userId);
  return ids.size + occurrences.size + (await enqueueBlockedTimePushForUser(tx, userId, now));
}

/**
 * After "Copy blocked time to iCloud" changed, a reconnect or a new primary calendar: every
 * future blocked time of the member (and any copy still in iCloud) is pushed again.
 */
export async function enqueueBlockedTimePushForUser(tx: Prisma.TransactionClient, userId: string, now = Date.now()): Promise<number> {
  const [future, remote] = await Promise.all([
    tx.blockedTime.findMany({ where: { userId, deletedAt: null, endsAt: { gt: new Date(now) } }, select: { id: true } }),
    tx.remoteEvent.findMany({
      where: { userId, blockedTimeId: { not: null }, OR: [{ url: { not: null } }, { state: { in: ["PENDING", "FAILED"] } }] },
      select: { blockedTimeId: true },
    }),
  ]);
  const ids = new Set([...future.map((f) => f.id), ...remote.map((r) => r.blockedTimeId!)]);
  for (const id of ids) await enqueueBlockedTimePush(tx, id, userId);
  return ids.size;
}
