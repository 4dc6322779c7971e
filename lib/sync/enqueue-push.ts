import type { Sql as Tx } from "@/lib/db";
import { enqueueJob } from "./enqueue";


/**
 * One key per (appointment, member) so bursts coalesce, and one queue per pair so two pushes of
 * the same event never run at once: a job still running while a newer one is added would
 * otherwise race it (a create from stale data landing after the delete).
 */
export function pushJobOptions(appointmentId: string, userId: string) {
  const key = pushJobKey(appointmentId, userId);
  return { jobKey: key, queueName: key };
}

export const pushJobKey = (appointmentId: string, userId: string) => `push_appointment:${appointmentId}:${userId}`;
export const classPushJobKey = (classOccurrenceId: string, userId: string) => `push_class_occurrence:${classOccurrenceId}:${userId}`;

/**
 * The hook for pushing to iCloud: one job per (appointment, staff member), enqueued in the
 * transaction that changed the appointment. The job key coalesces bursts of changes, and the
 * job reads the appointment's current state when it runs, so the order of changes can't matter.
 */
export async function enqueueAppointmentPush(tx: Tx, appointmentId: string, staffIds: Iterable<string>): Promise<void> {
  for (const userId of new Set(staffIds)) {
    await enqueueJob(tx, "push_appointment", { appointmentId, userId }, pushJobOptions(appointmentId, userId));
  }
}

/** Classes are one event per occurrence in the instructor's calendar, updated as seats fill. */
export async function enqueueClassOccurrencePush(tx: Tx, classOccurrenceId: string, instructorId: string): Promise<void> {
  const key = classPushJobKey(classOccurrenceId, instructorId);
  await enqueueJob(tx, "push_class_occurrence", { classOccurrenceId, userId: instructorId }, { jobKey: key, queueName: key });
}

export const blockedTimePushJobKey = (blockedTimeId: string, userId: string) => `push_blocked_time:${blockedTimeId}:${userId}`;

/** Blocked time: one event in the member's primary calendar while it exists and they copy it. */
export async function enqueueBlockedTimePush(tx: Tx, blockedTimeId: string, userId: string): Promise<void> {
  const key = blockedTimePushJobKey(blockedTimeId, userId);
  await enqueueJob(tx, "push_blocked_time", { blockedTimeId, userId }, { jobKey: key, queueName: key });
}
