import { db } from "@/lib/db";
import { canBePrimary } from "./calendar-list";

// Views for pages: explicit selects, so a password ciphertext can never reach a component.

export interface CalendarView {
  id: string;
  displayName: string;
  color: string | null;
  readOnly: boolean;
  canBePrimary: boolean;
  isPrimary: boolean;
  checkConflicts: boolean;
}

export interface ConnectionView {
  id: string;
  appleId: string;
  status: "ACTIVE" | "NEEDS_REAUTH" | "ERROR";
  lastCheckedAt: Date | null;
  lastSyncedAt: Date | null;
  lastError: string | null;
  calendars: CalendarView[];
}

export async function listConnections({ organizationId, userId }: { organizationId: string; userId: string }): Promise<ConnectionView[]> {
  const rows = await db.calendarConnection.findMany({
    where: { organizationId, userId, status: { not: "DISCONNECTED" } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      appleId: true,
      status: true,
      lastCheckedAt: true,
      lastSyncedAt: true,
      lastError: true,
      calendars: {
        where: { missingSince: null },
        orderBy: [{ sortOrder: "asc" }, { displayName: "asc" }],
        select: { id: true, displayName: true, color: true, readOnly: true, components: true, isPrimary: true, checkConflicts: true, missingSince: true },
      },
    },
  });
  return rows.map(({ calendars, status, ...connection }) => ({
    ...connection,
    status: status as ConnectionView["status"],
    calendars: calendars.map(({ components, missingSince, ...c }) => ({ ...c, canBePrimary: canBePrimary({ readOnly: c.readOnly, components, missingSince }) })),
  }));
}

/** For the staff banner and the admin team list. */
export async function usersNeedingReauth({ organizationId }: { organizationId: string }): Promise<Set<string>> {
  const rows = await db.calendarConnection.findMany({
    where: { organizationId, status: "NEEDS_REAUTH" },
    select: { userId: true },
  });
  return new Set(rows.map((r) => r.userId));
}

export async function connectionSummaries({ organizationId }: { organizationId: string }) {
  return db.calendarConnection.findMany({
    where: { organizationId, status: { not: "DISCONNECTED" } },
    select: { userId: true, status: true },
  });
}

export function listAuditEvents({ organizationId, subjectUserId, take = 20 }: { organizationId: string; subjectUserId: string; take?: number }) {
  return db.auditEvent.findMany({
    where: { organizationId, subjectUserId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, action: true, details: true, createdAt: true, actorId: true },
  });
}
