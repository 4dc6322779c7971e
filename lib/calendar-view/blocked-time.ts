import { addDays, localDateOf } from "@/lib/availability";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { formatTime } from "@/lib/time-format";
import type { BlockedTimeItem, ViewedMember } from "./types";

/**
 * The viewed members' blocked time in a range, with the wall times of the member's own zone the
 * edit form shows. Editable by the member and by admins (the actions check again).
 */
export async function listBlockedTimeItems({
  actor,
  members,
  start,
  end,
}: {
  actor: Actor;
  members: ViewedMember[];
  start: Date;
  end: Date;
}): Promise<BlockedTimeItem[]> {
  if (members.length === 0) return [];
  const byId = new Map(members.map((m) => [m.id, m]));
  const rows = await db.blockedTime.findMany({
    where: {
      organizationId: actor.organizationId,
      userId: { in: [...byId.keys()] },
      deletedAt: null,
      startsAt: { lt: end },
      endsAt: { gt: start },
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 2000,
  });
  return rows.map((row) => {
    const member = byId.get(row.userId)!;
    const zone = member.timeZone;
    const lastDay = addDays(localDateOf(row.endsAt.getTime(), zone), row.allDay ? -1 : 0);
    return {
      id: row.id,
      staff: { id: member.id, name: member.name, timeZone: zone },
      title: row.title,
      start: row.startsAt,
      end: row.endsAt,
      allDay: row.allDay ? { start: localDateOf(row.startsAt.getTime(), zone), end: localDateOf(row.endsAt.getTime(), zone) } : null,
      local: {
        startDate: localDateOf(row.startsAt.getTime(), zone),
        startTime: formatTime(row.startsAt, zone),
        endDate: lastDay,
        endTime: formatTime(row.endsAt, zone),
      },
      repeats: row.seriesId !== null,
      editable: actor.role === "ADMIN" || row.userId === actor.userId,
    };
  });
}
