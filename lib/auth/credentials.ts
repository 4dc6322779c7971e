import { db } from "@/lib/db";
import { clientAddress } from "@/lib/http/client-address";
import { checkRateLimit, recordHit } from "@/lib/rate-limit";
import { enqueue } from "@/lib/jobs/enqueue";
import { burnPasswordCheck, verifyPassword } from "./password";
import { LoginSchema } from "./schemas";

/**
 * The credentials check behind sign-in (Auth.js's authorize). Null for a wrong email, a wrong
 * password and a deactivated account alike, so the form says the same thing for each and
 * nothing reveals which accounts exist or were deactivated.
 */
export async function verifyCredentials(raw: unknown, request?: Request) {
  const parsed = LoginSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = signInKeys(email, request ? clientAddress(request.headers) : "unknown");
  await throttleSignIn(keys);
  const user = await db.user.findUnique({ where: { email } });
  if (!user) {
    await burnPasswordCheck(password);
    return failed(keys);
  }
  if (!(await verifyPassword(user.passwordHash, password))) return failed(keys);
  if (user.deactivatedAt) return failed(keys);
  await enqueue(db, "record_sign_in", { userId: user.id, at: new Date().toISOString() });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    organizationId: user.organizationId,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}

/** Sign-in was refused before the password was checked: too many attempts. */
export class SignInThrottled extends Error {
  constructor() {
    super("Too many failed sign-in attempts");
    this.name = "SignInThrottled";
  }
}

/**
 * Failed attempts are counted per address (known or not, so the answer reveals nothing) and per
 * client, and checked before any password is: 10 per address in 15 minutes and 30 in an hour (a
 * second, longer window as backoff), 50 per client in 15 minutes. Successful sign-ins don't count.
 */
export const SIGN_IN_LIMITS = [
  { scope: "email", limit: 10, windowMs: 15 * 60_000 },
  { scope: "email", limit: 30, windowMs: 60 * 60_000 },
  { scope: "client", limit: 50, windowMs: 15 * 60_000 },
] as const;

type SignInKey = { key: string; limit: number; windowMs: number };

function signInKeys(email: string, client: string): SignInKey[] {
  return SIGN_IN_LIMITS.map((rule) => ({
    key: `sign-in-failed:${rule.scope}:${rule.scope === "email" ? email.toLowerCase() : client}`,
    limit: rule.limit,
    windowMs: rule.windowMs,
  }));
}

async function throttleSignIn(keys: SignInKey[]): Promise<void> {
  for (const rule of keys) {
    if (!(await checkRateLimit(rule)).ok) throw new SignInThrottled();
  }
}

async function failed(keys: SignInKey[]): Promise<null> {
  // The two email windows share one key: one row counts in both.
  for (const key of new Set(keys.map((k) => k.key))) await recordHit(key);
  return null;
}
