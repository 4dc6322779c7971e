import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { listAppointmentItems } from "./appointments";
import { listBlockedTimeItems } from "./blocked-time";
import { listBusyBlockItems, listCalendarFreshness } from "./busy-blocks";
import type { CalendarFeed, ViewedMember } from "./types";

export { listAppointmentItems } from "./appointments";
export { listBusyBlockItems, listCalendarFreshness, REDACTED_TITLE } from "./busy-blocks";

/** "team": every member of the actor's organization (admins only). */
export const TEAM = "team";

/**
 * Whose calendar the actor may see: staff their own only; admins anyone in their organization,
 * or the whole team. A user id from another organization is NOT_FOUND, so ids can't be probed.
 */
export async function resolveViewedMembers({ actor, staffId }: { actor: Actor; staffId?: string }): Promise<ViewedMember[]> {
  const select = { id: true, name: true, timeZone: true } as const;
  const target = staffId ?? actor.userId;
  if (target !== actor.userId && actor.role !== "ADMIN") {
    throw new AppError("FORBIDDEN", "Only administrators can see other staff members' calendars.");
  }
  if (target === TEAM) {
    return db.user.findMany({ where: { organizationId: actor.organizationId }, select, orderBy: [{ name: "asc" }, { id: "asc" }] });
  }
  const member = await db.user.findFirst({ where: { id: target, organizationId: actor.organizationId }, select });
  if (!member) throw new AppError("NOT_FOUND", "This staff member does not exist.");
  return [member];
}

/** Everything the calendar view shows for a range: appointments, blocked time, busy blocks and calendar freshness. */
export async function getCalendarFeed({
  actor,
  staffId,
  start,
  end,
}: {
  actor: Actor;
  staffId?: string;
  start: Date;
  end: Date;
}): Promise<CalendarFeed> {
  const members = await resolveViewedMembers({ actor, staffId });
  const [appointments, busyBlocks, blockedTime, calendars] = await Promise.all([
    listAppointmentItems({ organizationId: actor.organizationId, members, start, end }),
    listBusyBlockItems({ actor, members, start, end }),
    listBlockedTimeItems({ actor, members, start, end }),
    listCalendarFreshness({ actor, members }),
  ]);
  return { members, appointments, busyBlocks, blockedTime, calendars };
}
