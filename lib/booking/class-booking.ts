import { db, type Tx } from "@/lib/db";
import { contactForBooking, typedCustomer } from "./contact";
import type { BookingCalendar } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { isOverlapViolation, isSeatLimitViolation } from "@/lib/db-errors";
import { queueAppointmentNotifications } from "@/lib/booking/notifications";
import { enqueueClassOccurrencePush } from "@/lib/jobs/push";
import type { CreateBookingInput } from "./create";
import { lockForBooking } from "./locks";
import { loadBookingResult, type BookingResult } from "./result";
import { findSlots, type OfferedSlot } from "./slots";
import { refreshStaleBusyTime } from "./busy-time-refresh";

export const CLASS_FULL = "This class is full. Please choose another session.";

/**
 * The class slot at `start`, after the same pre-check of stale iCloud busy time a new staff
 * booking runs: the instructor's busy time older than a couple of minutes is refreshed first
 * and the slot is then read again, so an event added in iCloud a minute ago still blocks.
 * Used for new class bookings and for moving a class booking to another occurrence.
 */
export async function offeredClassSlot(calendar: BookingCalendar, start: number, now: number): Promise<OfferedSlot | undefined> {
  const range = { start, end: start + 1 };
  const offered = (await findSlots(db, { calendar, range, now })).find((s) => s.start === start);
  if (!offered) return undefined;
  await refreshStaleBusyTime(offered.staffIds, now);
  return (await findSlots(db, { calendar, range, now })).find((s) => s.start === start);
}

/**
 * Takes one seat of a class occurrence, creating the occurrence with its first seat. The
 * increment runs in SQL so the CHECK constraint, not this code, decides whether a seat is left;
 * the instructor's hold (one per occurrence) goes through the same exclusion constraint as
 * every other booking.
 */
export async function takeClassSeat(
  tx: Tx,
  { calendar, sessionId, instructorId, start }: { calendar: BookingCalendar; sessionId: string; instructorId: string; start: number },
) {
  const session = await tx.classSession.findUniqueOrThrow({ where: { id: sessionId } });
  const startsAt = new Date(start);
  const endsAt = new Date(start + session.durationMinutes * 60_000);
  const occurrence = await tx.classOccurrence.upsert({
    where: { sessionId_startsAt: { sessionId, startsAt } },
    create: { organizationId: calendar.organizationId, sessionId, startsAt, endsAt, capacity: session.capacity },
    update: {},
  });
  await tx.$executeRaw`UPDATE "ClassOccurrence" SET "seatsTaken" = "seatsTaken" + 1 WHERE id = ${occurrence.id}`;
  await tx.staffHold.upsert({
    where: { classOccurrenceId: occurrence.id },
    create: {
      organizationId: calendar.organizationId,
      userId: instructorId,
      classOccurrenceId: occurrence.id,
      bookingCalendarId: calendar.id,
      startsAt,
      endsAt,
    },
    update: { active: true },
  });
  return occurrence;
}

/** Books one seat of a class occurrence for a customer. */
export async function bookClassSeat(calendar: BookingCalendar, input: CreateBookingInput, now: number): Promise<BookingResult> {
  const offered = await offeredClassSlot(calendar, input.start, now);
  if (!offered?.sessionId) throw new AppError("CONFLICT", "That class is no longer available. Please choose another session.");
  const sessionId = offered.sessionId;
  const instructorId = offered.staffIds[0]!;
  try {
    const id = await db.$transaction(async (tx) => {
      await lockForBooking(tx, { staffIds: [instructorId] });
      const occurrence = await takeClassSeat(tx, { calendar, sessionId, instructorId, start: input.start });
      const { startsAt, endsAt } = occurrence;
      const contact = await contactForBooking(tx, calendar.organizationId, input.customer);
      const appointment = await tx.appointment.create({
        data: {
          organizationId: calendar.organizationId,
          bookingCalendarId: calendar.id,
          classOccurrenceId: occurrence.id,
          contactId: contact.id,
          ...typedCustomer(input.customer),
          startsAt,
          endsAt,
          notes: input.customer.notes ?? "",
          customerTimeZone: input.timeZone,
          idempotencyKey: input.idempotencyKey,
          idempotencyRequestHash: input.idempotencyRequestHash,
        },
      });
      await enqueueClassOccurrencePush(tx, occurrence.id, instructorId);
      await queueAppointmentNotifications(tx, {
        appointmentId: appointment.id,
        change: { event: "booked" },
        staffIds: [instructorId],
        now,
      });
      return appointment.id;
    });
    return (await loadBookingResult(db, id))!;
  } catch (error) {
    if (isSeatLimitViolation(error)) throw new AppError("CONFLICT", CLASS_FULL);
    if (isOverlapViolation(error)) throw new AppError("CONFLICT", "The instructor is no longer available for this class.");
    throw error;
  }
}
