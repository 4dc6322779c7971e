import type { Actor } from "./session";
import { AppError } from "@/lib/errors";

/**
 * Staff manage only themselves; admins manage anyone in their own organization. The target's
 * organization is passed in by the caller from a query scoped by the actor's organization, so a
 * user id from another organization never matches.
 */
export function canManageUser(actor: Actor, target: { id: string; organizationId: string }): boolean {
  if (target.organizationId !== actor.organizationId) return false;
  return actor.role === "ADMIN" || actor.userId === target.id;
}

export function assertCanManageUser(actor: Actor, target: { id: string; organizationId: string } | null) {
  if (!target || !canManageUser(actor, target)) {
    throw new AppError("FORBIDDEN", "You can't manage this staff member.");
  }
}
