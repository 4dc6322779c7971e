import { parseCronItems, run, type Runner, type TaskList } from "graphile-worker";
import { db } from "@/lib/db";
import { finishDisconnectTask } from "./tasks/finish-disconnect";
import { provideBusyTimeRefreshFromICloud } from "./refresh/before-booking";
import { startHeartbeat, type HeartbeatOptions } from "./heartbeat";
import { pushAppointmentTask, pushBlockedTimeTask, pushClassOccurrenceTask } from "./tasks/push";
import { recordSignIn } from "./tasks/record-sign-in";
import { sendEmailTask } from "./tasks/send-email";
import { sendReminderTask } from "./tasks/send-reminder";
import { refreshAccountsTask, refreshCalendarTask, refreshDueCalendarsTask } from "./tasks/refresh";

export const taskList: TaskList = {
  record_sign_in: recordSignIn,
  push_appointment: pushAppointmentTask,
  push_class_occurrence: pushClassOccurrenceTask,
  push_blocked_time: pushBlockedTimeTask,
  refresh_calendar: refreshCalendarTask,
  refresh_due_calendars: refreshDueCalendarsTask,
  refresh_accounts: refreshAccountsTask,
  finish_disconnect: finishDisconnectTask,
  send_email: sendEmailTask,
  send_appointment_reminder: sendReminderTask,
};

const CRON = parseCronItems([
  { task: "refresh_due_calendars", match: "* * * * *", identifier: "refresh_due_calendars", options: { backfillPeriod: 0 } },
]);

export interface StartWorkerOptions {
  /** Only these tasks (tests that must not take other tests' jobs). */
  only?: string[];
  heartbeat?: HeartbeatOptions;
  /** Tests turn the schedule off to drive refreshes themselves. */
  cron?: boolean;
  connectionString: string;
  concurrency?: number;
  /** Let the host process (Next, a test) own SIGINT/SIGTERM handling. */
  noHandleSignals?: boolean;
  pollInterval?: number;
}

export async function startWorker(options: StartWorkerOptions): Promise<Runner> {
  // Two-way moves reschedule appointments, and a reschedule reads stale busy time first.
  provideBusyTimeRefreshFromICloud();
  const heartbeat = startHeartbeat(options.heartbeat);
  const pools: string[] = [];
  heartbeat.events.on("pool:create", ({ workerPool }) => pools.push(workerPool.id));
  const runner = await run({
    events: heartbeat.events,
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? 4,
    noHandleSignals: options.noHandleSignals ?? false,
    pollInterval: options.pollInterval ?? 2000,
    // Cron items are registered in code, not read from a crontab file. Each runs once per
    // minute across all workers (graphile-worker's cron is cluster-safe).
    parsedCronItems: options.cron === false ? [] : CRON,
    // Batched (delay 0: no waiting) so that a stopping pool flushes them: unbatched, the
    // completion of a job that finishes during shutdown is not awaited, and the job stays locked.
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
    taskList: options.only ? Object.fromEntries(Object.entries(taskList).filter(([name]) => options.only!.includes(name))) : taskList,
  });
  poolIds.set(runner, pools);
  // runner.promise settles once the heartbeat row is gone too, so a host that awaits it can exit.
  runner.promise = runner.promise.finally(() => heartbeat.stop());
  return runner;
}

/** Long enough for a running job to finish: each CalDAV request gives up after CALDAV_TIMEOUT_MS (15 s). */
export const STOP_GRACE_MS = 20_000;

const stopping = new WeakMap<Runner, Promise<void>>();
/** The ids graphile-worker locks a runner's jobs with (one per worker pool). */
const poolIds = new WeakMap<Runner, string[]>();

/**
 * Stops a worker the normal way (a deploy, Ctrl-C): it takes no new jobs and waits for the
 * running ones to finish. Jobs still running after graceMs are released (failed with a
 * message, so they run again after their backoff) rather than left locked. Safe to call again:
 * later calls wait for the first.
 */
export function stopWorker(runner: Runner, options: { graceMs?: number; log?: (line: string) => void } = {}): Promise<void> {
  const earlier = stopping.get(runner);
  if (earlier) return earlier;
  const graceMs = options.graceMs ?? STOP_GRACE_MS;
  const done = (async () => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), graceMs);
    });
    const outcome = await Promise.race([runner.stop().then(() => "stopped" as const), late]);
    clearTimeout(timer);
    const settled = runner.promise.catch(() => undefined);
    if (outcome === "late") {
      options.log?.(`worker: jobs still running after ${Math.round(graceMs / 1000)} s; releasing them to run again later`);
      const ids = poolIds.get(runner) ?? [];
      await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${ids}::text[])`;
      // The released jobs' functions may still be running; they are not waited for.
      await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      return;
    }
    // The heartbeat's own cleanup (see startWorker); a failed pool is reported by whoever awaits runner.promise.
    await settled;
  })();
  stopping.set(runner, done);
  return done;
}
