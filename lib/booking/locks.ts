import type { Appointment, Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * Serialises bookings that compete for the same staff members (and the same calendar when a
 * per-calendar daily cap applies), so the in-transaction re-check of buffers, caps and busy
 * time sees every committed booking. Locks are taken in sorted order to rule out deadlocks;
 * they are released with the transaction. The exclusion constraint stays the final guard.
 */
export async function lockForBooking(tx: Prisma.TransactionClient, keys: { calendarId?: string; staffIds: string[] }) {
  const names = [...(keys.calendarId ? [`calendar:${keys.calendarId}`] : []), ...keys.staffIds.map((id) => `staff:${id}`)].sort();
  for (const name of names) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`;
  }
}

/**
 * Locks one appointment's row for the rest of the transaction. Every transaction that changes an
 * existing appointment takes it first (before lockForBooking, so the lock order never varies):
 * concurrent cancels (a double click, a retried request) and reschedules take turns.
 */
export async function lockAppointment(tx: Prisma.TransactionClient, appointmentId: string) {
  await tx.$queryRaw`SELECT 1 FROM "Appointment" WHERE id = ${appointmentId} FOR UPDATE`;
}

export const CHANGED_ELSEWHERE = "This booking was just changed elsewhere. Reload it and try again.";

/**
 * For a reschedule planned outside its transaction: locks the appointment and refuses when a
 * cancel or another reschedule committed meanwhile (a cancelled appointment would otherwise
 * get its holds back and block the time for good).
 */
export async function lockUnchangedAppointment(tx: Prisma.TransactionClient, planned: Appointment) {
  await lockAppointment(tx, planned.id);
  const current = await tx.appointment.findUniqueOrThrow({
    where: { id: planned.id },
    select: { status: true, startsAt: true, classOccurrenceId: true },
  });
  if (current.status === "CANCELLED") throw new AppError("CONFLICT", "This booking was cancelled; make a new one instead.");
  if (current.startsAt.getTime() !== planned.startsAt.getTime() || current.classOccurrenceId !== planned.classOccurrenceId) {
    throw new AppError("CONFLICT", CHANGED_ELSEWHERE);
  }
}
