import { localDateOf, zonedTimeToInstant } from "@/lib/availability";
import type { BookingCalendar } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { orderCandidates, type CandidateStats } from "./round-robin";

/**
 * The order in which free members are tried: round robin by the calendar's mode; service and
 * simple calendars use the same rule (priority, then least recently booked).
 */
export async function candidateOrder(client: Db, calendar: BookingCalendar, freeStaffIds: string[], now: number): Promise<string[]> {
  if (freeStaffIds.length <= 1) return freeStaffIds;
  // "This period" is the current month in the calendar's zone.
  const today = localDateOf(now, calendar.timeZone);
  const periodStart = new Date(zonedTimeToInstant(`${today.slice(0, 8)}01`, 0, calendar.timeZone));
  const [members, last, counts] = await Promise.all([
    client.bookingCalendarMember.findMany({ where: { bookingCalendarId: calendar.id, userId: { in: freeStaffIds } } }),
    client.staffHold.groupBy({
      by: ["userId"],
      where: { bookingCalendarId: calendar.id, userId: { in: freeStaffIds }, appointmentId: { not: null } },
      _max: { createdAt: true },
    }),
    client.staffHold.groupBy({
      by: ["userId"],
      where: { bookingCalendarId: calendar.id, userId: { in: freeStaffIds }, active: true, startsAt: { gte: periodStart } },
      _count: { _all: true },
    }),
  ]);
  const stats = new Map<string, CandidateStats>(
    freeStaffIds.map((id) => [
      id,
      {
        priority: members.find((m) => m.userId === id)?.priority ?? 0,
        lastBookedAt: last.find((l) => l.userId === id)?._max.createdAt?.getTime() ?? null,
        bookingsThisPeriod: counts.find((c) => c.userId === id)?._count._all ?? 0,
      },
    ]),
  );
  return orderCandidates(freeStaffIds, calendar.roundRobinMode, stats);
}
