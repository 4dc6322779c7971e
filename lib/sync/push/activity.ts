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
}): Promise<void> {
  await db.syncActivity.create({ data: { ...entry, detail: entry.detail ?? "" } });
}
