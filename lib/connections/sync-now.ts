import { assertCanManageUser } from "@/lib/auth/rules";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueueCalendarRefresh } from "@/lib/jobs/refresh";

/**
 * "Sync now": the connection's counted calendars are read by the worker right away (the
 * request itself makes no CalDAV call). Returns when it was asked, for the page to follow.
 */
export async function requestSyncNow({
  actor,
  connectionId,
}: {
  actor: Actor;
  connectionId: string;
}): Promise<{ requestedAt: Date; calendars: number }> {
  const connection = await db.calendarConnection.findFirst({
    where: { id: connectionId, organizationId: actor.organizationId, status: { not: "DISCONNECTED" } },
    include: { calendars: { where: { missingSince: null, OR: [{ checkConflicts: true }, { isPrimary: true }] }, select: { id: true } } },
  });
  assertCanManageUser(actor, connection && { id: connection.userId, organizationId: connection.organizationId });
  if (!connection) throw new AppError("NOT_FOUND", "That calendar connection does not exist.");
  if (connection.status === "NEEDS_REAUTH")
    throw new AppError("CONFLICT", "This connection needs a new app-specific password first. Use Reconnect.");
  if (connection.calendars.length === 0)
    throw new AppError("CONFLICT", "No calendar of this connection is checked for conflicts, so there is nothing to read.");
  const requestedAt = new Date();
  await db.$transaction(async (tx) => {
    // Sync now overrides any backoff: the person asked for it.
    await tx.externalCalendar.updateMany({ where: { id: { in: connection.calendars.map((c) => c.id) } }, data: { nextRefreshAt: null } });
    for (const calendar of connection.calendars) await enqueueCalendarRefresh(tx, calendar.id);
  });
  return { requestedAt, calendars: connection.calendars.length };
}
