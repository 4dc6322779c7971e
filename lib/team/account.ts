import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/session";
import { endSessions } from "@/lib/auth/session-version";
import { db } from "@/lib/db";
import { queueEmail } from "@/lib/email/queue";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit";
import { hashToken, isWellFormedToken, newToken } from "./tokens";

// A member's own account: name, time zone and password (My Profile), and "Forgot password?".

export const RESET_TTL_MS = 60 * 60_000;
/** Reset emails per address per hour, and requests per client per 15 minutes. */
export const RESET_LIMIT_PER_EMAIL = 3;
export const RESET_LIMIT_PER_CLIENT = 30;

export async function getProfile(actor: Actor) {
  return db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { name: true, email: true, timeZone: true } });
}

/** The member's own name and time zone (their working hours keep their local times in it). */
export async function updateProfile(options: { actor: Actor; name: string; timeZone: string }): Promise<void> {
  const { actor } = options;
  await db.user.update({
    where: { id: actor.userId, organizationId: actor.organizationId },
    data: { name: options.name, timeZone: options.timeZone },
  });
}

/**
 * Checks the current password, sets the new one and ends every session issued before (the
 * caller re-issues the current one). Wrong current passwords are rate-limited per member.
 * Returns the email to sign in again with.
 */
export async function changePassword(options: { actor: Actor; currentPassword: string; password: string }): Promise<{ email: string }> {
  const { actor } = options;
  const limit = await consumeRateLimit({ key: `password-change:${actor.userId}`, limit: 10, windowMs: 15 * 60_000 });
  if (!limit.ok) throw new AppError("RATE_LIMITED", "Too many attempts. Try again in a few minutes.");
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true, email: true } });
  if (!(await verifyPassword(user.passwordHash, options.currentPassword))) {
    throw new AppError("INVALID_INPUT", "That isn't your current password.");
  }
  const passwordHash = await hashPassword(options.password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash } });
    await endSessions(tx, actor.userId);
    await tx.passwordResetToken.updateMany({ where: { userId: actor.userId, usedAt: null }, data: { usedAt: new Date() } });
  });
  return { email: user.email };
}

export const RESET_REQUESTED = "If an account uses that email, we've sent it a link to reset the password. It works once, for one hour.";

/**
 * "Forgot password?": emails an active member a single-use link (one hour; only its sha256 is
 * stored; earlier unused links stop working). The answer is the same whether or not the email
 * has an account; the limits count per address and per client alike.
 */
export async function requestPasswordReset(options: { email: string; client: string; now?: number }): Promise<void> {
  const now = options.now ?? Date.now();
  const perClient = await consumeRateLimit({
    key: `password-reset:client:${options.client}`,
    limit: RESET_LIMIT_PER_CLIENT,
    windowMs: 15 * 60_000,
  });
  const perEmail = await consumeRateLimit({
    key: `password-reset:email:${options.email}`,
    limit: RESET_LIMIT_PER_EMAIL,
    windowMs: 60 * 60_000,
  });
  if (!perClient.ok || !perEmail.ok) throw new AppError("RATE_LIMITED", "Too many reset requests. Try again later.");
  const user = await db.user.findUnique({
    where: { email: options.email },
    select: {
      id: true,
      name: true,
      email: true,
      timeZone: true,
      organizationId: true,
      deactivatedAt: true,
      organization: { select: { name: true } },
    },
  });
  if (!user || user.deactivatedAt) return;
  const { token, hash } = newToken();
  await db.$transaction(async (tx) => {
    await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date(now) } });
    const row = await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: hash, expiresAt: new Date(now + RESET_TTL_MS) } });
    await queueEmail(tx, {
      organizationId: user.organizationId,
      idempotencyKey: `password_reset:${row.id}`,
      to: { email: user.email, name: user.name },
      userId: user.id,
      data: {
        kind: "password_reset",
        organizationName: user.organization.name,
        userName: user.name,
        link: new URL(`/reset-password/${token}`, env.APP_URL).href,
        expiresAt: row.expiresAt.getTime(),
        timeZone: user.timeZone,
      },
    });
  });
}

export type ResetLookup = { status: "valid"; email: string } | { status: "invalid" };

export const RESET_LINK_UNUSABLE = "This reset link has expired or was already used. Ask for a new one.";

export async function lookupPasswordReset(token: string, now = Date.now()): Promise<ResetLookup> {
  if (!isWellFormedToken(token)) return { status: "invalid" };
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { email: true, deactivatedAt: true } } },
  });
  if (!row || row.usedAt || row.expiresAt.getTime() <= now || row.user.deactivatedAt) return { status: "invalid" };
  return { status: "valid", email: row.user.email };
}

/** Sets the new password once per link and ends every open session of the account. */
export async function resetPassword(options: { token: string; password: string; now?: number }): Promise<{ email: string }> {
  const now = options.now ?? Date.now();
  if (!isWellFormedToken(options.token)) throw new AppError("CONFLICT", RESET_LINK_UNUSABLE);
  const passwordHash = await hashPassword(options.password);
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "PasswordResetToken" WHERE "tokenHash" = ${hashToken(options.token)} FOR UPDATE`;
    const row = locked
      ? await tx.passwordResetToken.findUniqueOrThrow({
          where: { id: locked.id },
          include: { user: { select: { email: true, deactivatedAt: true } } },
        })
      : null;
    if (!row || row.usedAt || row.expiresAt.getTime() <= now || row.user.deactivatedAt) throw new AppError("CONFLICT", RESET_LINK_UNUSABLE);
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await endSessions(tx, row.userId);
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: new Date(now) } });
    return { email: row.user.email };
  });
}
