import { discoverAccount } from "@/lib/caldav/discovery";
import { isCalDavError } from "@/lib/caldav/errors";
import { recordAudit } from "@/lib/audit";
import { assertCanManageUser } from "@/lib/auth/rules";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueueUserRefresh } from "@/lib/jobs/refresh";
import { reconcileCalendars } from "./calendar-list";
import { connectionCredentials, withReauthOn401 } from "./caldav-client";
import type { CalDavSettings } from "./config";
import { explainCalDavError } from "./explain";

/**
 * "Refresh calendars": re-discovers the connection's calendars with the stored password.
 * A 401 marks the connection NEEDS_REAUTH; other failures are recorded and change nothing else.
 */
export async function refreshCalendarList(options: {
  actor: Actor;
  connectionId: string;
  settings?: CalDavSettings;
}): Promise<{ notices: string[] }> {
  const { actor } = options;
  const connection = await db.calendarConnection.findFirst({
    where: { id: options.connectionId, organizationId: actor.organizationId, status: { not: "DISCONNECTED" } },
  });
  assertCanManageUser(actor, connection && { id: connection.userId, organizationId: connection.organizationId });
  if (!connection) throw new AppError("NOT_FOUND", "That calendar connection does not exist.");
  if (connection.status === "NEEDS_REAUTH") {
    throw new AppError("CONFLICT", "This connection needs a new app-specific password first. Use Reconnect.");
  }

  let account;
  try {
    account = await withReauthOn401(connection.id, () => discoverAccount(connectionCredentials(connection, options.settings)));
  } catch (error) {
    if (!isCalDavError(error)) throw error;
    if (error.kind === "AUTH") {
      throw new AppError("UPSTREAM", "iCloud no longer accepts the stored app-specific password. Reconnect with a new one.");
    }
    const explained = explainCalDavError(error);
    await db.calendarConnection.update({ where: { id: connection.id }, data: { lastError: explained.message, lastCheckedAt: new Date() } });
    throw explained;
  }

  return db.$transaction(async (tx) => {
    const notices = await reconcileCalendars(tx, connection, account.calendars, actor.userId);
    await tx.calendarConnection.update({
      where: { id: connection.id },
      data: { status: "ACTIVE", lastError: null, lastCheckedAt: new Date() },
    });
    await recordAudit(tx, {
      organizationId: connection.organizationId,
      actorId: actor.userId,
      subjectUserId: connection.userId,
      action: "connection.calendars_refreshed",
      details: { appleId: connection.appleId, notices },
    });
    await enqueueUserRefresh(tx, connection.userId);
    return { notices };
  });
}
