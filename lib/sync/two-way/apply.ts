import { deleteBlockedTimeFromICloud, moveBlockedTime } from "@/lib/blocked-time/blocked-time";
import { cancelAppointment } from "@/lib/booking/cancel";
import { moveAppointmentFromICloud } from "@/lib/booking/icloud-move";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { logError } from "@/lib/log";
import { enqueueAppointmentPush, enqueueBlockedTimePush, enqueueClassOccurrencePush } from "@/lib/jobs/push";
import { recordActivity, type ActivityOperation, type PushOutcome } from "@/lib/connections/activity";
import type { ICloudEdit } from "@/lib/sync/refresh/crm-events";
import { formatDateTime } from "@/lib/ui/format";

/**
 * What a change made in iCloud to a CRM event leads to, by the member's sync direction:
 *
 * - One-way (the default): nothing here. The read-back marked it "Changed in iCloud" or
 *   "Removed in iCloud"; the CRM's version is restored on the next CRM change or on request.
 * - Two-way: a move is a staff reschedule when the new time is valid for the booking calendar
 *   (the customer and the other members are told, their events move); otherwise the CRM keeps
 *   its time, the event is put back, and the member is told why (activity log and a banner). A
 *   deletion puts the event back or cancels the appointment, as the member chose. A change made
 *   in both places at once goes to the CRM (recorded). Classes are changed in the CRM only.
 *
 * Runs once per edit: the read-back marks the RemoteEvent (no longer SYNCED) before handing the
 * edit over, so the next refresh does not see it again; every outcome leaves it SYNCED again
 * (accepted with the iCloud version recorded, or restored by the push job). Never throws.
 */
export async function applyICloudEdits(edits: ICloudEdit[], now = Date.now()): Promise<void> {
  for (const edit of edits) {
    try {
      await applyOne(edit, now);
    } catch (error) {
      // The edit stays marked ("Changed in iCloud"), where the member can restore it.
      logError("two-way: could not apply a change made in iCloud", {
        remoteEventId: edit.remoteEventId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

async function applyOne(edit: ICloudEdit, now: number): Promise<void> {
  const member = await db.user.findFirst({
    where: { id: edit.userId, organizationId: edit.organizationId },
    select: { syncDirection: true, onICloudDelete: true, timeZone: true },
  });
  if (!member || member.syncDirection !== "TWO_WAY") return;
  const calendar = await db.externalCalendar.findUnique({ where: { id: edit.externalCalendarId }, select: { connectionId: true } });
  const when = (ms: number) => formatDateTime(new Date(ms), member.timeZone);
  const note = (
    operation: ActivityOperation,
    outcome: PushOutcome,
    detail: string,
    needsAttention: boolean,
    appointmentStartsAt?: Date | null,
  ) =>
    recordActivity({
      organizationId: edit.organizationId,
      userId: edit.userId,
      connectionId: calendar?.connectionId ?? null,
      appointmentId: edit.appointmentId,
      operation,
      outcome,
      detail,
      needsAttention,
      ...(appointmentStartsAt !== undefined ? { appointmentStartsAt } : {}),
    });
  const operation: ActivityOperation = edit.kind === "moved" ? "icloud-move" : "icloud-delete";

  if (edit.crmChangedMeanwhile) {
    await restore(edit);
    await note(operation, "undone", "Changed in iCloud while it was being changed in the CRM: the CRM's change won.", true);
    return;
  }
  if (edit.blockedTimeId) {
    await applyToBlockedTime(edit, edit.blockedTimeId, member.onICloudDelete, when, note, operation);
    return;
  }
  if (!edit.appointmentId) {
    await restore(edit);
    await note(operation, "undone", "Class sessions are changed in the CRM, not in iCloud: the event was put back.", true);
    return;
  }

  if (edit.kind === "moved" && edit.observed) {
    const { start, end } = edit.observed;
    const before = await db.appointment.findUnique({ where: { id: edit.appointmentId }, select: { startsAt: true } });
    const result = await moveAppointmentFromICloud({
      appointmentId: edit.appointmentId,
      userId: edit.userId,
      start,
      end,
      now,
      // The iCloud version that asked for the move is the one the CRM's update replaces next.
      inTransaction: async (tx) => {
        await tx.remoteEvent.update({ where: { id: edit.remoteEventId }, data: { etag: edit.etag, state: "SYNCED", lastError: null } });
      },
    });
    if (result.applied) {
      await db.remoteEvent.updateMany({ where: { id: edit.remoteEventId, state: "CHANGED_IN_ICLOUD" }, data: { state: "SYNCED" } });
      await note(
        operation,
        "applied",
        `Moved in iCloud from ${before ? when(before.startsAt.getTime()) : "its old time"}: rescheduled in the CRM; the customer was told.`,
        false,
        new Date(start),
      );
    } else {
      await restore(edit);
      await note(
        operation,
        "undone",
        `Moved in iCloud to ${when(start)}, which was not applied: ${result.reason} The event was put back.`,
        true,
      );
    }
    return;
  }

  if (member.onICloudDelete === "CANCEL") {
    try {
      await cancelAppointment({ appointmentId: edit.appointmentId, by: "staff", actorUserId: edit.userId, now });
      await note(operation, "cancelled", "Deleted in iCloud: the appointment was cancelled and the customer was told.", false);
      return;
    } catch (error) {
      if (!isAppError(error)) throw error;
      await restore(edit);
      await note(
        operation,
        "undone",
        `Deleted in iCloud, but the appointment could not be cancelled: ${error.message} The event was put back.`,
        true,
      );
      return;
    }
  }
  await restore(edit);
  await note(operation, "restored", "Deleted in iCloud: put back, as set in Calendar Settings.", false);
}

type Note = (
  operation: ActivityOperation,
  outcome: PushOutcome,
  detail: string,
  needsAttention: boolean,
  appointmentStartsAt?: Date | null,
) => Promise<void>;

/** Blocked time follows the same rules: a move applies when it overlaps nothing in the CRM. */
async function applyToBlockedTime(
  edit: ICloudEdit,
  blockedTimeId: string,
  onDelete: "RESTORE" | "CANCEL",
  when: (ms: number) => string,
  note: Note,
  operation: ActivityOperation,
) {
  const block = await db.blockedTime.findUnique({ where: { id: blockedTimeId }, select: { title: true } });
  const name = `Blocked time “${block?.title ?? ""}”`;
  if (edit.kind === "moved" && edit.observed) {
    const { start, end } = edit.observed;
    try {
      await moveBlockedTime({
        blockedTimeId,
        startsAt: new Date(start),
        endsAt: new Date(end),
        actorUserId: edit.userId,
        inTransaction: async (tx) => {
          await tx.remoteEvent.update({ where: { id: edit.remoteEventId }, data: { etag: edit.etag, state: "SYNCED", lastError: null } });
        },
      });
      await note(operation, "applied", `${name} moved in iCloud: moved in the CRM to ${when(start)}.`, false, new Date(start));
    } catch (error) {
      if (!isAppError(error)) throw error;
      await restore(edit);
      await note(
        operation,
        "undone",
        `${name} moved in iCloud to ${when(start)}, which was not applied: ${error.message} The event was put back.`,
        true,
      );
    }
    return;
  }
  if (onDelete === "CANCEL") {
    await deleteBlockedTimeFromICloud({ blockedTimeId, actorUserId: edit.userId });
    await note(operation, "cancelled", `${name} deleted in iCloud: deleted in the CRM too.`, false);
    return;
  }
  await restore(edit);
  await note(operation, "restored", `${name} deleted in iCloud: put back, as set in Calendar Settings.`, false);
}

/** The push job makes iCloud match the CRM again (If-Match on the last version the CRM wrote). */
async function restore(edit: ICloudEdit): Promise<void> {
  await db.$transaction(async (tx) => {
    if (edit.appointmentId) await enqueueAppointmentPush(tx, edit.appointmentId, [edit.userId]);
    else if (edit.classOccurrenceId) await enqueueClassOccurrencePush(tx, edit.classOccurrenceId, edit.userId);
    else if (edit.blockedTimeId) await enqueueBlockedTimePush(tx, edit.blockedTimeId, edit.userId);
  });
}
