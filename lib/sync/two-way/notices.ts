import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";

export interface ICloudNotice {
  id: string;
  detail: string;
  createdAt: Date;
  appointmentId: string | null;
}

/**
 * Changes the member made in iCloud that the CRM undid (two-way sync), newest first: shown in a
 * banner on their calendar and Calendar Settings until they dismiss them.
 */
export async function listICloudNotices(actor: Actor, take = 5): Promise<ICloudNotice[]> {
  const rows = await db.syncActivity.findMany({
    where: { organizationId: actor.organizationId, userId: actor.userId, needsAttention: true, acknowledgedAt: null },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, detail: true, createdAt: true, appointmentId: true },
  });
  return rows;
}

/** "Dismiss": the member's own notices only. */
export async function dismissICloudNotices(options: { actor: Actor; ids: string[] }): Promise<number> {
  if (options.ids.length === 0) return 0;
  const { count } = await db.syncActivity.updateMany({
    where: { id: { in: options.ids }, organizationId: options.actor.organizationId, userId: options.actor.userId, acknowledgedAt: null },
    data: { acknowledgedAt: new Date() },
  });
  return count;
}
