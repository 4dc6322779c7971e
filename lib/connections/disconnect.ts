import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordPrimaryChange } from "./calendar-list";

/**
 * Deletes the stored credentials at once and takes the connection's calendars out of the
 * configuration. The staff member's choice about the CRM's events already in iCloud is stored
 * on the row for the push work to carry out.
 */
export async function disconnectICloud(options: { actor: Actor; connectionId: string; removeEvents: boolean }): Promise<void> {
  const { actor } = options;
  await db.$transaction(async (tx) => {
    const connection = await tx.calendarConnection.findFirst({
      where: { id: options.connectionId, organizationId: actor.organizationId, userId: actor.userId, status: { not: "DISCONNECTED" } },
      include: { calendars: { where: { isPrimary: true }, select: { id: true } } },
    });
    if (!connection) throw new AppError("NOT_FOUND", "That calendar connection does not exist.");
    await tx.calendarConnection.update({
      where: { id: connection.id },
      data: {
        passwordCiphertext: null,
        passwordKeyId: null,
        status: "DISCONNECTED",
        disconnectedAt: new Date(),
        removeEventsOnDisconnect: options.removeEvents,
      },
    });
    await tx.externalCalendar.updateMany({
      where: { connectionId: connection.id },
      data: { isPrimary: false, checkConflicts: false },
    });
    const primary = connection.calendars[0];
    if (primary) await recordPrimaryChange(tx, connection, primary.id, null, actor.userId);
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      subjectUserId: actor.userId,
      action: "connection.disconnected",
      details: { appleId: connection.appleId, removeEvents: options.removeEvents },
    });
  });
}
