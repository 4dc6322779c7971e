import type { Sql, Tx } from "@/lib/db";
import { enqueue } from "./enqueue";

/** One job per calendar at a time: the key coalesces repeated requests. */
export async function enqueueCalendarRefresh(sql: Sql, calendarId: string, options: { full?: boolean } = {}): Promise<void> {
  await enqueue(sql, "refresh_calendar", { calendarId, full: options.full ?? false });
}

/** After a connect, reconnect or configuration change: read the counted calendars right away. */
export async function enqueueUserRefresh(tx: Tx, userId: string): Promise<void> {
  const calendars = await tx.externalCalendar.findMany({
    where: { userId, missingSince: null, OR: [{ checkConflicts: true }, { isPrimary: true }], connection: { status: "ACTIVE" } },
    select: { id: true },
  });
  for (const c of calendars) await enqueueCalendarRefresh(tx, c.id);
}
