import type { Task } from "graphile-worker";
import { z } from "zod";
import { blockedTimePushJobKey, pushJobOptions } from "@/lib/sync/enqueue-push";
import { pushBackoffMs } from "@/lib/sync/push/backoff";
import { pushAppointment, TransientPushError } from "@/lib/sync/push/push-appointment";
import { pushBlockedTime } from "@/lib/sync/push/push-blocked-time";
import { pushClassOccurrence } from "@/lib/sync/push/push-class-occurrence";

const Payload = z.object({ appointmentId: z.string().min(1), userId: z.string().min(1), attempt: z.number().int().min(0).optional() });


/**
 * Pushes one (appointment, staff member). A transient failure schedules the next try with
 * exponential backoff and jitter, or at the server's Retry-After (same job key, so bursts
 * still coalesce); a revoked password parks the work until the member reconnects. Anything
 * unexpected throws and graphile-worker retries it.
 */
export const pushAppointmentTask: Task = async (raw, helpers) => {
  const { attempt = 0, ...payload } = Payload.parse(raw);
  let retryInMs: number | undefined;
  try {
    retryInMs = (await pushAppointment(payload)).retryAfterMs;
  } catch (error) {
    if (!(error instanceof TransientPushError)) throw error;
    retryInMs = pushBackoffMs(attempt);
  }
  if (retryInMs !== undefined) {
    // A newer job for the same pair (added meanwhile) replaces this retry: it reads fresh state anyway.
    await helpers.addJob("push_appointment", { ...payload, attempt: attempt + 1 }, {
      ...pushJobOptions(payload.appointmentId, payload.userId),
      runAt: new Date(Date.now() + retryInMs),
    });
  }
};

const ClassPayload = z.object({ classOccurrenceId: z.string().min(1), userId: z.string().min(1), attempt: z.number().int().min(0).optional() });

/** The same for a class occurrence in its instructor's calendar. */
export const pushClassOccurrenceTask: Task = async (raw, helpers) => {
  const { attempt = 0, ...payload } = ClassPayload.parse(raw);
  let retryInMs: number | undefined;
  try {
    retryInMs = (await pushClassOccurrence(payload)).retryAfterMs;
  } catch (error) {
    if (!(error instanceof TransientPushError)) throw error;
    retryInMs = pushBackoffMs(attempt);
  }
  if (retryInMs !== undefined) {
    const key = `push_class_occurrence:${payload.classOccurrenceId}:${payload.userId}`;
    await helpers.addJob("push_class_occurrence", { ...payload, attempt: attempt + 1 }, { jobKey: key, queueName: key, runAt: new Date(Date.now() + retryInMs) });
  }
};

const BlockedPayload = z.object({ blockedTimeId: z.string().min(1), userId: z.string().min(1), attempt: z.number().int().min(0).optional() });

/** The same for blocked time in its member's calendar. */
export const pushBlockedTimeTask: Task = async (raw, helpers) => {
  const { attempt = 0, ...payload } = BlockedPayload.parse(raw);
  let retryInMs: number | undefined;
  try {
    retryInMs = (await pushBlockedTime(payload)).retryAfterMs;
  } catch (error) {
    if (!(error instanceof TransientPushError)) throw error;
    retryInMs = pushBackoffMs(attempt);
  }
  if (retryInMs !== undefined) {
    const key = blockedTimePushJobKey(payload.blockedTimeId, payload.userId);
    await helpers.addJob("push_blocked_time", { ...payload, attempt: attempt + 1 }, { jobKey: key, queueName: key, runAt: new Date(Date.now() + retryInMs) });
  }
};
