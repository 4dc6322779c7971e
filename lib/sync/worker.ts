import { run, type Runner, type TaskList } from "graphile-worker";
import { pushAppointment, pushClassOccurrence } from "./tasks/push-placeholders";
import { recordSignIn } from "./tasks/record-sign-in";

export const taskList: TaskList = {
  record_sign_in: recordSignIn,
  push_appointment: pushAppointment,
  push_class_occurrence: pushClassOccurrence,
};

export interface StartWorkerOptions {
  connectionString: string;
  concurrency?: number;
  /** Let the host process (Next, a test) own SIGINT/SIGTERM handling. */
  noHandleSignals?: boolean;
  pollInterval?: number;
}

export async function startWorker(options: StartWorkerOptions): Promise<Runner> {
  return run({
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? 4,
    noHandleSignals: options.noHandleSignals ?? false,
    pollInterval: options.pollInterval ?? 2000,
    // Cron items are registered in code, not read from a crontab file.
    parsedCronItems: [],
    taskList,
  });
}
