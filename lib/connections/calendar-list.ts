import type { Tx } from "@/lib/db";
import type { DiscoveredCalendar } from "@/lib/caldav/discovery";

/** A calendar the CRM can write appointments to. */
export function canBePrimary(calendar: { readOnly: boolean; components: string[]; missingSince: Date | null }): boolean {
  return !calendar.readOnly && calendar.components.includes("VEVENT") && calendar.missingSince === null;
}

function calendarFields(found: DiscoveredCalendar) {
  return {
    displayName: found.displayName,
    color: found.color,
    sortOrder: found.order,
    components: found.components,
    readOnly: found.readOnly,
  };
}

/**
 * Brings a connection's stored calendars in line with what iCloud lists now. New calendars
 * count for conflicts when the user owns them (writable): a shared read-only calendar such as
 * a holiday list would otherwise block whole days. A calendar that disappeared is flagged,
 * leaves the configuration, and a primary that left is recorded for the push work.
 * Returns notices for the user.
 */
export async function reconcileCalendars(
  tx: Tx,
  connection: { id: string; organizationId: string; userId: string },
  discovered: DiscoveredCalendar[],
  changedById: string,
): Promise<string[]> {
  const notices: string[] = [];
  const stored = await tx.externalCalendar.findMany({ where: { connectionId: connection.id } });
  const byUrl = new Map(stored.map((c) => [c.url, c]));
  const now = new Date();

  for (const found of discovered) {
    const existing = byUrl.get(found.url);
    if (!existing) {
      await tx.externalCalendar.create({
        data: {
          ...calendarFields(found),
          organizationId: connection.organizationId,
          connectionId: connection.id,
          userId: connection.userId,
          url: found.url,
          checkConflicts: !found.readOnly,
        },
      });
      continue;
    }
    const losesPrimary = existing.isPrimary && found.readOnly;
    await tx.externalCalendar.update({
      where: { id: existing.id },
      data: { ...calendarFields(found), missingSince: null, ...(losesPrimary ? { isPrimary: false } : {}) },
    });
    if (losesPrimary) {
      notices.push(`“${found.displayName}” became read-only in iCloud, so it is no longer your primary calendar. Choose another.`);
      await recordPrimaryChange(tx, connection, existing.id, null, changedById);
    }
  }

  const present = new Set(discovered.map((c) => c.url));
  for (const gone of stored.filter((c) => !present.has(c.url) && c.missingSince === null)) {
    await tx.externalCalendar.update({
      where: { id: gone.id },
      data: { missingSince: now, isPrimary: false, checkConflicts: false },
    });
    notices.push(
      gone.isPrimary
        ? `Your primary calendar “${gone.displayName}” no longer exists in iCloud and was removed from your configuration. Choose a new primary calendar.`
        : `“${gone.displayName}” no longer exists in iCloud and was removed from your configuration.`,
    );
    if (gone.isPrimary) await recordPrimaryChange(tx, connection, gone.id, null, changedById);
  }
  return notices;
}

export async function recordPrimaryChange(
  tx: Tx,
  target: { organizationId: string; userId: string },
  fromCalendarId: string | null,
  toCalendarId: string | null,
  changedById: string,
): Promise<void> {
  if (fromCalendarId === toCalendarId) return;
  await tx.primaryCalendarChange.create({
    data: { organizationId: target.organizationId, userId: target.userId, fromCalendarId, toCalendarId, changedById },
  });
}
