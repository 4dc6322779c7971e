import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertAdminActor, assertOrganizationUsers, countUpcomingAppointments, findCalendar, plural, syncDerivedMembers } from "./access";
import { FieldError } from "./errors";
import { dateColumn, dateColumnToString } from "./fields";
import { localToInstant } from "./local-time";
import type { ClassSessionInput } from "./schemas";

type Target = { actor: Actor; bookingCalendarId: string };

async function classCalendar(tx: Prisma.TransactionClient, { actor, bookingCalendarId }: Target) {
  const calendar = await findCalendar(tx, actor, bookingCalendarId);
  if (calendar.type !== "CLASS") throw new AppError("INVALID_INPUT", "Classes belong to class calendars.");
  return calendar;
}

/**
 * Locks the session and its occurrences: a new occurrence references the session and a seat
 * updates its occurrence, so no booking can slip in while we check the upcoming ones.
 */
async function lockSession(tx: Prisma.TransactionClient, target: Target, sessionId: string) {
  const calendar = await classCalendar(tx, target);
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "ClassSession" WHERE id = ${sessionId} AND "bookingCalendarId" = ${calendar.id} AND "organizationId" = ${calendar.organizationId} FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", "That class does not exist.");
  await tx.$queryRaw`SELECT id FROM "ClassOccurrence" WHERE "sessionId" = ${sessionId} FOR UPDATE`;
  const session = await tx.classSession.findUniqueOrThrow({ where: { id: sessionId } });
  return { calendar, session };
}

/** A one-time class in the past could never be booked; a weekly one may have started already. */
function assertBookable(data: { recurrence: string; startsAt: Date }) {
  if (data.recurrence === "NONE" && data.startsAt.getTime() <= Date.now()) {
    throw new FieldError("INVALID_INPUT", "date", "A one-time class must be in the future.");
  }
}

/** The row to store: the first occurrence's local date and time become an instant in the calendar's zone. */
async function sessionData(tx: Prisma.TransactionClient, actor: Actor, timeZone: string, input: ClassSessionInput) {
  await assertOrganizationUsers(tx, actor, [input.instructorId], "instructorId");
  const startsAt = localToInstant(input.date, input.time, timeZone);
  return {
    title: input.title,
    instructorId: input.instructorId,
    startsAt,
    durationMinutes: input.durationMinutes,
    capacity: input.capacity,
    recurrence: input.recurrence,
    repeatUntil: input.repeatUntil ? dateColumn(input.repeatUntil) : null,
  };
}

export async function createClassSession(options: Target & { input: ClassSessionInput }): Promise<{ id: string }> {
  const { actor, input } = options;
  assertAdminActor(actor);
  return db.$transaction(async (tx) => {
    const calendar = await classCalendar(tx, options);
    const data = await sessionData(tx, actor, calendar.timeZone, input);
    assertBookable(data);
    const session = await tx.classSession.create({
      data: { organizationId: calendar.organizationId, bookingCalendarId: calendar.id, ...data },
      select: { id: true },
    });
    await syncDerivedMembers(tx, calendar);
    return session;
  });
}

/**
 * With upcoming bookings, only the title and the capacity may change: moving the class or its
 * instructor would silently change what customers booked. A new capacity applies to upcoming
 * occurrences too, and may not drop below the seats already taken.
 */
export async function updateClassSession(options: Target & { sessionId: string; input: ClassSessionInput }): Promise<void> {
  const { actor, input, sessionId } = options;
  assertAdminActor(actor);
  await db.$transaction(async (tx) => {
    const { calendar, session } = await lockSession(tx, options, sessionId);
    const data = await sessionData(tx, actor, calendar.timeZone, input);
    const upcoming = await countUpcomingAppointments(tx, { classOccurrence: { sessionId } });
    const scheduleChanged =
      data.startsAt.getTime() !== session.startsAt.getTime() ||
      data.durationMinutes !== session.durationMinutes ||
      data.recurrence !== session.recurrence ||
      data.instructorId !== session.instructorId ||
      (data.repeatUntil ? dateColumnToString(data.repeatUntil) : null) !==
        (session.repeatUntil ? dateColumnToString(session.repeatUntil) : null);
    if (scheduleChanged) assertBookable(data);
    if (upcoming > 0 && scheduleChanged) {
      throw new AppError(
        "CONFLICT",
        `This class has ${plural(upcoming, "upcoming booking")}, so its time, length, repetition and instructor can't change. You can still change its title and capacity.`,
      );
    }
    const future = { sessionId, startsAt: { gt: new Date() } };
    const fullest = await tx.classOccurrence.findFirst({ where: future, orderBy: { seatsTaken: "desc" }, select: { seatsTaken: true } });
    if (fullest && fullest.seatsTaken > data.capacity) {
      throw new FieldError(
        "CONFLICT",
        "capacity",
        `${fullest.seatsTaken} people have already booked one of the upcoming classes; the capacity can't be lower.`,
      );
    }
    await tx.classSession.update({ where: { id: sessionId }, data });
    await tx.classOccurrence.updateMany({ where: future, data: { capacity: data.capacity } });
    await syncDerivedMembers(tx, calendar);
  });
}

export async function deleteClassSession(options: Target & { sessionId: string }): Promise<void> {
  const { actor, sessionId } = options;
  assertAdminActor(actor);
  await db.$transaction(async (tx) => {
    const { calendar } = await lockSession(tx, options, sessionId);
    const upcoming = await countUpcomingAppointments(tx, { classOccurrence: { sessionId } });
    if (upcoming > 0) {
      throw new AppError("CONFLICT", `This class has ${plural(upcoming, "upcoming booking")}. Cancel them first; nothing was deleted.`);
    }
    await tx.classSession.delete({ where: { id: sessionId } });
    await syncDerivedMembers(tx, calendar);
  });
}
