import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Pick<Prisma.TransactionClient, "auditEvent">;

export type AuditAction =
  | "connection.connected"
  | "connection.reconnected"
  | "connection.disconnected"
  | "connection.events_removed"
  | "connection.needs_reauth"
  | "connection.calendars_refreshed"
  | "calendars.configured"
  | "sync_options.saved"
  | "blocked_time.created"
  | "blocked_time.updated"
  | "blocked_time.deleted";

/** Written in the same transaction as the change it describes. Never put a secret in details. */
export async function recordAudit(
  tx: Tx,
  event: {
    organizationId: string;
    actorId: string | null;
    subjectUserId: string | null;
    action: AuditAction;
    details?: Prisma.InputJsonValue;
  },
): Promise<void> {
  await tx.auditEvent.create({ data: { ...event, details: event.details ?? {} } });
}
