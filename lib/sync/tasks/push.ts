import type { Task } from "graphile-worker";
import { jobOptions, parsePayload, type JobName } from "@/lib/jobs/registry";
import { pushBackoffMs } from "@/lib/sync/push/backoff";
import { pushAppointment, TransientPushError, type PushResult } from "@/lib/sync/push/push-appointment";
import { pushBlockedTime } from "@/lib/sync/push/push-blocked-time";
import { pushClassOccurrence } from "@/lib/sync/push/push-class-occurrence";

type PushJob = "push_appointment" | "push_class_occurrence" | "push_blocked_time";

/**
 * One push task for appointments, class occurrences and blocked time. A transient failure
 * schedules the next try with exponential backoff and jitter, or at the server's Retry-After
 * (same key and queue, so bursts still coalesce and pushes of one event never overlap; a newer
 * job added meanwhile replaces this retry, and reads fresh state anyway); a revoked password
 * parks the work until the member reconnects. Anything unexpected throws and graphile-worker
 * retries it.
 */
function pushTask<N extends PushJob>(
  name: N,
  push: (payload: Omit<ReturnType<typeof parsePayload<N>>, "attempt">) => Promise<PushResult>,
): Task {
  return async (raw, helpers) => {
    const { attempt = 0, ...payload } = parsePayload(name, raw) as ReturnType<typeof parsePayload<N>> & { attempt?: number };
    let retryInMs: number | undefined;
    try {
      retryInMs = (await push(payload)).retryAfterMs;
    } catch (error) {
      if (!(error instanceof TransientPushError)) throw error;
      retryInMs = pushBackoffMs(attempt);
    }
    if (retryInMs !== undefined) {
      const next = { ...payload, attempt: attempt + 1 };
      await helpers.addJob(name satisfies JobName, next, jobOptions(name, next as never, { runAt: new Date(Date.now() + retryInMs) }));
    }
  };
}

export const pushAppointmentTask = pushTask("push_appointment", (p) => pushAppointment(p));
export const pushClassOccurrenceTask = pushTask("push_class_occurrence", (p) => pushClassOccurrence(p));
export const pushBlockedTimeTask = pushTask("push_blocked_time", (p) => pushBlockedTime(p));
