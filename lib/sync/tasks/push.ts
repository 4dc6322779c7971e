import type { Task } from "graphile-worker";
import { z } from "zod";
import { pushJobOptions } from "@/lib/sync/enqueue-push";
import { pushAppointment } from "@/lib/sync/push/push-appointment";
import { pushClassOccurrence } from "@/lib/sync/push/push-class-occurrence";

const Payload = z.object({ appointmentId: z.string().min(1), userId: z.string().min(1) });

/**
 * Pushes one (appointment, staff member). Transient failures throw, so graphile-worker retries
 * with exponential backoff; a 503/429 with Retry-After schedules the next try at that time
 * instead (same job key, so bursts still coalesce); a revoked password parks the work until
 * the member reconnects.
 */
export const pushAppointmentTask: Task = async (raw, helpers) => {
  const payload = Payload.parse(raw);
  const result = await pushAppointment(payload);
  if (result.retryAfterMs !== undefined) {
    await helpers.addJob("push_appointment", payload, {
      ...pushJobOptions(payload.appointmentId, payload.userId),
      runAt: new Date(Date.now() + result.retryAfterMs),
    });
  }
};

const ClassPayload = z.object({ classOccurrenceId: z.string().min(1), userId: z.string().min(1) });

/** The same for a class occurrence in its instructor's calendar. */
export const pushClassOccurrenceTask: Task = async (raw, helpers) => {
  const payload = ClassPayload.parse(raw);
  const result = await pushClassOccurrence(payload);
  if (result.retryAfterMs !== undefined) {
    const key = `push_class_occurrence:${payload.classOccurrenceId}:${payload.userId}`;
    await helpers.addJob("push_class_occurrence", payload, { jobKey: key, queueName: key, runAt: new Date(Date.now() + result.retryAfterMs) });
  }
};
