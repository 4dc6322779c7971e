import { db } from "@/lib/db";
import type { Appointment, BookingCalendar } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { queueAppointmentNotifications } from "@/lib/booking/notifications";
import { enqueueClassOccurrencePush } from "@/lib/jobs/push";
import { releaseClassSeat } from "./cancel";
import { lockForBooking, lockUnchangedAppointment } from "./locks";

export { CLASS_FULL } from "./class-booking";
import { offeredClassSlot, takeClassSeat } from "./class-booking";

/** Moves a class booking to another occurrence: one seat given back, one taken, atomically. */
export async function bookClassSeatInTx(
  appointment: Appointment & { bookingCalendar: BookingCalendar },
  start: number,
  now: number,
  actor: { actorUserId?: string },
): Promise<void> {
  const calendar = appointment.bookingCalendar;
  // The same pre-check of stale iCloud busy time as a new booking (see offeredClassSlot).
  const offered = await offeredClassSlot(calendar, start, now);
  if (!offered?.sessionId) throw new AppError("CONFLICT", "That class is no longer available. Please choose another session.");
  const sessionId = offered.sessionId;
  const instructorId = offered.staffIds[0]!;
  await db.$transaction(async (tx) => {
    await lockUnchangedAppointment(tx, appointment);
    await lockForBooking(tx, { staffIds: [instructorId] });
    const occurrence = await takeClassSeat(tx, { calendar, sessionId, instructorId, start });
    const { startsAt, endsAt } = occurrence;
    await releaseClassSeat(tx, appointment.classOccurrenceId!);
    await tx.appointment.update({
      where: { id: appointment.id },
      data: { classOccurrenceId: occurrence.id, startsAt, endsAt, sequence: { increment: 1 } },
    });
    await enqueueClassOccurrencePush(tx, occurrence.id, instructorId);
    await queueAppointmentNotifications(tx, {
      appointmentId: appointment.id,
      change: { event: "rescheduled", previous: { start: appointment.startsAt, end: appointment.endsAt } },
      staffIds: [instructorId],
      actorUserId: actor.actorUserId,
      now,
    });
  });
}
