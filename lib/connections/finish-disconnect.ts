import { jobKey } from "@/lib/jobs/registry";
import { recordAudit } from "@/lib/audit";
import { isCalDavError } from "@/lib/caldav/errors";
import type { CalendarWriter } from "@/lib/caldav/writer";
import { db } from "@/lib/db";
import { recordActivity } from "@/lib/connections/activity";
import { calDavSettings, type CalDavSettings } from "./config";
import { openWriter } from "./caldav-client";

/** The password is kept for the removal at most this long after the disconnect, whatever iCloud does. */
export const CREDENTIAL_GRACE_MS = 60 * 60_000;

export const finishDisconnectJobKey = (connectionId: string) => jobKey("finish_disconnect", { connectionId })!;

export const PASSWORD_REJECTED_EXPLANATION =
  "iCloud no longer accepted the password, so the CRM's events could not be removed; remove them in the Calendar app.";

export type FinishDisconnectResult =
  | { outcome: "nothing" }
  | { outcome: "removed"; removed: number; failed: number }
  | { outcome: "gave_up"; removed: number; reason: string };

/** iCloud failed in a way worth retrying; the password stays until `deadline` at the latest. */
export class TransientDisconnectError extends Error {
  constructor(
    message: string,
    readonly deadline: Date,
  ) {
    super(message);
    this.name = "TransientDisconnectError";
  }
}

type Connection = { id: string; organizationId: string; userId: string; appleId: string };

/**
 * Carries out "remove the CRM's events" after a disconnect: deletes every copy the CRM wrote in
 * the connection's calendars, then the stored password. Idempotent: each removed copy is
 * cleared on its row at once, so a retry only deletes what is left.
 */
export async function finishDisconnect(options: {
  connectionId: string;
  settings?: CalDavSettings;
  now?: Date;
}): Promise<FinishDisconnectResult> {
  const connection = await db.calendarConnection.findUnique({ where: { id: options.connectionId } });
  if (!connection || connection.status !== "DISCONNECTED" || !connection.removeEventsOnDisconnect || !connection.passwordCiphertext) {
    return { outcome: "nothing" };
  }
  const deadline = new Date((connection.disconnectedAt ?? connection.updatedAt).getTime() + CREDENTIAL_GRACE_MS);
  const pastDeadline = (options.now ?? new Date()) >= deadline;

  let writer: CalendarWriter;
  try {
    const settings = options.settings ?? calDavSettings();
    writer = openWriter(connection, settings);
  } catch {
    return giveUp(
      connection,
      0,
      "The stored password could not be read, so the CRM's events could not be removed; remove them in the Calendar app.",
    );
  }

  const copies = await db.remoteEvent.findMany({
    where: { url: { not: null }, externalCalendar: { connectionId: connection.id } },
    select: { id: true, url: true, etag: true, userId: true, appointmentId: true },
    orderBy: { createdAt: "asc" },
  });
  let removed = 0;
  let failed = 0;
  for (const copy of copies) {
    const log = (outcome: "deleted" | "failed", detail: string) =>
      recordActivity({
        organizationId: connection.organizationId,
        userId: copy.userId,
        connectionId: connection.id,
        appointmentId: copy.appointmentId,
        operation: "delete",
        outcome,
        detail,
      });
    try {
      await removeCopy(writer, copy.url!, copy.etag);
    } catch (error) {
      if (!isCalDavError(error)) throw error;
      // Never retry a rejected password: repeated failures can lock the Apple ID.
      if (error.kind === "AUTH") return giveUp(connection, removed, PASSWORD_REJECTED_EXPLANATION);
      if (error.transient) {
        if (pastDeadline) {
          return giveUp(
            connection,
            removed,
            `iCloud kept failing for an hour (${error.message}), so some of the CRM's events could not be removed; remove them in the Calendar app.`,
          );
        }
        throw new TransientDisconnectError(error.message, deadline);
      }
      // Refused for good (403 and the like): retrying cannot help; tell the member and go on.
      failed++;
      await log("failed", `could not be removed from iCloud on disconnect: ${error.message}`);
      continue;
    }
    await db.remoteEvent.update({ where: { id: copy.id }, data: { url: null, etag: null, externalCalendarId: null } });
    await log("deleted", "removed from iCloud on disconnect");
    removed++;
  }
  const reason = failed > 0 ? `${failed} of the CRM's events could not be removed from iCloud; remove them in the Calendar app.` : null;
  await deleteCredentials(connection, { removed, failed }, reason);
  return { outcome: "removed", removed, failed };
}

/** If-Match so a stale URL can't hit something else; 404 is already gone; on 412 it is still the CRM's copy and the member asked for it to go. */
async function removeCopy(writer: CalendarWriter, url: string, etag: string | null): Promise<void> {
  const first = await writer.delete(url, etag ?? undefined);
  if (first.status !== 412) return;
  await writer.delete(url);
}

async function giveUp(connection: Connection, removed: number, reason: string): Promise<FinishDisconnectResult> {
  await recordActivity({
    organizationId: connection.organizationId,
    userId: connection.userId,
    connectionId: connection.id,
    appointmentId: null,
    operation: "delete",
    outcome: "failed",
    detail: reason,
  });
  await deleteCredentials(connection, { removed, failed: null }, reason);
  return { outcome: "gave_up", removed, reason };
}

async function deleteCredentials(
  connection: Connection,
  counts: { removed: number; failed: number | null },
  reason: string | null,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.calendarConnection.updateMany({
      where: { id: connection.id, status: "DISCONNECTED", passwordKeyId: { not: null } },
      data: { passwordCiphertext: null, passwordKeyId: null, lastError: reason },
    });
    if (count === 0) return;
    await recordAudit(tx, {
      organizationId: connection.organizationId,
      actorId: null,
      subjectUserId: connection.userId,
      action: "connection.events_removed",
      details: {
        appleId: connection.appleId,
        removed: counts.removed,
        ...(counts.failed !== null ? { failed: counts.failed } : {}),
        ...(reason ? { reason } : {}),
      },
    });
  });
}
