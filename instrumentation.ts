// Runs once when the Next server starts. By default the job worker lives in the web
// server's process; WORKER_IN_PROCESS=false leaves it to `npm run worker` (for scale-out).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Booking reads stale iCloud busy time again just before confirming; sync provides that read.
  const { provideBusyTimeRefreshFromICloud } = await import("@/lib/sync/refresh/before-booking");
  provideBusyTimeRefreshFromICloud();
  if (process.env.WORKER_IN_PROCESS === "false") return;
  const { startInProcessWorker } = await import("@/lib/sync/in-process-worker");
  await startInProcessWorker();
}
