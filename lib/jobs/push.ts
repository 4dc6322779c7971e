import type { Sql } from "@/lib/db";
import { enqueue } from "./enqueue";
import { jobKey, jobOptions } from "./registry";

/**
 * The hook for pushing to iCloud: one job per (appointment, staff member), enqueued in the
 * transaction that changed the appointment. The key coalesces bursts of changes and its queue
 * keeps two pushes of one event from running at once (a job still running while a newer one is
 * added would otherwise race it); the job reads the appointment's current state when it runs,
 * so the order of changes can't matter.
 */
export async function enqueueAppointmentPush(tx: Sql, appointmentId: string, staffIds: Iterable<string>): Promise<void> {
  for (const userId of new Set(staffIds)) await enqueue(tx, "push_appointment", { appointmentId, userId });
}

/** Classes are one event per occurrence in the instructor's calendar, updated as seats fill. */
export async function enqueueClassOccurrencePush(tx: Sql, classOccurrenceId: string, instructorId: string): Promise<void> {
  await enqueue(tx, "push_class_occurrence", { classOccurrenceId, userId: instructorId });
}

/** Blocked time: one event in the member's primary calendar while it exists and they copy it. */
export async function enqueueBlockedTimePush(tx: Sql, blockedTimeId: string, userId: string): Promise<void> {
  await enqueue(tx, "push_blocked_time", { blockedTimeId, userId });
}

export const pushJobKey = (appointmentId: string, userId: string) => jobKey("push_appointment", { appointmentId, userId })!;
export const classPushJobKey = (classOccurrenceId: string, userId: string) =>
  jobKey("push_class_occurrence", { classOccurrenceId, userId })!;
export const blockedTimePushJobKey = (blockedTimeId: string, userId: string) => jobKey("push_blocked_time", { blockedTimeId, userId })!;
/** The options a push job is added with (its key and its own queue). */
export const pushJobOptions = (appointmentId: string, userId: string) => jobOptions("push_appointment", { appointmentId, userId });
