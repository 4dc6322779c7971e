import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";

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
    }
    return true;
  });
}

export const NEEDS_REAUTH_REASON = "iCloud rejected the stored app-specific password (it may have been revoked).";
