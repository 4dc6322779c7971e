import type { CalDavSettings } from "@/lib/connections/config";
import { db } from "@/lib/db";
import { pushEventUid } from "@/lib/ical/push-event";
import { recordActivity } from "@/lib/connections/activity";
import { runPush, type Log, type PushResult } from "./push-appointment";
import { loadClassPushTarget } from "./target";

/** One event per class occurrence in the instructor's primary calendar, updated as seats fill. */
export async function pushClassOccurrence(options: { classOccurrenceId: string; userId: string; settings?: CalDavSettings }): Promise<PushResult> {
  const { classOccurrenceId, userId } = options;
  const target = await loadClassPushTarget(classOccurrenceId, userId);
  if (!target) return { outcome: "nothing" };
  const uid = pushEventUid(classOccurrenceId, userId);
  const remote = await db.remoteEvent.upsert({
    where: { classOccurrenceId_userId: { classOccurrenceId, userId } },
    create: { organizationId: target.organizationId, classOccurrenceId, userId, uid },
    update: {},
  });
  const log: Log = (operation, outcome, detail) =>
    recordActivity({
      organizationId: target.organizationId,
      userId,
      connectionId: target.connection?.id ?? null,
      appointmentId: null,
      operation,
      outcome,
      detail: [target.wanted?.summary ?? "class session", detail].filter(Boolean).join(": "),
    });
  return runPush({ target, remote, ids: { uid, ref: `class:${classOccurrenceId}` }, log, settings: options.settings });
}
