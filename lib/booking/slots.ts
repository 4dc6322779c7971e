import { computeClassSlots, computeSlots } from "@/lib/availability";
import type { Interval } from "@/lib/availability/types";
import type { BookingCalendar } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { slotRules, usesICloud } from "./calendar-rules";
import { expandSessions } from "./class-occurrences";
import type { Db } from "@/lib/db";
import { loadStaffSchedules } from "./schedules";

export interface OfferedSlot {
  start: number;
  end: number;
  staffIds: string[];
  seatsLeft?: number;
  sessionId?: string;
}

export interface SlotRequest {
  calendar: BookingCalendar;
  range: Interval;
  now: number;
  serviceId?: string;
  /** Only these members (a reschedule keeping its staff, a collective re-check). */
  onlyStaffIds?: string[];
  excludeAppointmentId?: string;
  /**
   * A staff member's own move (e.g. an event dragged in iCloud with two-way sync): the minimum
   * notice does not apply and any whole minute may start, not only the customers' grid. Hours,
   * buffers, window, daily caps and conflicts still do.
   */
  staffMove?: boolean;
  /** Who can be booked and for how long, when the caller has it already (one read per booking). */
  bookable?: Bookable;
}

export type Bookable = Awaited<ReturnType<typeof bookableStaff>>;

/** Who can be booked on this calendar, and for how long (SERVICE: the chosen service's). */
export async function bookableStaff(client: Db, calendar: BookingCalendar, serviceId?: string) {
  if (calendar.type === "SERVICE") {
    if (!serviceId) throw new AppError("INVALID_INPUT", "Choose a service first.");
    const service = await client.service.findFirst({
      where: { id: serviceId, bookingCalendarId: calendar.id },
      include: { staff: { select: { userId: true } } },
    });
    if (!service) throw new AppError("NOT_FOUND", "That service is not offered by this calendar.");
    return { staffIds: service.staff.map((s) => s.userId), durationMinutes: service.durationMinutes, serviceId: service.id };
  }
  const members = await client.bookingCalendarMember.findMany({
    where: { bookingCalendarId: calendar.id },
    orderBy: [{ priority: "desc" }, { userId: "asc" }],
    select: { userId: true },
  });
  return { staffIds: members.map((m) => m.userId), durationMinutes: calendar.durationMinutes, serviceId: undefined };
}

export async function findSlots(client: Db, request: SlotRequest): Promise<OfferedSlot[]> {
  const { calendar, range, now } = request;
  if (calendar.type === "CLASS") return findClassSlots(client, request);
  const bookable = request.bookable ?? (await bookableStaff(client, calendar, request.serviceId));
  const staffIds = request.onlyStaffIds ? bookable.staffIds.filter((id) => request.onlyStaffIds!.includes(id)) : bookable.staffIds;
  const [staff, calendarBookings] = await Promise.all([
    loadStaffSchedules(client, {
      organizationId: calendar.organizationId,
      bookingCalendarId: calendar.id,
      staffIds,
      range,
      withBusyBlocks: usesICloud(calendar.type),
      excludeAppointmentId: request.excludeAppointmentId,
      now,
    }),
    calendar.maxPerDayTotal ? calendarBookingStarts(client, calendar.id, range, request.excludeAppointmentId) : [],
  ]);
  const rules = slotRules(calendar, {
    now,
    durationMinutes: bookable.durationMinutes,
    calendarBookingStarts: calendarBookings,
    staffMove: request.staffMove,
  });
  return computeSlots({ rules, staff, combine: calendar.type === "COLLECTIVE" ? "ALL" : "ANY", range, now });
}

async function calendarBookingStarts(client: Db, calendarId: string, range: Interval, exclude?: string): Promise<number[]> {
  const rows = await client.appointment.findMany({
    where: {
      bookingCalendarId: calendarId,
      status: "CONFIRMED",
      startsAt: { gte: new Date(range.start - 2 * 86_400_000), lt: new Date(range.end + 2 * 86_400_000) },
      ...(exclude ? { id: { not: exclude } } : {}),
    },
    select: { startsAt: true },
  });
  return rows.map((r) => r.startsAt.getTime());
}

async function findClassSlots(client: Db, request: SlotRequest): Promise<OfferedSlot[]> {
  const { calendar, range, now } = request;
  const sessions = await client.classSession.findMany({ where: { bookingCalendarId: calendar.id } });
  const occurrences = expandSessions(sessions, range, calendar.timeZone);
  const taken = await client.classOccurrence.findMany({
    where: { sessionId: { in: sessions.map((s) => s.id) }, startsAt: { gte: new Date(range.start), lt: new Date(range.end) } },
    select: { id: true, sessionId: true, startsAt: true, seatsTaken: true },
  });
  const seats = new Map(taken.map((t) => [`${t.sessionId}@${t.startsAt.getTime()}`, t]));
  const instructorIds = [...new Set(occurrences.map((o) => o.instructorId))];
  const instructors = await loadStaffSchedules(client, {
    organizationId: calendar.organizationId,
    bookingCalendarId: calendar.id,
    staffIds: instructorIds,
    range,
    withBusyBlocks: true,
    now,
    // The instructor's hold for a class they already teach must not hide that class.
    excludeClassOccurrenceIds: taken.map((t) => t.id),
  });
  const rules = slotRules(calendar, { now, calendarBookingStarts: [] });
  const slots = computeClassSlots({
    occurrences: occurrences.map((o) => ({ ...o, seatsTaken: seats.get(`${o.sessionId}@${o.start}`)?.seatsTaken ?? 0 })),
    instructors,
    rules,
    range,
    now,
  });
  return slots.map((s) => ({ start: s.start, end: s.end, staffIds: [s.instructorId], seatsLeft: s.seatsLeft, sessionId: s.sessionId }));
}
