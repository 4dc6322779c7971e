import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { auth } from "./config";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export interface Actor {
  userId: string;
  organizationId: string;
  role: "ADMIN" | "STAFF";
  name: string;
  email: string;
}

/**
 * Resolved once per request (React cache) and used by pages and by every server action. The
 * session token is only a claim: the user's row (one primary-key lookup) must still exist, be
 * active, and have the organization, role and session version the token was issued with.
 * Anything else (deactivated, demoted or promoted, password changed) is a signed-out visitor.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const claim = session?.user;
  if (!claim?.id || !claim.organizationId) return null;
  const user = await db.user.findUnique({
    where: { id: claim.id },
    select: { id: true, organizationId: true, role: true, name: true, email: true, sessionVersion: true, deactivatedAt: true },
  });
  if (!user || !sessionMatches(claim, user)) return null;
  return { userId: user.id, organizationId: user.organizationId, role: user.role, name: user.name, email: user.email };
});

/** Whether a session's claim still describes the user as stored (tokens from before versions count as version 0). */
export function sessionMatches(
  claim: { organizationId: string; role: string; sessionVersion?: number },
  user: { organizationId: string; role: string; sessionVersion: number; deactivatedAt: Date | null },
): boolean {
  return (
    user.deactivatedAt === null &&
    user.organizationId === claim.organizationId &&
    user.role === claim.role &&
    user.sessionVersion === (claim.sessionVersion ?? 0)
  );
}

/** For pages: a signed-out visitor is sent to /login. */
export async function requireStaff(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For pages: staff without the ADMIN role get the 403 page (app/forbidden.tsx). */
export async function requireAdmin(): Promise<Actor> {
  const actor = await requireStaff();
  if (actor.role !== "ADMIN") forbidden();
  return actor;
}

/** For server actions and route handlers: never redirects, always throws a typed error. */
export async function assertStaff(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Your session has ended. Sign in again.");
  return actor;
}

export async function assertAdmin(): Promise<Actor> {
  const actor = await assertStaff();
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only administrators can do this.");
  return actor;
}
