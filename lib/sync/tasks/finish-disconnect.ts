import type { Task } from "graphile-worker";
import { finishDisconnect, TransientDisconnectError } from "@/lib/connections/finish-disconnect";
import { jobOptions, parsePayload } from "@/lib/jobs/registry";

/**
 * Removes the CRM's events from iCloud after a disconnect, then deletes the password.
 * Transient failures throw so graphile-worker retries with its backoff, except when that
 * backoff would land past the one-hour limit on keeping the password: then the job is
 * scheduled for the limit itself, where the domain gives up and deletes the password.
 */
export const finishDisconnectTask: Task = async (raw, helpers) => {
  const { connectionId } = parsePayload("finish_disconnect", raw);
  try {
    await finishDisconnect({ connectionId });
  } catch (error) {
    if (!(error instanceof TransientDisconnectError)) throw error;
    // graphile-worker's own delay after a failure: exp(min(attempts, 10)) seconds.
    const nextTry = Date.now() + Math.exp(Math.min(helpers.job.attempts, 10)) * 1000;
    if (nextTry <= error.deadline.getTime()) throw error;
    helpers.logger.warn(`finish_disconnect: ${error.message}; trying once more at the one-hour limit`);
    await helpers.addJob(
      "finish_disconnect",
      { connectionId },
      jobOptions("finish_disconnect", { connectionId }, { runAt: error.deadline }),
    );
  }
};
