import { overlapsAny, normalizeIntervals, workingIntervals } from "@/lib/availability";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isOverlapViolation } from "@/lib/db-errors";
import { slotRules, usesICloud } from "./calendar-rules";
import { CHANGED_ELSEWHERE } from "./locks";
import { moveStaffAppointment, type LoadedAppointment } from "./reschedule";
import { loadStaffSchedules } from "./schedules";
import { bookableStaff } from "./slots";

const MINUTE_MS = 60_000;

export type ICloudMoveResult = { applied: true } | { applied: false; reason: string };

/**
 * Two-way sync: a staff member moved their copy of a CRM appointment in iCloud. It becomes a
 * staff reschedule when the new time is valid for the booking calendar — working hours,
 * buffers, window, daily caps, no conflict for any assigned member, the exclusion constraint —
 * with the minimum notice waived (it protects the staff from customers, not from themselves) and
 * any whole minute allowed. The appointment keeps its members and its length. Otherwise nothing
 * changes and the reason is returned in words for the member.
 */
export async function moveAppointmentFromICloud(options: {
  appointmentId: string;
  userId: string;
  start: number;
  end: number;
  now?: number;
  /** Written in the move's own transaction (e.g. the iCloud version that asked for it). */
  inTransaction?: (tx: Prisma.TransactionClient) => Promise<void>;
}): Promise<ICloudMoveResult> {
  const now = options.now ?? Date.now();
  const appointment = await db.appointment.findUnique({
    where: { id: options.appointmentId },
    include: { holds: true, bookingCalendar: true },
  });
  if (!appointment || appointment.status === "CANCELLED") return { applied: false, reason: "The appointment was cancelled in the CRM." };
  if (appointment.classOccurrenceId) return { applied: false, reason: "Class sessions are moved in the CRM, not in iCloud." };
  const length = appointment.endsAt.getTime() - appointment.startsAt.getTime();
  if (options.end - options.start !== length) {
    return {
      applied: false,
      reason: `A booking on ${appointment.bookingCalendar.name} lasts ${length / MINUTE_MS} minutes; move the event without changing its length.`,
    };
  }
  if (options.start % MINUTE_MS !== 0) return { applied: false, reason: "The new time must start on a whole minute." };
  if (appointment.startsAt.getTime() <= now)
    return { applied: false, reason: "The appointment had already started, so it can't be moved." };
  if (options.start <= now) return { applied: false, reason: "That time is in the past." };
  if (!appointment.holds.some((h) => h.active && h.userId === options.userId))
    return { applied: false, reason: "You are no longer assigned to this appointment." };
  if (appointment.startsAt.getTime() === options.start) return { applied: true };

  try {
    await moveStaffAppointment(
      appointment,
      options.start,
      now,
      { by: "staff", actorUserId: options.userId },
      { staffMove: true, inTransaction: options.inTransaction },
    );
    return { applied: true };
  } catch (error) {
    if (!(error instanceof AppError) && !isOverlapViolation(error)) throw error;
    if (error instanceof AppError && error.code !== "CONFLICT") throw error;
    if (error instanceof AppError && error.message === CHANGED_ELSEWHERE)
      return { applied: false, reason: "The appointment was changed in the CRM at the same time; the CRM's change won." };
    return { applied: false, reason: await whyNot(appointment, options.start, now) };
  }
}

/** The first rule the new time breaks, in words; checked in the order a person would look. */
async function whyNot(appointment: LoadedAppointment, start: number, now: number): Promise<string> {
  const calendar = appointment.bookingCalendar;
  const staffIds = appointment.holds.filter((h) => h.active).map((h) => h.userId);
  const bookable = await bookableStaff(db, calendar, appointment.serviceId ?? undefined).catch(() => null);
  const rules = slotRules(calendar, { now, durationMinutes: bookable?.durationMinutes, calendarBookingStarts: [], staffMove: true });
  if (start < rules.window.start || start >= rules.window.end) return `That time is outside the booking window of ${calendar.name}.`;
  const body = { start, end: start + rules.durationMs };
  const [schedules, users] = await Promise.all([
    loadStaffSchedules(db, {
      organizationId: appointment.organizationId,
      bookingCalendarId: calendar.id,
      staffIds,
      range: body,
      withBusyBlocks: usesICloud(calendar.type),
      excludeAppointmentId: appointment.id,
      now,
    }),
    db.user.findMany({ where: { id: { in: staffIds } }, select: { id: true, name: true } }),
  ]);
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? "A member";
  const padded = { start: body.start - rules.bufferBeforeMs, end: body.end + rules.bufferAfterMs };
  for (const id of staffIds) {
    const schedule = schedules.find((s) => s.staffId === id);
    if (!schedule) return `${nameOf(id)} can no longer be booked.`;
    if (schedule.available === false) return `${nameOf(id)}'s iCloud calendars are not up to date, so that time can't be checked.`;
    const working = workingIntervals(schedule, body);
    if (!working.some((w) => w.start <= body.start && w.end >= body.end)) return `That time is outside ${nameOf(id)}'s working hours.`;
    if (overlapsAny(normalizeIntervals(schedule.appointments), padded.start, padded.end)) {
      return `${nameOf(id)} has another appointment or blocked time then (counting ${calendar.name}'s buffers).`;
    }
    if (overlapsAny(normalizeIntervals(schedule.busyBlocks), padded.start, padded.end)) return `${nameOf(id)} is busy in iCloud then.`;
  }
  if (calendar.maxPerDayPerStaff || calendar.maxPerDayTotal) return `${calendar.name}'s daily booking limit is reached on that day.`;
  return "That time was taken meanwhile.";
}
