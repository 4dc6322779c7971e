import { createHash } from "node:crypto";

/**
 * The handle public answers use for a staff member (the API's `staff[].id`): stable for the
 * same person, so integrations can tell people apart, but never the database's user id, which
 * staff pages and actions take and which public answers must not give away.
 */
export function publicStaffId(userId: string): string {
  return `staff_${createHash("sha256").update(`crm-public-staff:${userId}`).digest("base64url").slice(0, 22)}`;
}
