import { parseCronItems, run, type Runner, type TaskList } from "graphile-worker";
import { finishDisconnectTask } from "./tasks/finish-disconnect";
import { startHeartbeat, type HeartbeatOptions } from "./heartbeat";
import { pushAppointmentTask, pushClassOccurrenceTask } from "./tasks/push";
import { recordSignIn } from "./tasks/record-sign-in";
import { refreshCalendarTask, refreshDueCalendarsTask } from "./tasks/refresh";

export const taskList: TaskList = {
  record_sign_in: recordSignIn,
  push_appointment: pushAppointmentTask,
  push_class_occurrence: pushClassOccurrenceTask,
  refresh_calendar: refreshCalendarTask,
  refresh_due_calendars: refreshDueCalendarsTask,
  finish_disconnect: finishDisconnectTask,
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
  const heartbeat = startHeartbeat(options.heartbeat);
  const runner = await run({
    events: heartbeat.events,
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? 4,
    noHandleSignals: options.noHandleSignals ?? false,
    pollInterval: options.pollInterval ?? 2000,
    // Cron items are registered in code, not read from a crontab file. Each runs once per
    // minute across all workers (graphile-worker's cron is cluster-safe).
    parsedCronItems: options.cron === false ? [] : CRON,
    taskList: options.only ? Object.fromEntries(Object.entries(taskList).filter(([name]) => options.only!.includes(name))) : taskList,
  });
  void runner.promise.finally(() => heartbeat.stop());
  return runner;
}
