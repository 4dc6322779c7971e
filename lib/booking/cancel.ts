import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { queueAppointmentNotifications } from "@/lib/booking/notifications";
import { enqueueAppointmentPush, enqueueClassOccurrencePush } from "@/lib/jobs/push";
import { usesICloud } from "./calendar-rules";
import { lockAppointment, lockForBooking } from "./locks";
import { loadBookingResult, type BookingResult } from "./result";

/**
 * Cancels an appointment and frees its time: its holds go inactive (so the exclusion constraint
 * no longer counts them), a class seat is given back, and the iCloud push jobs are enqueued in
 * the same transaction. Cancelling twice is harmless. Callers check who may do it.
 */
export async function cancelAppointment({
  appointmentId,
  now = Date.now(),
  by = "system",
  actorUserId,
}: {
  appointmentId: string;
  now?: number;
  /** Who cancelled, as the customer's email says; that staff member gets no notice of it. */
  by?: "customer" | "staff" | "system";
  actorUserId?: string;
}): Promise<BookingResult> {
  await db.$transaction(async (tx) => {
    await lockAppointment(tx, appointmentId);
    const appointment = await tx.appointment.findUnique({
      where: { id: appointmentId },
      include: { holds: true, bookingCalendar: { select: { type: true } } },
    });
    if (!appointment) throw new AppError("NOT_FOUND", "This booking does not exist.");
    if (appointment.status === "CANCELLED") return;
    if (appointment.startsAt.getTime() <= now)
      throw new AppError("CONFLICT", "This appointment has already started, so it can't be cancelled.");
    await lockForBooking(tx, { staffIds: appointment.holds.map((h) => h.userId) });
    await tx.appointment.update({
      where: { id: appointment.id },
      data: { status: "CANCELLED", cancelledAt: new Date(now), sequence: { increment: 1 } },
    });
    const classHold = appointment.classOccurrenceId
      ? await tx.staffHold.findUnique({ where: { classOccurrenceId: appointment.classOccurrenceId } })
      : null;
    await queueAppointmentNotifications(tx, {
      appointmentId: appointment.id,
      change: { event: "cancelled", by },
      staffIds: classHold ? [classHold.userId] : appointment.holds.filter((h) => h.active).map((h) => h.userId),
      actorUserId,
      now,
    });
    await tx.staffHold.updateMany({ where: { appointmentId: appointment.id }, data: { active: false } });
    if (appointment.classOccurrenceId) {
      await releaseClassSeat(tx, appointment.classOccurrenceId);
    } else if (usesICloud(appointment.bookingCalendar.type)) {
      await enqueueAppointmentPush(
        tx,
        appointment.id,
        appointment.holds.map((h) => h.userId),
      );
    }
  });
  return (await loadBookingResult(db, appointmentId))!;
}

/** Gives a seat back; an occurrence with no seats left taken stops holding its instructor. */
export async function releaseClassSeat(tx: Tx, classOccurrenceId: string): Promise<void> {
  const [occurrence] = await tx.$queryRaw<{ seatsTaken: number }[]>`
    UPDATE "ClassOccurrence" SET "seatsTaken" = "seatsTaken" - 1 WHERE id = ${classOccurrenceId} RETURNING "seatsTaken"`;
  const hold = await tx.staffHold.findUnique({ where: { classOccurrenceId } });
  if (occurrence && occurrence.seatsTaken === 0 && hold) {
    await tx.staffHold.update({ where: { id: hold.id }, data: { active: false } });
  }
  if (hold) await enqueueClassOccurrencePush(tx, classOccurrenceId, hold.userId);
}
