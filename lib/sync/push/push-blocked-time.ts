import type { CalDavSettings } from "@/lib/connections/config";
import { db } from "@/lib/db";
import { blockedTimeEventUid } from "@/lib/ical/push-event";
import { pushSubject, type PushResult } from "./push-appointment";
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
  const block = await db.blockedTime.findUnique({ where: { id: blockedTimeId }, select: { title: true, startsAt: true } });
  return pushSubject({
    target,
    userId,
    subject: { blockedTimeId },
    uid: blockedTimeEventUid(blockedTimeId, userId),
    ref: `block:${blockedTimeId}`,
    settings: options.settings,
    line: () => ({ prefix: `Blocked time “${block?.title ?? ""}”`, appointmentStartsAt: block?.startsAt ?? null }),
  });
}
