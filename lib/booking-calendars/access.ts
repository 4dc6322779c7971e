import type { Db } from "@/lib/db";
import type { Actor } from "@/lib/auth/session";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { FieldError } from "./errors";

/** Booking calendars are an organization's public offer: only its admins shape them. */
export function assertAdminActor(actor: Actor): void {
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only administrators can manage booking calendars.");
}

const NOT_FOUND = "That booking calendar does not exist.";

/**
 * Loads the calendar within the actor's organization and locks its row until the transaction
 * ends. A booking's insert takes a key-share lock on the row (the foreign key), so while we hold
 * this lock no appointment can appear: the "no upcoming appointments" checks stay true.
 */
export async function lockCalendar(tx: Prisma.TransactionClient, actor: Actor, bookingCalendarId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "BookingCalendar" WHERE id = ${bookingCalendarId} AND "organizationId" = ${actor.organizationId} FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", NOT_FOUND);
  return tx.bookingCalendar.findUniqueOrThrow({ where: { id: bookingCalendarId } });
}

export async function findCalendar(client: Db, actor: Actor, bookingCalendarId: string) {
  const calendar = await client.bookingCalendar.findFirst({ where: { id: bookingCalendarId, organizationId: actor.organizationId } });
  if (!calendar) throw new AppError("NOT_FOUND", NOT_FOUND);
  return calendar;
}

/** Every id must be a user of the actor's organization; someone else's staff can't be booked here. */
export async function assertOrganizationUsers(client: Db, actor: Actor, userIds: string[], field: string): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const found = await client.user.count({ where: { id: { in: unique }, organizationId: actor.organizationId } });
  if (found !== unique.length) {
    throw new FieldError("INVALID_INPUT", field, "Choose people from your organization. Refresh the page if someone was just removed.");
  }
}

/** Confirmed appointments that haven't started yet, optionally narrowed (a service, a class). */
export function countUpcomingAppointments(client: Db, where: Prisma.AppointmentWhereInput): Promise<number> {
  return client.appointment.count({ where: { ...where, status: "CONFIRMED", startsAt: { gt: new Date() } } });
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * SERVICE and CLASS calendars take their staff from their services and classes; their member
 * rows mirror those people so lists and reports show who works on the calendar.
 */
export async function syncDerivedMembers(tx: Prisma.TransactionClient, calendar: { id: string; organizationId: string; type: string }) {
  let userIds: string[] = [];
  if (calendar.type === "SERVICE") {
    const links = await tx.serviceStaff.findMany({ where: { service: { bookingCalendarId: calendar.id } }, select: { userId: true } });
    userIds = links.map((l) => l.userId);
  } else if (calendar.type === "CLASS") {
    const sessions = await tx.classSession.findMany({ where: { bookingCalendarId: calendar.id }, select: { instructorId: true } });
    userIds = sessions.map((s) => s.instructorId);
  } else {
    return;
  }
  const wanted = [...new Set(userIds)];
  await tx.bookingCalendarMember.deleteMany({ where: { bookingCalendarId: calendar.id, userId: { notIn: wanted } } });
  const existing = await tx.bookingCalendarMember.findMany({ where: { bookingCalendarId: calendar.id }, select: { userId: true } });
  const have = new Set(existing.map((m) => m.userId));
  const missing = wanted.filter((id) => !have.has(id));
  if (missing.length > 0) {
    await tx.bookingCalendarMember.createMany({
      data: missing.map((userId) => ({ organizationId: calendar.organizationId, bookingCalendarId: calendar.id, userId, priority: 0 })),
    });
  }
}
