import { addDays, localDateOf } from "@/lib/availability";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { BusyBlockItem, CalendarFreshness, ViewedMember } from "./types";

// iCloud busy time as the calendar view shows it. The calendars that count are the ones
// availability counts (lib/booking/busy-blocks.ts): ticked "Check for conflicts", still present in
// iCloud, on a connection that is not disconnected. Everything is scoped by the actor's organization.

export const REDACTED_TITLE = "Busy";

function countedCalendars(organizationId: string): Prisma.ExternalCalendarWhereInput {
  return { organizationId, checkConflicts: true, missingSince: null, connection: { organizationId, status: { not: "DISCONNECTED" } } };
}

/**
 * A busy block's title is private to its owner: an admin looking at a colleague's calendar, like
 * anyone else, sees "Busy" (iCloud events are personal: "Doctor", "Pick up John"). Decided here
 * from the actor, whatever the caller already checked, so a new caller can't leak titles.
 */
export function mayReadTitles(actor: Pick<Actor, "userId">, ownerId: string): boolean {
  return actor.userId === ownerId;
}

export async function listBusyBlockItems({
  actor,
  members,
  start,
  end,
}: {
  actor: Actor;
  members: ViewedMember[];
  start: Date;
  end: Date;
}): Promise<BusyBlockItem[]> {
  if (members.length === 0) return [];
  const byId = new Map(members.map((m) => [m.id, m]));
  const rows = await db.busyBlock.findMany({
    where: {
      organizationId: actor.organizationId,
      userId: { in: [...byId.keys()] },
      startsAt: { lt: end },
      endsAt: { gt: start },
      externalCalendar: countedCalendars(actor.organizationId),
    },
    select: {
      id: true,
      userId: true,
      startsAt: true,
      endsAt: true,
      allDay: true,
      title: true,
      externalCalendar: { select: { displayName: true, color: true, lastRefreshedAt: true } },
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => {
    const owner = byId.get(row.userId)!;
    const includeTitle = mayReadTitles(actor, row.userId);
    return {
      id: row.id,
      staff: { id: owner.id, name: owner.name },
      start: row.startsAt,
      end: row.endsAt,
      allDay: row.allDay ? ownerDates(row.startsAt, row.endsAt, owner.timeZone) : null,
      title: includeTitle && row.title.trim() ? row.title : REDACTED_TITLE,
      calendarName: row.externalCalendar.displayName,
      color: row.externalCalendar.color,
      lastRefreshedAt: row.externalCalendar.lastRefreshedAt,
    };
  });
}

/**
 * All-day blocks are stored as the owner's local midnights (the read-back converts them in the
 * owner's zone); shown as those dates, so a viewer elsewhere still sees the owner's day off.
 */
function ownerDates(start: Date, end: Date, timeZone: string): { start: string; end: string } {
  const first = localDateOf(start.getTime(), timeZone);
  const last = localDateOf(Math.max(start.getTime(), end.getTime() - 1), timeZone);
  return { start: first, end: addDays(last, 1) };
}

/** The calendars whose busy time the view shows, with when each was last read from iCloud. */
export async function listCalendarFreshness({ actor, members }: { actor: Actor; members: ViewedMember[] }): Promise<CalendarFreshness[]> {
  if (members.length === 0) return [];
  const names = new Map(members.map((m) => [m.id, m.name]));
  const rows = await db.externalCalendar.findMany({
    where: { ...countedCalendars(actor.organizationId), userId: { in: [...names.keys()] } },
    select: { id: true, userId: true, displayName: true, color: true, lastRefreshedAt: true, connection: { select: { status: true } } },
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
  });
  return rows
    .map((row) => ({
      id: row.id,
      staff: { id: row.userId, name: names.get(row.userId) ?? "" },
      displayName: row.displayName,
      color: row.color,
      lastRefreshedAt: row.lastRefreshedAt,
      connectionStatus: row.connection.status as CalendarFreshness["connectionStatus"],
    }))
    .sort((a, b) => a.staff.name.localeCompare(b.staff.name));
}
