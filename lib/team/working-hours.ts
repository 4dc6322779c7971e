import { localDateOf } from "@/lib/availability";
import { assertCanManageUser } from "@/lib/auth/rules";
import type { Actor } from "@/lib/auth/session";
import { dateColumn, dateColumnToString } from "@/lib/booking-calendars/fields";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { MinuteInterval, OverrideInput, WeeklyHoursInput } from "./working-hours-schemas";

// A staff member's weekly hours and date overrides, in their own zone. Staff manage their own;
// admins anyone in their organization (lib/auth/rules.ts).

/** The target, loaded within the actor's organization, or FORBIDDEN. */
async function manageableUser(actor: Actor, userId: string) {
  const target = await db.user.findFirst({
    where: { id: userId, organizationId: actor.organizationId },
    select: { id: true, organizationId: true, name: true, timeZone: true },
  });
  assertCanManageUser(actor, target);
  return target!;
}

export interface DateOverrideView {
  date: string;
  /** Empty: a day off. */
  intervals: MinuteInterval[];
}

export interface WorkingHoursView {
  userId: string;
  name: string;
  timeZone: string;
  /** Today in the user's zone; earlier overrides are history and not listed. */
  today: string;
  weekly: { weekday: number; intervals: MinuteInterval[] }[];
  overrides: DateOverrideView[];
}

export async function getWorkingHoursForEdit(options: { actor: Actor; userId: string }): Promise<WorkingHoursView> {
  const user = await manageableUser(options.actor, options.userId);
  const today = localDateOf(Date.now(), user.timeZone);
  const [hours, overrides] = await Promise.all([
    db.workingHours.findMany({
      where: { userId: user.id, organizationId: user.organizationId },
      orderBy: [{ weekday: "asc" }, { startMinute: "asc" }],
    }),
    db.workingHoursOverride.findMany({
      where: { userId: user.id, organizationId: user.organizationId, date: { gte: dateColumn(today) } },
      orderBy: [{ date: "asc" }, { startMinute: "asc" }],
    }),
  ]);
  const byDate = new Map<string, MinuteInterval[]>();
  for (const row of overrides) {
    const date = dateColumnToString(row.date);
    const intervals = byDate.get(date) ?? [];
    if (row.startMinute !== null && row.endMinute !== null) intervals.push({ startMinute: row.startMinute, endMinute: row.endMinute });
    byDate.set(date, intervals);
  }
  return {
    userId: user.id,
    name: user.name,
    timeZone: user.timeZone,
    today,
    weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
      weekday,
      intervals: hours.filter((h) => h.weekday === weekday).map(({ startMinute, endMinute }) => ({ startMinute, endMinute })),
    })),
    overrides: [...byDate].map(([date, intervals]) => ({ date, intervals })),
  };
}

/**
 * Replaces the weekly hours and sets the time zone they are read in. The hours keep their local
 * times when the zone changes (9–17 stays 9–17 where the person now works).
 */
export async function saveWorkingHours(options: { actor: Actor; input: WeeklyHoursInput }): Promise<void> {
  const { input } = options;
  const user = await manageableUser(options.actor, input.userId);
  await db.$transaction(async (tx) => {
    await tx.workingHours.deleteMany({ where: { userId: user.id } });
    await tx.workingHours.createMany({
      data: input.hours.map((h) => ({
        organizationId: user.organizationId,
        userId: user.id,
        weekday: h.weekday,
        startMinute: h.startMinute,
        endMinute: h.endMinute,
      })),
    });
    await tx.user.update({ where: { id: user.id }, data: { timeZone: input.timeZone } });
  });
}

/** Sets one date's hours (no intervals: a day off), replacing any earlier override of that date. */
export async function setWorkingHoursOverride(options: { actor: Actor; input: OverrideInput }): Promise<void> {
  const { input } = options;
  const user = await manageableUser(options.actor, input.userId);
  if (input.date < localDateOf(Date.now(), user.timeZone)) {
    throw new AppError("INVALID_INPUT", "Choose today or a later date.");
  }
  const date = dateColumn(input.date);
  await db.$transaction(async (tx) => {
    await tx.workingHoursOverride.deleteMany({ where: { userId: user.id, date } });
    const base = { organizationId: user.organizationId, userId: user.id, date };
    await tx.workingHoursOverride.createMany({
      data:
        input.intervals.length === 0 ? [{ ...base, startMinute: null, endMinute: null }] : input.intervals.map((i) => ({ ...base, ...i })),
    });
  });
}

/** Removes a date's override: the weekly hours apply to that date again. */
export async function removeWorkingHoursOverride(options: { actor: Actor; userId: string; date: string }): Promise<void> {
  const user = await manageableUser(options.actor, options.userId);
  const { count } = await db.workingHoursOverride.deleteMany({
    where: { userId: user.id, organizationId: user.organizationId, date: dateColumn(options.date) },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "That date has no special hours any more.");
}
