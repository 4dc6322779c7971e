import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertAdminActor, assertOrganizationUsers, countUpcomingAppointments, lockCalendar, plural, syncDerivedMembers } from "./access";
import { FieldError, isUniqueViolation, slugArchived, SLUG_TAKEN } from "./errors";
import { dateColumn } from "./fields";
import { MEMBER_TYPES, MEMBERS_REQUIRED } from "./calendar-types";
import type { BookingCalendarInput } from "./schemas";

function columns(input: BookingCalendarInput) {
  return {
    type: input.type,
    name: input.name,
    slug: input.slug,
    description: input.description,
    timeZone: input.timeZone,
    durationMinutes: input.durationMinutes,
    slotIntervalMinutes: input.slotIntervalMinutes,
    bufferBeforeMinutes: input.bufferBeforeMinutes,
    bufferAfterMinutes: input.bufferAfterMinutes,
    minimumNoticeMinutes: input.minimumNoticeMinutes,
    windowRollingDays: input.windowRollingDays,
    windowStartDate: input.windowStartDate ? dateColumn(input.windowStartDate) : null,
    windowEndDate: input.windowEndDate ? dateColumn(input.windowEndDate) : null,
    maxPerDayPerStaff: input.maxPerDayPerStaff,
    maxPerDayTotal: input.maxPerDayTotal,
    roundRobinMode: input.roundRobinMode,
    reminderMinutes: input.reminderMinutes,
  };
}

/** The members to store: chosen ones for member-based types, checked against the organization. */
async function chosenMembers(tx: Prisma.TransactionClient, actor: Actor, input: BookingCalendarInput) {
  if (!MEMBER_TYPES.includes(input.type)) return null;
  if (MEMBERS_REQUIRED.includes(input.type) && input.members.length === 0) {
    const kind = input.type === "ROUND_ROBIN" ? "A round-robin" : "A collective";
    throw new FieldError("INVALID_INPUT", "members", `${kind} calendar needs at least one member.`);
  }
  await assertOrganizationUsers(
    tx,
    actor,
    input.members.map((m) => m.userId),
    "members",
  );
  return input.members.map((m) => ({ organizationId: actor.organizationId, userId: m.userId, priority: m.priority }));
}

async function assertSlugFree(tx: Prisma.TransactionClient, organizationId: string, slug: string, exceptId?: string) {
  // Slugs are unique across organizations because /book/{slug} is.
  const taken = await tx.bookingCalendar.findFirst({
    where: { slug, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { organizationId: true, name: true, archivedAt: true },
  });
  if (!taken) return;
  // An archived calendar keeps its link, so old shared links never lead to someone else's page.
  if (taken.archivedAt && taken.organizationId === organizationId) throw new FieldError("CONFLICT", "slug", slugArchived(taken.name));
  throw new FieldError("CONFLICT", "slug", SLUG_TAKEN);
}

function slugRace(error: unknown): unknown {
  return isUniqueViolation(error) ? new FieldError("CONFLICT", "slug", SLUG_TAKEN) : error;
}

export async function createBookingCalendar(options: { actor: Actor; input: BookingCalendarInput }): Promise<{ id: string }> {
  const { actor, input } = options;
  assertAdminActor(actor);
  try {
    return await db.$transaction(async (tx) => {
      const members = (await chosenMembers(tx, actor, input)) ?? [];
      await assertSlugFree(tx, actor.organizationId, input.slug);
      return tx.bookingCalendar.create({
        data: { organizationId: actor.organizationId, ...columns(input), members: { create: members } },
        select: { id: true },
      });
    });
  } catch (error) {
    throw slugRace(error);
  }
}

/**
 * Saves a calendar's settings and, for member-based types, its members. The type can change only
 * while the calendar has no appointments; services or classes of the old type are removed then.
 */
export async function updateBookingCalendar(options: {
  actor: Actor;
  bookingCalendarId: string;
  input: BookingCalendarInput;
}): Promise<void> {
  const { actor, input, bookingCalendarId } = options;
  assertAdminActor(actor);
  try {
    await db.$transaction(async (tx) => {
      const calendar = await lockCalendar(tx, actor, bookingCalendarId);
      if (input.type !== calendar.type) {
        const appointments = await tx.appointment.count({ where: { bookingCalendarId } });
        if (appointments > 0) {
          throw new FieldError(
            "CONFLICT",
            "type",
            `This calendar already has ${plural(appointments, "appointment")}, so its type can't change. Create a new calendar instead.`,
          );
        }
        if (calendar.type === "SERVICE") await tx.service.deleteMany({ where: { bookingCalendarId } });
        if (calendar.type === "CLASS") await tx.classSession.deleteMany({ where: { bookingCalendarId } });
      }
      const members = await chosenMembers(tx, actor, input);
      if (input.slug !== calendar.slug) await assertSlugFree(tx, actor.organizationId, input.slug, calendar.id);
      await tx.bookingCalendar.update({ where: { id: calendar.id }, data: columns(input) });
      if (members) {
        await tx.bookingCalendarMember.deleteMany({ where: { bookingCalendarId } });
        await tx.bookingCalendarMember.createMany({ data: members.map((m) => ({ ...m, bookingCalendarId })) });
      } else {
        await syncDerivedMembers(tx, { id: calendar.id, organizationId: calendar.organizationId, type: input.type });
      }
    });
  } catch (error) {
    throw slugRace(error);
  }
}

/**
 * Archives a calendar: customers can no longer find or book it (/book/{slug} answers "not
 * found"), while its settings, members and appointments stay for history and its slug stays
 * reserved. Refused while customers have upcoming confirmed appointments on it: those people
 * expect to be seen, so the admin cancels or moves them first (we never cancel silently).
 * The row lock keeps a booking from slipping in between the count and the archive.
 */
export async function archiveBookingCalendar(options: { actor: Actor; bookingCalendarId: string }): Promise<void> {
  const { actor, bookingCalendarId } = options;
  assertAdminActor(actor);
  await db.$transaction(async (tx) => {
    const calendar = await lockCalendar(tx, actor, bookingCalendarId);
    if (calendar.archivedAt) return;
    const upcoming = await countUpcomingAppointments(tx, { bookingCalendarId });
    if (upcoming > 0) {
      throw new AppError(
        "CONFLICT",
        `“${calendar.name}” has ${plural(upcoming, "upcoming appointment")}. Cancel or move ${upcoming === 1 ? "it" : "them"} first; nothing was archived.`,
      );
    }
    await tx.bookingCalendar.update({ where: { id: calendar.id }, data: { archivedAt: new Date() } });
  });
}

/** Puts an archived calendar back online at its old link. */
export async function restoreBookingCalendar(options: { actor: Actor; bookingCalendarId: string }): Promise<void> {
  const { actor, bookingCalendarId } = options;
  assertAdminActor(actor);
  await db.$transaction(async (tx) => {
    const calendar = await lockCalendar(tx, actor, bookingCalendarId);
    if (!calendar.archivedAt) return;
    await tx.bookingCalendar.update({ where: { id: calendar.id }, data: { archivedAt: null } });
  });
}
