import { db } from "@/lib/db";
import { enqueueJob } from "@/lib/sync/enqueue";
import { burnPasswordCheck, verifyPassword } from "./password";
import { LoginSchema } from "./schemas";

/**
 * The credentials check behind sign-in (Auth.js's authorize). Null for a wrong email, a wrong
 * password and a deactivated account alike, so the form says the same thing for each and
 * nothing reveals which accounts exist or were deactivated.
 */
export async function verifyCredentials(raw: unknown) {
  const parsed = LoginSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({ where: { email } });
  if (!user) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  if (user.deactivatedAt) return null;
  await enqueueJob(db, "record_sign_in", { userId: user.id, at: new Date().toISOString() });
  return { id: user.id, email: user.email, name: user.name, organizationId: user.organizationId, role: user.role, sessionVersion: user.sessionVersion };
}
