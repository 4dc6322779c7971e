import type { Interval, StaffSchedule } from "@/lib/availability/types";
import { iCloudBlockers } from "@/lib/icloud-state/freshness";
import { getBusyBlocks } from "./busy-blocks";
import type { Db } from "@/lib/db";

const DAY_MS = 86_400_000;

export interface ScheduleOptions {
  organizationId: string;
  bookingCalendarId: string;
  staffIds: string[];
  range: Interval;
  /** Whether iCloud busy time counts (every type but SIMPLE). */
  withBusyBlocks: boolean;
  /** When rescheduling: the appointment's own holds don't block its new time. */
  excludeAppointmentId?: string;
  /** A class's own occurrences: the instructor teaching them is not "busy" for them. */
  excludeClassOccurrenceIds?: string[];
  /** For the iCloud freshness rule. */
  now?: number;
}

/**
 * Everything the slot engine needs about these staff members around the range: working hours
 * and overrides, every active hold on any booking calendar, iCloud busy time, and their
 * bookings on this calendar for the daily caps. Read with plain SQL: this runs on every slots
 * request and must stay fast with thousands of rows.
 */
export async function loadStaffSchedules(client: Db, options: ScheduleOptions): Promise<StaffSchedule[]> {
  const { staffIds, organizationId } = options;
  if (staffIds.length === 0) return [];
  // A day of margin on each side covers buffers and local days that straddle the range.
  const from = new Date(options.range.start - 2 * DAY_MS);
  const to = new Date(options.range.end + 2 * DAY_MS);
  // Holds without an appointment (a class's instructor, blocked time) always count.
  const exclude = options.excludeAppointmentId ?? "";
  const excludeOccurrences = options.excludeClassOccurrenceIds ?? [];

  const [users, hours, overrides, holds, busy, blockers] = await Promise.all([
    // Deactivated members are offered nowhere: without a row here they are left out below.
    client.user.findMany({ where: { id: { in: staffIds }, organizationId, deactivatedAt: null }, select: { id: true, timeZone: true } }),
    client.workingHours.findMany({
      where: { userId: { in: staffIds }, organizationId },
      select: { userId: true, weekday: true, startMinute: true, endMinute: true },
    }),
    client.workingHoursOverride.findMany({
      where: { userId: { in: staffIds }, organizationId, date: { gte: from, lte: to } },
      select: { userId: true, date: true, startMinute: true, endMinute: true },
    }),
    // Each hold is padded by its own calendar's buffers: the time after an appointment with a
    // buffer stays free whichever calendar the next booking comes from. Blocked time has no
    // calendar and no buffers of its own (the booking's calendar still pads the new slot).
    client.$queryRaw<{ userId: string; start: number; end: number; paddedStart: number; paddedEnd: number; calendarId: string }[]>`
      SELECT h."userId", (EXTRACT(EPOCH FROM h."startsAt") * 1000)::float8 AS start,
             (EXTRACT(EPOCH FROM h."endsAt") * 1000)::float8 AS "end",
             (EXTRACT(EPOCH FROM h."startsAt") * 1000 - COALESCE(c."bufferBeforeMinutes", 0) * 60000)::float8 AS "paddedStart",
             (EXTRACT(EPOCH FROM h."endsAt") * 1000 + COALESCE(c."bufferAfterMinutes", 0) * 60000)::float8 AS "paddedEnd",
             h."bookingCalendarId" AS "calendarId"
      FROM "StaffHold" h LEFT JOIN "BookingCalendar" c ON c.id = h."bookingCalendarId"
      WHERE h."userId" = ANY(${staffIds}) AND h.active AND h."startsAt" < ${to} AND h."endsAt" > ${from}
        AND h."organizationId" = ${organizationId} AND (h."appointmentId" IS NULL OR h."appointmentId" <> ${exclude})
        AND NOT (COALESCE(h."classOccurrenceId", '') = ANY(${excludeOccurrences}))`,
    options.withBusyBlocks ? getBusyBlocks(client, staffIds, { start: from.getTime(), end: to.getTime() }) : null,
    options.withBusyBlocks ? iCloudBlockers(client, staffIds, options.now ?? Date.now()) : null,
  ]);

  const byUser = new Map(users.map((u) => [u.id, u.timeZone]));
  return staffIds
    .filter((id) => byUser.has(id))
    .map((id) => {
      const own = holds.filter((h) => h.userId === id);
      const overrideDates = new Map<string, { startMinute: number; endMinute: number }[]>();
      for (const o of overrides.filter((row) => row.userId === id)) {
        const date = o.date.toISOString().slice(0, 10);
        const list = overrideDates.get(date) ?? [];
        if (o.startMinute !== null && o.endMinute !== null) list.push({ startMinute: o.startMinute, endMinute: o.endMinute });
        overrideDates.set(date, list);
      }
      return {
        staffId: id,
        timeZone: byUser.get(id)!,
        weeklyHours: hours
          .filter((h) => h.userId === id)
          .map(({ weekday, startMinute, endMinute }) => ({ weekday, startMinute, endMinute })),
        overrides: [...overrideDates].map(([date, intervals]) => ({ date, intervals })),
        appointments: own.map((h) => ({ start: Number(h.paddedStart), end: Number(h.paddedEnd) })),
        busyBlocks: busy?.get(id) ?? [],
        bookingStartsOnCalendar: own.filter((h) => h.calendarId === options.bookingCalendarId).map((h) => Number(h.start)),
        // Stale or unreadable iCloud data makes the member unavailable: never "free by error".
        available: !blockers?.has(id),
      };
    });
}
