// Setup file of the test projects that book in-process: provides booking's pre-booking refresh
// as the app's entry points do (instrumentation.ts, startWorker). The sync module is imported at
// the first call, not here, so it reads the settings each test file sets (several set
// ICLOUD_CALDAV_URL and reload modules) rather than the ones present when this file ran.
import { provideBusyTimeRefresh } from "@/lib/booking/busy-time-refresh";

provideBusyTimeRefresh(async (staffIds, now) => {
  const { refreshStaleBusyTime } = await import("@/lib/sync/refresh/before-booking");
  await refreshStaleBusyTime(staffIds, now);
});
