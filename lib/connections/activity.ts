import { db } from "@/lib/db";

export type PushOutcome =
  | "synced"
  | "deleted"
  | "restored"
  | "recreated"
  | "parked"
  | "retrying"
  | "failed"
  | "nothing"
  // Two-way sync: a change made in iCloud was applied to the CRM, undone, or cancelled the appointment.
  | "applied"
  | "undone"
  | "cancelled";

/** The push work's operations, and changes made in iCloud that two-way sync acted on. */
export type ActivityOperation = "create" | "update" | "delete" | "move" | "icloud-move" | "icloud-delete";

/** One line in the connection's activity log (Calendar Settings shows the latest). */
export async function recordActivity(entry: {
  organizationId: string;
  userId: string;
  connectionId: string | null;
  /** Null for class occurrences (their detail names the class). */
  appointmentId: string | null;
  operation: ActivityOperation;
  outcome: PushOutcome;
  detail?: string;
  /** The time the push wrote; read from the appointment when not given. */
  appointmentStartsAt?: Date | null;
  /** Shown in a banner until the member dismisses it (a change made in iCloud that was undone). */
  needsAttention?: boolean;
}): Promise<void> {
  // The line keeps the appointment's time as it is now: a later reschedule must not rewrite history.
  const appointmentStartsAt =
    entry.appointmentStartsAt !== undefined
      ? entry.appointmentStartsAt
      : entry.appointmentId
        ? ((await db.appointment.findUnique({ where: { id: entry.appointmentId }, select: { startsAt: true } }))?.startsAt ?? null)
        : null;
  await db.syncActivity.create({ data: { ...entry, detail: entry.detail ?? "", appointmentStartsAt } });
}
