import type { Task } from "graphile-worker";
import { z } from "zod";
import { refreshAccounts } from "@/lib/sync/refresh/accounts";
import { refreshCalendar } from "@/lib/sync/refresh/refresh-calendar";
import { enqueueDueRefreshes } from "@/lib/sync/refresh/schedule";

const Payload = z.object({ calendarId: z.string().min(1), full: z.boolean().optional() });

/** Reads one calendar's busy time. Failures are recorded and backed off by the refresh itself. */
export const refreshCalendarTask: Task = async (raw) => {
  const { calendarId, full } = Payload.parse(raw);
  await refreshCalendar({ calendarId, full });
};

/** Every minute (cron): enqueue the calendars that are due. */
export const refreshDueCalendarsTask: Task = async () => {
  await enqueueDueRefreshes();
};

const Accounts = z.object({ connectionIds: z.array(z.string().min(1)).min(1).max(200), claimedAt: z.number().int().positive().optional() });

/** A batch of accounts: one home PROPFIND each, then only their changed calendars (lib/sync/refresh/accounts.ts). */
export const refreshAccountsTask: Task = async (raw) => {
  const { connectionIds, claimedAt } = Accounts.parse(raw);
  await refreshAccounts({ connectionIds, claimedAt });
};
