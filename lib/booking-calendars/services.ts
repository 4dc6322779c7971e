import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertAdminActor, assertOrganizationUsers, countUpcomingAppointments, findCalendar, plural, syncDerivedMembers } from "./access";
import { FieldError } from "./errors";
import type { ServiceInput } from "./schemas";

type Target = { actor: Actor; bookingCalendarId: string };

async function serviceCalendar(tx: Prisma.TransactionClient, { actor, bookingCalendarId }: Target) {
  const calendar = await findCalendar(tx, actor, bookingCalendarId);
  if (calendar.type !== "SERVICE") throw new AppError("INVALID_INPUT", "Services belong to service calendars.");
  return calendar;
}

/** Locks the service row: a booking's insert references it, so none can appear while we decide. */
async function lockService(tx: Prisma.TransactionClient, target: Target, serviceId: string) {
  const calendar = await serviceCalendar(tx, target);
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Service" WHERE id = ${serviceId} AND "bookingCalendarId" = ${calendar.id} AND "organizationId" = ${calendar.organizationId} FOR UPDATE`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", "That service does not exist.");
  return calendar;
}

async function assertNameFree(tx: Prisma.TransactionClient, bookingCalendarId: string, name: string, exceptId?: string) {
  const same = await tx.service.findFirst({
    where: { bookingCalendarId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (same) throw new FieldError("CONFLICT", "name", "This calendar already has a service with that name.");
}

export async function createService(options: Target & { input: ServiceInput }): Promise<{ id: string }> {
  const { actor, input } = options;
  assertAdminActor(actor);
  return db.$transaction(async (tx) => {
    const calendar = await serviceCalendar(tx, options);
    await assertOrganizationUsers(tx, actor, input.staffIds, "staffIds");
    await assertNameFree(tx, calendar.id, input.name);
    const service = await tx.service.create({
      data: {
        organizationId: calendar.organizationId,
        bookingCalendarId: calendar.id,
        name: input.name,
        durationMinutes: input.durationMinutes,
        staff: { create: [...new Set(input.staffIds)].map((userId) => ({ userId })) },
      },
      select: { id: true },
    });
    await syncDerivedMembers(tx, calendar);
    return service;
  });
}

/** Existing appointments keep their times and staff; the change applies to new bookings. */
export async function updateService(options: Target & { serviceId: string; input: ServiceInput }): Promise<void> {
  const { actor, input, serviceId } = options;
  assertAdminActor(actor);
  await db.$transaction(async (tx) => {
    const calendar = await lockService(tx, options, serviceId);
    await assertOrganizationUsers(tx, actor, input.staffIds, "staffIds");
    await assertNameFree(tx, calendar.id, input.name, serviceId);
    await tx.service.update({ where: { id: serviceId }, data: { name: input.name, durationMinutes: input.durationMinutes } });
    await tx.serviceStaff.deleteMany({ where: { serviceId } });
    await tx.serviceStaff.createMany({ data: [...new Set(input.staffIds)].map((userId) => ({ serviceId, userId })) });
    await syncDerivedMembers(tx, calendar);
  });
}

export async function deleteService(options: Target & { serviceId: string }): Promise<void> {
  const { actor, serviceId } = options;
  assertAdminActor(actor);
  await db.$transaction(async (tx) => {
    const calendar = await lockService(tx, options, serviceId);
    const upcoming = await countUpcomingAppointments(tx, { serviceId });
    if (upcoming > 0) {
      throw new AppError(
        "CONFLICT",
        `This service has ${plural(upcoming, "upcoming appointment")}. Cancel or move them first; nothing was deleted.`,
      );
    }
    await tx.service.delete({ where: { id: serviceId } });
    await syncDerivedMembers(tx, calendar);
  });
}
