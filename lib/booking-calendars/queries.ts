import type { Actor } from "@/lib/auth/session";
import { usesICloud } from "@/lib/booking/calendar-rules";
import { db } from "@/lib/db";
import { assertAdminActor, countUpcomingAppointments } from "./access";
import { BOOKING_CALENDAR_TYPES } from "./calendar-types";
import { dateColumnToString } from "./fields";
import type { CalendarFormValues, ClassSessionView, MemberValue, Person, ServiceView } from "./form-values";
import { instantToLocal } from "./local-time";

export interface BookingCalendarEditView {
  id: string;
  values: CalendarFormValues;
  members: MemberValue[];
  services: ServiceView[];
  classSessions: ClassSessionView[];
  /** Any appointment at all locks the type. */
  appointmentCount: number;
  upcomingAppointmentCount: number;
  /** Set when archived: hidden from customers, kept for history. */
  archivedAt: Date | null;
}

const text = (value: number | null) => (value === null ? "" : String(value));

/** Everything the edit page shows, or null when the calendar is not in the actor's organization. */
export async function getBookingCalendarForEdit(options: {
  actor: Actor;
  bookingCalendarId: string;
}): Promise<BookingCalendarEditView | null> {
  const { actor, bookingCalendarId } = options;
  assertAdminActor(actor);
  const calendar = await db.bookingCalendar.findFirst({
    where: { id: bookingCalendarId, organizationId: actor.organizationId },
    include: {
      members: { orderBy: [{ priority: "desc" }, { user: { name: "asc" } }], select: { userId: true, priority: true } },
      services: { orderBy: { name: "asc" }, include: { staff: { select: { userId: true } } } },
      classSessions: { orderBy: { startsAt: "asc" } },
      _count: { select: { appointments: true } },
    },
  });
  if (!calendar) return null;
  const upcoming = await countUpcomingAppointments(db, { bookingCalendarId: calendar.id });
  return {
    id: calendar.id,
    values: {
      type: calendar.type,
      name: calendar.name,
      slug: calendar.slug,
      description: calendar.description,
      timeZone: calendar.timeZone,
      durationMinutes: String(calendar.durationMinutes),
      slotIntervalMinutes: text(calendar.slotIntervalMinutes),
      bufferBeforeMinutes: String(calendar.bufferBeforeMinutes),
      bufferAfterMinutes: String(calendar.bufferAfterMinutes),
      minimumNoticeMinutes: String(calendar.minimumNoticeMinutes),
      windowRollingDays: String(calendar.windowRollingDays),
      windowStartDate: calendar.windowStartDate ? dateColumnToString(calendar.windowStartDate) : "",
      windowEndDate: calendar.windowEndDate ? dateColumnToString(calendar.windowEndDate) : "",
      maxPerDayPerStaff: text(calendar.maxPerDayPerStaff),
      maxPerDayTotal: text(calendar.maxPerDayTotal),
      roundRobinMode: calendar.roundRobinMode,
      reminderMinutes: calendar.reminderMinutes === null ? "off" : String(calendar.reminderMinutes),
    },
    members: calendar.members,
    services: calendar.services.map((s) => ({
      id: s.id,
      name: s.name,
      durationMinutes: s.durationMinutes,
      staffIds: s.staff.map((x) => x.userId),
    })),
    classSessions: calendar.classSessions.map((s) => ({
      id: s.id,
      title: s.title,
      instructorId: s.instructorId,
      ...instantToLocal(s.startsAt, calendar.timeZone),
      durationMinutes: s.durationMinutes,
      capacity: s.capacity,
      recurrence: s.recurrence,
      repeatUntil: s.repeatUntil ? dateColumnToString(s.repeatUntil) : "",
    })),
    appointmentCount: calendar._count.appointments,
    upcomingAppointmentCount: upcoming,
    archivedAt: calendar.archivedAt,
  };
}

/** The admin list: live calendars by name, then the archived ones, most recently archived first. */
export async function listBookingCalendarsForAdmin(options: { actor: Actor }) {
  const { actor } = options;
  assertAdminActor(actor);
  const calendars = await db.bookingCalendar.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: { name: "asc" },
    include: {
      members: { orderBy: { priority: "desc" }, include: { user: { select: { id: true, name: true } } } },
      _count: { select: { appointments: true } },
    },
  });
  return {
    live: calendars.filter((c) => !c.archivedAt),
    archived: calendars.filter((c) => c.archivedAt).sort((a, b) => b.archivedAt!.getTime() - a.archivedAt!.getTime()),
  };
}

/** The people who can be members, service staff or instructors: the actor's organization. */
export async function listBookablePeople(options: { actor: Actor }): Promise<Person[]> {
  assertAdminActor(options.actor);
  const people = await db.user.findMany({
    where: { organizationId: options.actor.organizationId },
    select: { id: true, name: true, deactivatedAt: true },
    orderBy: { name: "asc" },
  });
  // Deactivated members keep their memberships (for a reactivation) but are never offered to customers.
  return people.map((p) => ({ id: p.id, name: p.deactivatedAt ? `${p.name} (deactivated)` : p.name }));
}

/** The admin's own zone, a sensible default for a new calendar. */
export async function defaultTimeZoneFor(actor: Actor): Promise<string> {
  const me = await db.user.findFirst({ where: { id: actor.userId, organizationId: actor.organizationId }, select: { timeZone: true } });
  return me?.timeZone ?? "UTC";
}

/** Whether iCloud applies, per type, for client forms (the rule itself lives in lib/booking). */
export function icloudByType(): Record<string, boolean> {
  return Object.fromEntries(BOOKING_CALENDAR_TYPES.map((type) => [type, usesICloud(type)]));
}
