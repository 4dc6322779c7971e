import { db } from "@/lib/db";

export interface StaffSummary {
  id: string;
  name: string;
  email: string;
  role: "ADMIN" | "STAFF";
  timeZone: string;
  lastSignInAt: Date | null;
  /** Set: deactivated (can't sign in, offered in no booking calendar). */
  deactivatedAt: Date | null;
}

const summarySelect = { id: true, name: true, email: true, role: true, timeZone: true, lastSignInAt: true, deactivatedAt: true } as const;

export function listStaff({ organizationId }: { organizationId: string }): Promise<StaffSummary[]> {
  return db.user.findMany({ where: { organizationId }, select: summarySelect, orderBy: { name: "asc" } });
}

/** Null when the user does not exist in this organization (callers answer 404, never 403, to avoid probing). */
export function getStaffMember({ organizationId, userId }: { organizationId: string; userId: string }) {
  return db.user.findFirst({
    where: { id: userId, organizationId },
    select: { ...summarySelect, organizationId: true, workingHours: { orderBy: [{ weekday: "asc" }, { startMinute: "asc" }] } },
  });
}

export function getWorkingHours({ organizationId, userId }: { organizationId: string; userId: string }) {
  return db.workingHours.findMany({
    where: { organizationId, userId },
    orderBy: [{ weekday: "asc" }, { startMinute: "asc" }],
  });
}
