import type { Interval } from "@/lib/availability/types";
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
}

/** What a customer may see of a booking calendar: never staff schedules or event titles. */
export async function getPublicCalendar(slug: string): Promise<PublicCalendar | null> {
  const calendar = await db.bookingCalendar.findUnique({
    where: { slug },
    include: { organization: { select: { name: true } }, services: { orderBy: { name: "asc" } } },
  });
  // An archived calendar is retired: to customers it does not exist.
  if (!calendar || calendar.archivedAt) return null;
  return {
    slug: calendar.slug,
    name: calendar.name,
    description: calendar.description,
    type: calendar.type,
    durationMinutes: calendar.durationMinutes,
    timeZone: calendar.timeZone,
    organizationName: calendar.organization.name,
    services: calendar.services.map((s) => ({ id: s.id, name: s.name, durationMinutes: s.durationMinutes })),
  };
}

/** Open slots: unavailability is all a customer learns about the staff. */
export async function getPublicSlots({ slug, range, serviceId, now = Date.now() }: { slug: string; range: Interval; serviceId?: string; now?: number }) {
  const calendar = await db.bookingCalendar.findUnique({ where: { slug } });
  if (!calendar || calendar.archivedAt) throw new AppError("NOT_FOUND", "This booking calendar does not exist.");
  const slots = await findSlots(db, { calendar, range, now, serviceId });
  return slots.map(({ start, end, seatsLeft }) => ({ start, end, seatsLeft }));
}
