import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueue } from "@/lib/jobs/enqueue";
import { recordPrimaryChange } from "./calendar-list";
import { PASSWORD_REJECTED_EXPLANATION } from "./finish-disconnect";

/**
 * Takes the connection's calendars out of the configuration and stops all use of it (push and
 * refresh skip non-ACTIVE connections). The stored password is deleted at once, unless the
 * member asked to remove the CRM's events from iCloud and there are some: then it is kept for
 * the finish_disconnect job alone, which deletes them and then the password (at most an hour).
 */
export async function disconnectICloud(options: { actor: Actor; connectionId: string; removeEvents: boolean }): Promise<void> {
  const { actor } = options;
  await db.$transaction(async (tx) => {
    const connection = await tx.calendarConnection.findFirst({
      where: { id: options.connectionId, organizationId: actor.organizationId, userId: actor.userId, status: { not: "DISCONNECTED" } },
      select: { id: true },
    });
    if (!connection) throw new AppError("NOT_FOUND", "That calendar connection does not exist.");
    await disconnectInTransaction(tx, { connectionId: connection.id, actorId: actor.userId, removeEvents: options.removeEvents });
  });
}

/**
 * The disconnect itself, in the caller's transaction; the caller has checked who may do it
 * (the member, or an admin deactivating them: lib/team/members.ts).
 */
export async function disconnectInTransaction(
  tx: Prisma.TransactionClient,
  options: { connectionId: string; actorId: string; removeEvents: boolean },
): Promise<void> {
  const connection = await tx.calendarConnection.findFirstOrThrow({
    where: { id: options.connectionId, status: { not: "DISCONNECTED" } },
    include: { calendars: { where: { isPrimary: true }, select: { id: true } } },
  });
  const copies = options.removeEvents
    ? await tx.remoteEvent.count({ where: { url: { not: null }, externalCalendar: { connectionId: connection.id } } })
    : 0;
  // A password iCloud already rejected is not tried again (repeated failures can lock the Apple ID).
  const passwordRejected = copies > 0 && connection.status === "NEEDS_REAUTH";
  const keepPasswordForRemoval = copies > 0 && !passwordRejected;
  await tx.calendarConnection.update({
    where: { id: connection.id },
    data: {
      ...(keepPasswordForRemoval ? {} : { passwordCiphertext: null, passwordKeyId: null }),
      status: "DISCONNECTED",
      disconnectedAt: new Date(),
      removeEventsOnDisconnect: options.removeEvents,
      lastError: passwordRejected ? PASSWORD_REJECTED_EXPLANATION : null,
    },
  });
  await tx.externalCalendar.updateMany({
    where: { connectionId: connection.id },
    data: { isPrimary: false, checkConflicts: false },
  });
  const primary = connection.calendars[0];
  if (primary) await recordPrimaryChange(tx, connection, primary.id, null, options.actorId);
  await recordAudit(tx, {
    organizationId: connection.organizationId,
    actorId: options.actorId,
    subjectUserId: connection.userId,
    action: "connection.disconnected",
    details: {
      appleId: connection.appleId,
      removeEvents: options.removeEvents,
      ...(passwordRejected ? { reason: PASSWORD_REJECTED_EXPLANATION } : {}),
    },
  });
  if (keepPasswordForRemoval) {
    await enqueue(tx, "finish_disconnect", { connectionId: connection.id });
  }
}
