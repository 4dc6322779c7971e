import { recordAudit } from "@/lib/audit";
import type { Db } from "@/lib/db";
import { db } from "@/lib/db";
import { queueEmail } from "@/lib/email/queue";
import { env } from "@/lib/env";

/**
 * The one place a connection is marked as needing a new app-specific password: a 401 from
 * iCloud on a password that used to work (typically revoked by an Apple ID password change).
 * Used by the connection re-check here and by the sync jobs. Returns false if it was not live.
 */
export async function markConnectionNeedsReauth({ connectionId, reason }: { connectionId: string; reason: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const connection = await tx.calendarConnection.findUnique({ where: { id: connectionId } });
    if (!connection || connection.status === "DISCONNECTED") return false;
    if (connection.status !== "NEEDS_REAUTH") {
      await tx.calendarConnection.update({
        where: { id: connectionId },
        data: { status: "NEEDS_REAUTH", lastError: reason, lastCheckedAt: new Date() },
      });
      await recordAudit(tx, {
        organizationId: connection.organizationId,
        actorId: null,
        subjectUserId: connection.userId,
        action: "connection.needs_reauth",
        details: { appleId: connection.appleId, reason },
      });
      await queueReconnectEmail(tx, connection);
    }
    return true;
  });
}

export const NEEDS_REAUTH_REASON = "iCloud rejected the stored app-specific password (it may have been revoked).";

/**
 * "Reconnect your iCloud calendar", once per break: the connection remembers that it was queued
 * until a reconnect clears the mark, and the key carries the time of this break.
 */
async function queueReconnectEmail(
  tx: Db,
  connection: { id: string; organizationId: string; userId: string; appleId: string; reauthEmailQueuedAt: Date | null },
) {
  if (connection.reauthEmailQueuedAt) return;
  const queuedAt = new Date();
  await tx.calendarConnection.update({ where: { id: connection.id }, data: { reauthEmailQueuedAt: queuedAt } });
  const [user, organization] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: connection.userId }, select: { name: true, email: true } }),
    tx.organization.findUniqueOrThrow({ where: { id: connection.organizationId }, select: { name: true } }),
  ]);
  await queueEmail(tx, {
    organizationId: connection.organizationId,
    idempotencyKey: `connection:${connection.id}:icloud_reconnect:${queuedAt.toISOString()}`,
    to: { email: user.email, name: user.name },
    userId: connection.userId,
    data: {
      kind: "icloud_reconnect",
      organizationName: organization.name,
      userName: user.name,
      appleId: connection.appleId,
      settingsUrl: new URL("/settings/profile/calendars", env.APP_URL).href,
    },
  });
}
