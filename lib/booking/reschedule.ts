import { db } from "@/lib/db";
import type { Appointment, BookingCalendar, Prisma, StaffHold } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { isOverlapViolation, isSeatLimitViolation } from "@/lib/db-errors";
import { queueAppointmentNotifications } from "@/lib/booking/notifications";
import { enqueueAppointmentPush } from "@/lib/jobs/push";
import { refreshStaleBusyTime } from "./busy-time-refresh";
import { usesICloud } from "./calendar-rules";
import { candidateOrder } from "./candidates";
import { CLASS_FULL, bookClassSeatInTx } from "./class-reschedule";
import { SLOT_TAKEN } from "./create";
import { lockForBooking, lockUnchangedAppointment } from "./locks";
import { loadBookingResult, type BookingResult } from "./result";
import { findSlots } from "./slots";

type Loaded = Appointment & { holds: StaffHold[]; bookingCalendar: BookingCalendar };

/**
 * Moves an appointment to a new start under the calendar's rules. The current staff member
 * keeps it when free; otherwise round robin reassigns it (the old member's iCloud event is
 * removed by the push jobs enqueued for both). Callers check who may do it.
 */
export interface ChangeActor {
  /** Who asked: the customer (manage link) or a staff member (whose own notice is not sent). */
  by: "customer" | "staff" | "system";
  actorUserId?: string;
}

export async function rescheduleAppointment(
  options: { appointmentId: string; start: number; now?: number } & Partial<ChangeActor>,
): Promise<BookingResult> {
  const actor: ChangeActor = { by: options.by ?? "system", actorUserId: options.actorUserId };
  const now = options.now ?? Date.now();
  const appointment = await db.appointment.findUnique({
    where: { id: options.appointmentId },
    include: { holds: true, bookingCalendar: true },
  });
  if (!appointment) throw new AppError("NOT_FOUND", "This booking does not exist.");
  if (appointment.status === "CANCELLED") throw new AppError("CONFLICT", "This booking was cancelled; make a new one instead.");
  if (appointment.startsAt.getTime() <= now) throw new AppError("CONFLICT", "This appointment has already started, so it can't be moved.");
  if (appointment.startsAt.getTime() === options.start) return (await loadBookingResult(db, appointment.id))!;

  try {
    if (appointment.classOccurrenceId) await bookClassSeatInTx(appointment, options.start, now, actor);
    else await moveStaffAppointment(appointment, options.start, now, actor);
  } catch (error) {
    if (isSeatLimitViolation(error)) throw new AppError("CONFLICT", CLASS_FULL);
    if (isOverlapViolation(error)) throw new AppError("CONFLICT", SLOT_TAKEN);
    throw error;
  }
  return (await loadBookingResult(db, appointment.id))!;
}

export interface StaffMoveOptions {
  /**
   * A staff member's own move (two-way sync): no notice, any whole minute, and the appointment
   * keeps its current members (never reassigned to a colleague).
   */
  staffMove?: boolean;
  /** Extra writes in the move's transaction (e.g. recording the iCloud version that asked for it). */
  inTransaction?: (tx: Prisma.TransactionClient) => Promise<void>;
}

export type LoadedAppointment = Loaded;

export async function moveStaffAppointment(
  appointment: Loaded,
  start: number,
  now: number,
  actor: ChangeActor,
  options: StaffMoveOptions = {},
): Promise<void> {
  const calendar = appointment.bookingCalendar;
  const serviceId = appointment.serviceId ?? undefined;
  const range = { start, end: start + 1 };
  const current = appointment.holds.filter((h) => h.active).map((h) => h.userId);
  const staffMove = options.staffMove ?? false;
  const slot = (
    await findSlots(db, {
      calendar,
      range,
      now,
      serviceId,
      excludeAppointmentId: appointment.id,
      staffMove,
      ...(staffMove ? { onlyStaffIds: current } : {}),
    })
  ).find((s) => s.start === start);
  if (!slot || (staffMove && current.some((id) => !slot.staffIds.includes(id)))) throw new AppError("CONFLICT", SLOT_TAKEN);
  // As for a new booking: busy time older than a couple of minutes is checked first, so an event
  // added in iCloud a minute ago still blocks the move (the re-check below then reads it).
  if (usesICloud(calendar.type)) await refreshStaleBusyTime(slot.staffIds, now);
  let staffIds: string[];
  if (staffMove) staffIds = current;
  else if (calendar.type === "COLLECTIVE") staffIds = slot.staffIds;
  else if (current.length === 1 && slot.staffIds.includes(current[0]!)) staffIds = current;
  else staffIds = [(await candidateOrder(db, calendar, slot.staffIds, now))[0]!];

  await db.$transaction(async (tx) => {
    await lockUnchangedAppointment(tx, appointment);
    await lockForBooking(tx, {
      calendarId: calendar.maxPerDayTotal ? calendar.id : undefined,
      staffIds: [...new Set([...current, ...staffIds])],
    });
    const recheck = await findSlots(tx, {
      calendar,
      range,
      now,
      serviceId,
      onlyStaffIds: staffIds,
      excludeAppointmentId: appointment.id,
      staffMove,
    });
    const fresh = recheck.find((s) => s.start === start);
    if (!fresh || staffIds.some((id) => !fresh.staffIds.includes(id))) throw new AppError("CONFLICT", SLOT_TAKEN);
    const startsAt = new Date(start);
    // The end of the slot that was checked: the calendar's (or service's) duration now.
    const endsAt = new Date(fresh.end);
    await tx.appointment.update({ where: { id: appointment.id }, data: { startsAt, endsAt, sequence: { increment: 1 } } });
    await tx.staffHold.updateMany({ where: { appointmentId: appointment.id, userId: { notIn: staffIds } }, data: { active: false } });
    for (const userId of staffIds) {
      await tx.staffHold.upsert({
        where: { appointmentId_userId: { appointmentId: appointment.id, userId } },
        create: {
          organizationId: appointment.organizationId,
          userId,
          appointmentId: appointment.id,
          bookingCalendarId: calendar.id,
          startsAt,
          endsAt,
        },
        update: { startsAt, endsAt, active: true },
      });
    }
    if (usesICloud(calendar.type)) await enqueueAppointmentPush(tx, appointment.id, [...current, ...staffIds]);
    await queueAppointmentNotifications(tx, {
      appointmentId: appointment.id,
      change: { event: "rescheduled", previous: { start: appointment.startsAt, end: appointment.endsAt } },
      staffIds,
      actorUserId: actor.actorUserId,
      now,
    });
    await options.inTransaction?.(tx);
  });
}
