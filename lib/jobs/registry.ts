import { z } from "zod";

// Every background job in one place: its name, the payload it accepts, and its key. Enqueueing
// (lib/jobs/enqueue.ts and the helpers below), the worker's task list (lib/sync/worker.ts, checked
// against this list by a test) and the status pages that look for pending jobs all read it, so a
// key is spelled once. Adding a job: add it here, write its task, register the task in the worker.

const id = z.string().min(1);
/** Retries of the push jobs carry their attempt number, for backoff. */
const attempt = z.number().int().min(0).optional();

interface JobSpec<P extends z.ZodType> {
  payload: P;
  /** Jobs with the same key coalesce (a newer one replaces one still waiting). */
  key?: (payload: z.infer<P>) => string;
  /** Jobs with the same key also run one at a time, in order (a named queue per key). */
  serialByKey?: boolean;
  maxAttempts?: number;
}

const job = <P extends z.ZodType>(spec: JobSpec<P>) => spec;

export const JOBS = {
  /** One (appointment, member): make their iCloud match the appointment. */
  push_appointment: job({
    payload: z.object({ appointmentId: id, userId: id, attempt }),
    key: (p) => `push_appointment:${p.appointmentId}:${p.userId}`,
    serialByKey: true,
  }),
  /** One class occurrence in its instructor's calendar. */
  push_class_occurrence: job({
    payload: z.object({ classOccurrenceId: id, userId: id, attempt }),
    key: (p) => `push_class_occurrence:${p.classOccurrenceId}:${p.userId}`,
    serialByKey: true,
  }),
  /** One blocked time in its member's calendar. */
  push_blocked_time: job({
    payload: z.object({ blockedTimeId: id, userId: id, attempt }),
    key: (p) => `push_blocked_time:${p.blockedTimeId}:${p.userId}`,
    serialByKey: true,
  }),
  /** Read one iCloud calendar's busy time. */
  refresh_calendar: job({
    payload: z.object({ calendarId: id, full: z.boolean().optional() }),
    key: (p) => `refresh_calendar:${p.calendarId}`,
  }),
  /** The scheduled check of a batch of accounts (one calendar-home PROPFIND each). */
  refresh_accounts: job({
    payload: z.object({
      connectionIds: z.array(id).min(1).max(200),
      /** The cron tick that claimed them: a job that waited past the next tick leaves them to it. */
      claimedAt: z.number().int().positive().optional(),
    }),
  }),
  /** The cron: finds what is due and enqueues it. */
  refresh_due_calendars: job({ payload: z.unknown() }),
  /** Remove the CRM's events after a disconnect, then delete the password. */
  finish_disconnect: job({ payload: z.object({ connectionId: id }), key: (p) => `finish_disconnect:${p.connectionId}` }),
  /** Render and send one recorded email. */
  send_email: job({ payload: z.object({ emailId: id }), key: (p) => `send_email:${p.emailId}`, maxAttempts: 25 }),
  /** Queue the customer's reminder if the appointment is still the one it was scheduled for. */
  send_appointment_reminder: job({
    payload: z.object({ appointmentId: id, sequence: z.number().int().min(0) }),
    key: (p) => `send_appointment_reminder:${p.appointmentId}`,
  }),
  /** Write lastSignInAt outside the sign-in request. */
  record_sign_in: job({ payload: z.object({ userId: id, at: z.iso.datetime() }) }),
};

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.input<(typeof JOBS)[N]["payload"]>;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** A job's key for this payload (undefined for jobs without one). */
export function jobKey<N extends JobName>(name: N, payload: JobPayload<N>): string | undefined {
  const spec = JOBS[name] as JobSpec<z.ZodType>;
  return spec.key?.(payload);
}

/** The graphile-worker options a job is added with: its key, its queue when serial, its attempts. */
export function jobOptions<N extends JobName>(name: N, payload: JobPayload<N>, extra: { runAt?: Date; jobKey?: string } = {}) {
  const spec = JOBS[name] as JobSpec<z.ZodType>;
  const key = extra.jobKey ?? spec.key?.(payload);
  return {
    ...(key ? { jobKey: key } : {}),
    ...(key && spec.serialByKey ? { queueName: key } : {}),
    ...(spec.maxAttempts ? { maxAttempts: spec.maxAttempts } : {}),
    ...(extra.runAt ? { runAt: extra.runAt } : {}),
  };
}

/** A task's payload, checked against the registry (a malformed job fails loudly, never half-runs). */
export function parsePayload<N extends JobName>(name: N, raw: unknown): z.output<(typeof JOBS)[N]["payload"]> {
  return JOBS[name].payload.parse(raw) as z.output<(typeof JOBS)[N]["payload"]>;
}
