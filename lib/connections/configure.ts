import { recordAudit } from "@/lib/audit";
import { assertCanManageUser } from "@/lib/auth/rules";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueueUserPushes } from "@/lib/connections/member-pushes";
import { enqueueUserRefresh } from "@/lib/jobs/refresh";
import { canBePrimary, recordPrimaryChange } from "./calendar-list";
import type { CalendarConfigurationInput } from "./schemas";

/**
 * Saves a staff member's Calendar Configuration: the primary (writable) calendar, which always
 * counts for conflicts, and the conflict calendars. Staff configure themselves; admins anyone
 * in their organization. A changed primary is recorded so future events can move.
 */
export async function saveCalendarConfiguration(options: { actor: Actor; input: CalendarConfigurationInput }): Promise<void> {
  const { actor, input } = options;
  const target = await db.user.findFirst({
    where: { id: input.userId, organizationId: actor.organizationId },
    select: { id: true, organizationId: true },
  });
  assertCanManageUser(actor, target);

  await db.$transaction(async (tx) => {
    const calendars = await tx.externalCalendar.findMany({
      where: {
        userId: input.userId,
        organizationId: actor.organizationId,
        missingSince: null,
        connection: { status: { not: "DISCONNECTED" } },
      },
    });
    const byId = new Map(calendars.map((c) => [c.id, c]));
    const primary = input.primaryCalendarId ? byId.get(input.primaryCalendarId) : null;
    if (input.primaryCalendarId && !primary) {
      throw new AppError("INVALID_INPUT", "That calendar is no longer available. Refresh the page and choose again.");
    }
    if (primary && !canBePrimary(primary)) {
      throw new AppError("INVALID_INPUT", `“${primary.displayName}” is read-only, so CRM appointments can't be written to it.`);
    }
    const conflicts = new Set(input.conflictCalendarIds);
    for (const id of conflicts) {
      if (!byId.has(id)) throw new AppError("INVALID_INPUT", "One of the chosen calendars is no longer available. Refresh the page.");
    }
    if (primary) conflicts.add(primary.id);

    const previous = calendars.find((c) => c.isPrimary) ?? null;
    // Clear first: the partial unique index allows one primary per user at any moment.
    await tx.externalCalendar.updateMany({ where: { userId: input.userId, isPrimary: true }, data: { isPrimary: false } });
    for (const calendar of calendars) {
      await tx.externalCalendar.update({
        where: { id: calendar.id },
        data: { isPrimary: calendar.id === primary?.id, checkConflicts: conflicts.has(calendar.id) },
      });
    }
    await recordPrimaryChange(
      tx,
      { organizationId: actor.organizationId, userId: input.userId },
      previous?.id ?? null,
      primary?.id ?? null,
      actor.userId,
    );
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      subjectUserId: input.userId,
      action: "calendars.configured",
      details: {
        primary: primary?.displayName ?? null,
        previousPrimary: previous?.displayName ?? null,
        conflicts: calendars.filter((c) => conflicts.has(c.id)).map((c) => c.displayName),
      },
    });
    await enqueueUserRefresh(tx, input.userId);
    // A new primary: every future event moves there (each push job deletes the old copy).
    if ((previous?.id ?? null) !== (primary?.id ?? null)) await enqueueUserPushes(tx, input.userId);
  });
}
