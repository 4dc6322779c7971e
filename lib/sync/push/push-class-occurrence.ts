import type { CalDavSettings } from "@/lib/connections/config";
import { pushEventUid } from "@/lib/ical/push-event";
import { pushSubject, type PushResult } from "./push-appointment";
import { loadClassPushTarget } from "./target";

/** One event per class occurrence in the instructor's primary calendar, updated as seats fill. */
export async function pushClassOccurrence(options: {
  classOccurrenceId: string;
  userId: string;
  settings?: CalDavSettings;
}): Promise<PushResult> {
  const { classOccurrenceId, userId } = options;
  const target = await loadClassPushTarget(classOccurrenceId, userId);
  if (!target) return { outcome: "nothing" };
  return pushSubject({
    target,
    userId,
    subject: { classOccurrenceId },
    uid: pushEventUid(classOccurrenceId, userId),
    ref: `class:${classOccurrenceId}`,
    settings: options.settings,
    line: () => ({ prefix: target.wanted?.summary ?? "class session" }),
  });
}
