import type { Task } from "graphile-worker";
import { parsePayload } from "@/lib/jobs/registry";
import { refreshAccounts } from "@/lib/sync/refresh/accounts";
import { refreshCalendar } from "@/lib/sync/refresh/refresh-calendar";
import { enqueueDueRefreshes } from "@/lib/sync/refresh/schedule";

/** Reads one calendar's busy time. Failures are recorded and backed off by the refresh itself. */
export const refreshCalendarTask: Task = async (raw) => {
  const { calendarId, full } = parsePayload("refresh_calendar", raw);
  await refreshCalendar({ calendarId, full });
};

/** Every minute (cron): enqueue the calendars that are due. */
export const refreshDueCalendarsTask: Task = async () => {
  await enqueueDueRefreshes();
};

/** A batch of accounts: one home PROPFIND each, then only their changed calendars (lib/sync/refresh/accounts.ts). */
export const refreshAccountsTask: Task = async (raw) => {
  const { connectionIds, claimedAt } = parsePayload("refresh_accounts", raw);
  await refreshAccounts({ connectionIds, claimedAt });
};
