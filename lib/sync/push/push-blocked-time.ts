import type { CalDavSettings } from "@/lib/connections/config";
import { db } from "@/lib/db";
import { blockedTimeEventUid } from "@/lib/ical/push-event";
import { recordActivity } from "@/lib/connections/activity";
import { runPush, type Log, type PushResult } from "./push-appointment";
import { loadBlockedTimePushTarget } from "./target";

/**
 * Makes the member's iCloud match one blocked time, with the appointments' guarantees (runPush):
 * a deterministic UID and resource name, If-None-Match creates, If-Match updates and deletes, so
 * retries and killed workers never duplicate it.
 */
export async function pushBlockedTime(options: { blockedTimeId: string; userId: string; settings?: CalDavSettings }): Promise<PushResult> {
  const { blockedTimeId, userId } = options;
  const target = await loadBlockedTimePushTarget(blockedTimeId, userId);
  if (!target) return { outcome: "nothing" };
  const uid = blockedTimeEventUid(blockedTimeId, userId);
  const remote = await db.remoteEvent.upsert({
    where: { blockedTimeId_userId: { blockedTimeId, userId } },
    create: { organizationId: target.organizationId, blockedTimeId, userId, uid },
    update: {},
  });
  const block = await db.blockedTime.findUnique({ where: { id: blockedTimeId }, select: { title: true, startsAt: true } });
  const log: Log = (operation, outcome, detail) =>
    recordActivity({
      organizationId: target.organizationId,
      userId,
      connectionId: target.connection?.id ?? null,
      appointmentId: null,
      operation,
      outcome,
      detail: [`Blocked time “${block?.title ?? ""}”`, detail].filter(Boolean).join(": "),
      appointmentStartsAt: block?.startsAt ?? null,
    });
  return runPush({ target, remote, ids: { uid, ref: `block:${blockedTimeId}` }, log, settings: options.settings });
}
