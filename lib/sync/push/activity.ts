import { db } from "@/lib/db";

export type PushOutcome = "synced" | "deleted" | "restored" | "recreated" | "parked" | "retrying" | "failed" | "nothing";

/** One line in the connection's activity log (Calendar Settings shows the latest). */
export async function recordActivity(entry: {
  organizationId: string;
  userId: string;
  connectionId: string | null;
  /** Null for class occurrences (their detail names the class). */
  appointmentId: string | null;
  operation: "create" | "update" | "delete" | "move";
  outcome: PushOutcome;
  detail?: string;
  /** The time the push wrote; read from the appointment when not given. */
  appointmentStartsAt?: Date | null;
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
