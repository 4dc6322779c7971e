import type { Actor } from "@/lib/auth/session";
import { endSessions } from "@/lib/auth/session-version";
import { usesICloud } from "@/lib/booking/calendar-rules";
import { SLOT_TAKEN } from "@/lib/booking/create";
import { lockForBooking, lockUnchangedAppointment } from "@/lib/booking/locks";
import { bookableStaff, findSlots } from "@/lib/booking/slots";
import { cancelAppointmentAsStaff } from "@/lib/booking/staff";
import { disconnectInTransaction } from "@/lib/connections/disconnect";
import { isOverlapViolation } from "@/lib/db-errors";
import { db, type Tx } from "@/lib/db";
import { queueAppointmentNotifications } from "@/lib/booking/notifications";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueAppointmentPush } from "@/lib/jobs/push";

// Admin > Team: roles, deactivation and reactivation, and what happens to a deactivated
// member's future appointments. Every function checks that the actor is an admin of the
// member's organization; a member of another organization is NOT_FOUND.

function assertAdmin(actor: Actor) {
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only administrators can manage the team.");
}

async function loadMember(client: Tx | typeof db, actor: Actor, userId: string) {
  const member = await client.user.findFirst({
    where: { id: userId, organizationId: actor.organizationId },
    select: { id: true, name: true, role: true, organizationId: true, deactivatedAt: true },
  });
  if (!member) throw new AppError("NOT_FOUND", "That team member does not exist.");
  return member;
}

/** Serialises changes that could leave an organization without an active admin. */
async function lockTeam(tx: Tx, organizationId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`team:${organizationId}`}, 0))`;
}

async function assertAnotherActiveAdmin(tx: Tx, member: { id: string; name: string; organizationId: string }, doing: string) {
  const others = await tx.user.count({
    where: { organizationId: member.organizationId, role: "ADMIN", deactivatedAt: null, id: { not: member.id } },
  });
  if (others === 0) {
    throw new AppError("CONFLICT", `${member.name} is the last active admin, so they can't be ${doing}. Make someone else an admin first.`);
  }
}

/** Admin or Staff. The member's open sessions end; the new role applies from their next sign-in. */
export async function changeRole(options: { actor: Actor; userId: string; role: "ADMIN" | "STAFF" }): Promise<{ changed: boolean }> {
  const { actor } = options;
  assertAdmin(actor);
  return db.$transaction(async (tx) => {
    await lockTeam(tx, actor.organizationId);
    const member = await loadMember(tx, actor, options.userId);
    if (member.role === options.role) return { changed: false };
    if (member.role === "ADMIN" && !member.deactivatedAt) await assertAnotherActiveAdmin(tx, member, "demoted");
    await tx.user.update({ where: { id: member.id }, data: { role: options.role } });
    await endSessions(tx, member.id);
    return { changed: true };
  });
}

/**
 * Deactivates a member: they can't sign in, their open sessions end on their next request, they
 * are offered in no booking calendar (lib/booking/schedules.ts), and their iCloud credentials
 * are deleted as on a disconnect (removeEvents: the CRM's events are removed from their iCloud
 * calendar first). Appointments, past and future, are kept; the admin reassigns or cancels the
 * future ones (listFutureAppointments).
 */
export async function deactivateMember(options: { actor: Actor; userId: string; removeEvents: boolean }): Promise<void> {
  const { actor } = options;
  assertAdmin(actor);
  if (options.userId === actor.userId) throw new AppError("CONFLICT", "You can't deactivate yourself. Ask another admin.");
  await db.$transaction(async (tx) => {
    await lockTeam(tx, actor.organizationId);
    const member = await loadMember(tx, actor, options.userId);
    if (member.deactivatedAt) return;
    if (member.role === "ADMIN") await assertAnotherActiveAdmin(tx, member, "deactivated");
    await tx.user.update({ where: { id: member.id }, data: { deactivatedAt: new Date() } });
    await endSessions(tx, member.id);
    const connections = await tx.calendarConnection.findMany({
      where: { userId: member.id, status: { not: "DISCONNECTED" } },
      select: { id: true },
    });
    for (const connection of connections) {
      await disconnectInTransaction(tx, { connectionId: connection.id, actorId: actor.userId, removeEvents: options.removeEvents });
    }
  });
}

/** Lets a deactivated member sign in again. Their iCloud connection is not restored: they reconnect. */
export async function reactivateMember(options: { actor: Actor; userId: string }): Promise<void> {
  const { actor } = options;
  assertAdmin(actor);
  await db.$transaction(async (tx) => {
    const member = await loadMember(tx, actor, options.userId);
    if (!member.deactivatedAt) return;
    await tx.user.update({ where: { id: member.id }, data: { deactivatedAt: null } });
  });
}

export interface FutureAppointment {
  id: string;
  start: Date;
  end: Date;
  customerName: string;
  calendarName: string;
  what: string;
  /** Class seats follow their instructor's class: they can be cancelled here, not reassigned. */
  isClass: boolean;
  /** Members who could take it over: on the calendar (or service), active and free then. */
  freeMembers: { id: string; name: string }[];
}

/** A member's confirmed appointments that have not started yet, soonest first, with who is free to take each. */
export async function listFutureAppointments(options: { actor: Actor; userId: string; now?: number }): Promise<FutureAppointment[]> {
  const { actor } = options;
  assertAdmin(actor);
  const now = options.now ?? Date.now();
  const member = await loadMember(db, actor, options.userId);
  const rows = await db.appointment.findMany({
    where: {
      organizationId: actor.organizationId,
      status: "CONFIRMED",
      startsAt: { gt: new Date(now) },
      OR: [{ holds: { some: { userId: member.id, active: true } } }, { classOccurrence: { holds: { some: { userId: member.id } } } }],
    },
    include: {
      contact: { select: { name: true } },
      bookingCalendar: true,
      service: { select: { name: true } },
      classOccurrence: { include: { session: { select: { title: true } } } },
      holds: { where: { active: true }, select: { userId: true } },
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 200,
  });
  const result: FutureAppointment[] = [];
  for (const row of rows) {
    const isClass = row.classOccurrenceId !== null;
    let freeMembers: { id: string; name: string }[] = [];
    if (!isClass) {
      const assigned = new Set(row.holds.map((h) => h.userId));
      const { staffIds } = await bookableStaff(db, row.bookingCalendar, row.serviceId ?? undefined);
      const free: string[] = [];
      for (const candidate of staffIds.filter((id) => !assigned.has(id))) {
        if (await isFree(db, row, candidate, now)) free.push(candidate);
      }
      freeMembers = await db.user.findMany({
        where: { id: { in: free }, organizationId: actor.organizationId },
        select: { id: true, name: true },
        orderBy: { name: "asc" },
      });
    }
    result.push({
      id: row.id,
      start: row.startsAt,
      end: row.endsAt,
      customerName: row.contact.name,
      calendarName: row.bookingCalendar.name,
      what: row.service?.name ?? row.classOccurrence?.session.title ?? row.bookingCalendar.name,
      isClass,
      freeMembers,
    });
  }
  return result;
}

type Appt = Prisma.AppointmentGetPayload<{ include: { bookingCalendar: true } }>;

/** Whether the member could be booked for exactly this appointment's time, as a customer booking would check it. */
async function isFree(client: Tx | typeof db, row: Appt, userId: string, now: number): Promise<boolean> {
  const slots = await findSlots(client, {
    calendar: row.bookingCalendar,
    range: { start: row.startsAt.getTime(), end: row.startsAt.getTime() + 1 },
    now,
    serviceId: row.serviceId ?? undefined,
    onlyStaffIds: [userId],
    excludeAppointmentId: row.id,
  });
  const slot = slots.find((s) => s.start === row.startsAt.getTime());
  return Boolean(slot?.staffIds.includes(userId));
}

/**
 * Hands one appointment from a member to a colleague at the same time. The colleague must be
 * bookable on its calendar and free, checked like a booking under the booking locks, with the
 * exclusion constraint as the last guard. The iCloud push jobs for both are enqueued, and the
 * customer and the new member are told about the staff change, in the same transaction.
 */
export async function reassignAppointment(options: {
  actor: Actor;
  appointmentId: string;
  fromUserId: string;
  toUserId: string;
  now?: number;
}): Promise<void> {
  const { actor } = options;
  assertAdmin(actor);
  const now = options.now ?? Date.now();
  const appointment = await db.appointment.findFirst({
    where: { id: options.appointmentId, organizationId: actor.organizationId },
    include: { bookingCalendar: true, holds: true },
  });
  if (!appointment) throw new AppError("NOT_FOUND", "This appointment does not exist.");
  if (appointment.status === "CANCELLED") throw new AppError("CONFLICT", "This appointment was cancelled.");
  if (appointment.startsAt.getTime() <= now)
    throw new AppError("CONFLICT", "This appointment has already started, so it can't be reassigned.");
  if (appointment.classOccurrenceId) throw new AppError("CONFLICT", "A class seat goes with its class; cancel it instead.");
  const from = appointment.holds.find((h) => h.userId === options.fromUserId && h.active);
  if (!from) throw new AppError("CONFLICT", "This appointment is no longer assigned to that member.");
  const to = await db.user.findFirst({
    where: { id: options.toUserId, organizationId: actor.organizationId, deactivatedAt: null },
    select: { id: true, name: true },
  });
  if (!to) throw new AppError("NOT_FOUND", "That team member does not exist or is deactivated.");
  if (appointment.holds.some((h) => h.userId === to.id && h.active))
    throw new AppError("CONFLICT", `${to.name} is already on this appointment.`);
  const calendar = appointment.bookingCalendar;
  const { staffIds: bookable } = await bookableStaff(db, calendar, appointment.serviceId ?? undefined);
  if (!bookable.includes(to.id)) throw new AppError("CONFLICT", `${to.name} is not a member of ${calendar.name}.`);
  const notFree = new AppError("CONFLICT", `${to.name} is not free at that time. Choose someone else.`);

  try {
    await db.$transaction(async (tx) => {
      await lockUnchangedAppointment(tx, appointment);
      await lockForBooking(tx, { calendarId: calendar.maxPerDayTotal ? calendar.id : undefined, staffIds: [from.userId, to.id] });
      if (!(await isFree(tx, appointment, to.id, now))) throw notFree;
      const previous = await tx.user.findMany({
        where: { id: { in: appointment.holds.filter((h) => h.active).map((h) => h.userId) } },
        select: { id: true, name: true },
      });
      await tx.appointment.update({ where: { id: appointment.id }, data: { sequence: { increment: 1 } } });
      await tx.staffHold.update({ where: { id: from.id }, data: { active: false } });
      await tx.staffHold.upsert({
        where: { appointmentId_userId: { appointmentId: appointment.id, userId: to.id } },
        create: {
          organizationId: appointment.organizationId,
          userId: to.id,
          appointmentId: appointment.id,
          bookingCalendarId: calendar.id,
          startsAt: appointment.startsAt,
          endsAt: appointment.endsAt,
        },
        update: { startsAt: appointment.startsAt, endsAt: appointment.endsAt, active: true },
      });
      const staffIds = [...appointment.holds.filter((h) => h.active && h.userId !== from.userId).map((h) => h.userId), to.id];
      if (usesICloud(calendar.type)) await enqueueAppointmentPush(tx, appointment.id, [from.userId, to.id]);
      await queueAppointmentNotifications(tx, {
        appointmentId: appointment.id,
        change: { event: "reassigned", previousStaffNames: previous.filter((p) => p.id === from.userId).map((p) => p.name) },
        staffIds,
        notifyStaffIds: [to.id],
        actorUserId: actor.userId,
        now,
      });
    });
  } catch (error) {
    if (isOverlapViolation(error)) throw notFree;
    if (error instanceof AppError && error.message === SLOT_TAKEN) throw notFree;
    throw error;
  }
}

/** Cancels one of the member's future appointments as staff: the customer is emailed. */
export async function cancelMemberAppointment(options: { actor: Actor; appointmentId: string; now?: number }): Promise<void> {
  assertAdmin(options.actor);
  await cancelAppointmentAsStaff({ actor: options.actor, appointmentId: options.appointmentId, now: options.now });
}
