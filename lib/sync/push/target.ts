import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { usesICloud } from "@/lib/booking/calendar-rules";
import { describeBooked } from "@/lib/ical/push-event";

export interface PushTarget {
  /** What the staff member's iCloud should hold for this appointment. */
  wanted: { start: number; end: number; summary: string; description: string; url: string; timeZone: string; allDay?: boolean } | null;
  /** Where: the staff member's current primary calendar on an ACTIVE connection, if any. */
  calendar: { id: string; url: string } | null;
  connection: { id: string; status: string; appleId: string; passwordKeyId: string | null; passwordCiphertext: Uint8Array | null } | null;
  organizationId: string;
  simple: boolean;
}

/** Reads the appointment's current state: the job never trusts what its payload said. */
export async function loadPushTarget(appointmentId: string, userId: string): Promise<PushTarget | null> {
  const appointment = await db.appointment.findUnique({
    where: { id: appointmentId },
    include: {
      bookingCalendar: { select: { name: true, type: true } },
      service: { select: { name: true } },
      contact: { select: { name: true, email: true, phone: true } },
      holds: { where: { userId, active: true }, select: { id: true } },
    },
  });
  if (!appointment) return null;
  const { user, primary } = await memberAndPrimary(userId);
  const live = appointment.status === "CONFIRMED" && appointment.holds.length > 0;
  const what = appointment.service?.name ?? appointment.bookingCalendar.name;
  const link = new URL(`/appointments/${appointment.id}`, env.APP_URL).href;
  return {
    organizationId: appointment.organizationId,
    simple: !usesICloud(appointment.bookingCalendar.type),
    calendar: primary ? { id: primary.id, url: primary.url } : null,
    connection: primary?.connection ?? null,
    wanted: live
      ? {
          start: appointment.startsAt.getTime(),
          end: appointment.endsAt.getTime(),
          timeZone: user.timeZone,
          summary: `${what} · ${appointment.contact.name}`,
          description: [
            describeBooked(what, appointment.bookingCalendar.name),
            `Customer: ${appointment.contact.name} <${appointment.contact.email}>${appointment.contact.phone ? `, ${appointment.contact.phone}` : ""}`,
            appointment.notes ? `Notes: ${appointment.notes}` : null,
            `Booked in the CRM: ${link}`,
          ]
            .filter(Boolean)
            .join("\n"),
          url: link,
        }
      : null,
  };
}

async function memberAndPrimary(userId: string) {
  const [user, primary] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true } }),
    db.externalCalendar.findFirst({
      where: { userId, isPrimary: true, missingSince: null, connection: { status: { not: "DISCONNECTED" } } },
      include: { connection: true },
    }),
  ]);
  return { user, primary };
}

/**
 * A class occurrence as one event in its instructor's calendar: present while it has seats
 * booked and they teach it, its summary and description following the seats as they fill.
 */
export async function loadClassPushTarget(classOccurrenceId: string, userId: string): Promise<PushTarget | null> {
  const occurrence = await db.classOccurrence.findUnique({
    where: { id: classOccurrenceId },
    include: {
      session: { select: { title: true, bookingCalendar: { select: { name: true } } } },
      holds: { where: { userId, active: true }, select: { id: true } },
      appointments: { where: { status: "CONFIRMED" }, select: { contact: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!occurrence) return null;
  const { user, primary } = await memberAndPrimary(userId);
  const seats = occurrence.appointments.length;
  const live = seats > 0 && occurrence.holds.length > 0;
  return {
    organizationId: occurrence.organizationId,
    simple: false,
    calendar: primary ? { id: primary.id, url: primary.url } : null,
    connection: primary?.connection ?? null,
    wanted: live
      ? {
          start: occurrence.startsAt.getTime(),
          end: occurrence.endsAt.getTime(),
          timeZone: user.timeZone,
          summary: `${occurrence.session.title} · ${seats}/${occurrence.capacity} seats`,
          description: [
            `${describeBooked(occurrence.session.title, occurrence.session.bookingCalendar.name)}: ${seats} of ${occurrence.capacity} seats booked`,
            ...occurrence.appointments.map((a) => `- ${a.contact.name}`),
          ].join("\n"),
          url: new URL("/appointments", env.APP_URL).href,
        }
      : null,
  };
}

/**
 * Blocked time as one busy event in its member's primary calendar: present while it exists and
 * the member copies blocked time to iCloud ("Copy blocked time to iCloud", on by default).
 */
export async function loadBlockedTimePushTarget(blockedTimeId: string, userId: string): Promise<PushTarget | null> {
  const block = await db.blockedTime.findUnique({ where: { id: blockedTimeId } });
  if (!block || block.userId !== userId) return null;
  const [{ user, primary }, copy] = await Promise.all([
    memberAndPrimary(userId),
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { copyBlockedTimeToICloud: true } }),
  ]);
  const live = !block.deletedAt && copy.copyBlockedTimeToICloud;
  const date = block.startsAt.toISOString().slice(0, 10);
  return {
    organizationId: block.organizationId,
    simple: false,
    calendar: primary ? { id: primary.id, url: primary.url } : null,
    connection: primary?.connection ?? null,
    wanted: live
      ? {
          start: block.startsAt.getTime(),
          end: block.endsAt.getTime(),
          timeZone: user.timeZone,
          allDay: block.allDay,
          summary: block.title,
          description: "Blocked time in the CRM: you are not bookable then. Change it in the CRM's calendar.",
          url: new URL(`/calendar?view=timeGridDay&date=${date}`, env.APP_URL).href,
        }
      : null,
  };
}
