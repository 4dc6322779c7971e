import { cache } from "react";
import { forbidden, redirect } from "next/navigation";
import { auth } from "./config";
import { AppError } from "@/lib/errors";

export interface Actor {
  userId: string;
  organizationId: string;
  role: "ADMIN" | "STAFF";
  name: string;
  email: string;
}

// Resolved once per request (React cache) and used by pages and by every server action.
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.organizationId) return null;
  return {
    userId: user.id,
    organizationId: user.organizationId,
    role: user.role,
    name: user.name ?? "",
    email: user.email ?? "",
  };
});

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
