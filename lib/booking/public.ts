import type { Interval } from "@/lib/availability/types";
import { publicStaffId } from "./public-ids";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { findSlots } from "./slots";

export interface PublicCalendar {
  slug: string;
  name: string;
  description: string;
  type: string;
  durationMinutes: number;
  timeZone: string;
  organizationName: string;
  services: { id: string; name: string; durationMinutes: number }[];
  /** "30 minutes"; a class calendar's sessions' own lengths ("45–60 minutes"); null for services (each says its own). */
  lengthLabel: string | null;
}

/** What a customer may see of a booking calendar: never staff schedules or event titles. */
export async function getPublicCalendar(slug: string, now = new Date()): Promise<PublicCalendar | null> {
  const calendar = await db.bookingCalendar.findUnique({
    where: { slug },
    include: { organization: { select: { name: true } }, services: { orderBy: { name: "asc" } } },
  });
  // An archived calendar is retired: to customers it does not exist.
  if (!calendar || calendar.archivedAt) return null;
  const lengths =
    calendar.type === "SERVICE" ? [] : calendar.type === "CLASS" ? await classLengths(calendar.id, now) : [calendar.durationMinutes];
  return {
    slug: calendar.slug,
    name: calendar.name,
    description: calendar.description,
    type: calendar.type,
    durationMinutes: calendar.durationMinutes,
    timeZone: calendar.timeZone,
    organizationName: calendar.organization.name,
    services: calendar.services.map((s) => ({ id: s.id, name: s.name, durationMinutes: s.durationMinutes })),
    lengthLabel: lengthLabel(lengths),
  };
}

/** Open slots: unavailability is all a customer learns about the staff. */
export async function getPublicSlots({
  slug,
  range,
  serviceId,
  now = Date.now(),
}: {
  slug: string;
  range: Interval;
  serviceId?: string;
  now?: number;
}) {
  const calendar = await db.bookingCalendar.findUnique({ where: { slug } });
  if (!calendar || calendar.archivedAt) throw new AppError("NOT_FOUND", "This booking calendar does not exist.");
  const slots = await findSlots(db, { calendar, range, now, serviceId });
  return slots.map(({ start, end, seatsLeft }) => ({ start, end, seatsLeft }));
}

/** How long a calendar's bookings last, as customers read it: "30 minutes", or "45–60 minutes" for classes of different lengths. */
export function lengthLabel(minutes: number[]): string | null {
  if (minutes.length === 0) return null;
  const min = Math.min(...minutes);
  const max = Math.max(...minutes);
  return min === max ? `${min} minutes` : `${min}–${max} minutes`;
}

/** The lengths of a class calendar's sessions that still have dates to book; all of them when none has. */
async function classLengths(bookingCalendarId: string, now: Date): Promise<number[]> {
  const sessions = await db.classSession.findMany({
    where: { bookingCalendarId },
    select: { durationMinutes: true, startsAt: true, recurrence: true, repeatUntil: true },
  });
  const today = new Date(now.toISOString().slice(0, 10));
  const upcoming = sessions.filter((s) => (s.recurrence === "NONE" ? s.startsAt >= now : !s.repeatUntil || s.repeatUntil >= today));
  return [...new Set((upcoming.length ? upcoming : sessions).map((s) => s.durationMinutes))].sort((a, b) => a - b);
}

/**
 * A customer may move a booking only while its calendar takes bookings: an archived calendar
 * offers no times (its booking can still be cancelled). Unknown bookings are left to the caller.
 */
export async function assertReschedulable(appointmentId: string): Promise<void> {
  const a = await db.appointment.findUnique({
    where: { id: appointmentId },
    select: { bookingCalendar: { select: { archivedAt: true } } },
  });
  if (a?.bookingCalendar.archivedAt) {
    throw new AppError(
      "CONFLICT",
      "This booking calendar no longer takes bookings, so the booking can't be moved. It can still be cancelled.",
    );
  }
}

export interface ManageContext {
  organizationName: string;
  /** The booking page's address, or null when its calendar is archived (customers can't book there). */
  bookingPageSlug: string | null;
  /** Who the booking is (or, once cancelled, was) with; `id` is the public handle, not the user id. */
  staff: { id: string; name: string }[];
}

/**
 * What the manage page shows besides the booking itself. A cancelled booking's holds are
 * inactive, so its staff are read from the holds it had at its last time.
 */
export async function getManageContext(appointmentId: string): Promise<ManageContext | null> {
  const a = await db.appointment.findUnique({
    where: { id: appointmentId },
    select: {
      startsAt: true,
      bookingCalendar: { select: { slug: true, archivedAt: true, organization: { select: { name: true } } } },
      holds: { select: { active: true, startsAt: true, user: { select: { id: true, name: true } } } },
      classOccurrence: { select: { session: { select: { instructor: { select: { id: true, name: true } } } } } },
    },
  });
  if (!a) return null;
  const active = a.holds.filter((h) => h.active);
  const atLastTime = a.holds.filter((h) => h.startsAt.getTime() === a.startsAt.getTime());
  const people = a.classOccurrence
    ? [a.classOccurrence.session.instructor]
    : (active.length ? active : atLastTime.length ? atLastTime : a.holds).map((h) => h.user);
  return {
    organizationName: a.bookingCalendar.organization.name,
    bookingPageSlug: a.bookingCalendar.archivedAt ? null : a.bookingCalendar.slug,
    staff: people.map((p) => ({ id: publicStaffId(p.id), name: p.name })).sort((x, y) => x.name.localeCompare(y.name)),
  };
}
