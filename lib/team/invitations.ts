import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { queueEmail } from "@/lib/email/queue";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { InviteInput } from "./account-schemas";
import { hashToken, isWellFormedToken, newToken } from "./tokens";
import { giveDefaultWorkingHours } from "./default-hours";

// Invitations: an admin invites someone by email; the link (/invite/{token}) works once, for
// 7 days, and only its sha256 is stored. "Resend" replaces the token (the old link stops
// working) and emails the new one; "Revoke" ends it.

export const INVITATION_TTL_MS = 7 * 86_400_000;

function assertAdmin(actor: Actor) {
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only administrators can invite team members.");
}

export function invitationUrl(token: string): string {
  return new URL(`/invite/${token}`, env.APP_URL).href;
}

async function queueInvitationEmail(
  tx: Tx,
  invitation: {
    id: string;
    organizationId: string;
    email: string;
    name: string;
    role: "ADMIN" | "STAFF";
    timeZone: string;
    tokenHash: string;
    expiresAt: Date;
  },
  token: string,
  inviterName: string,
) {
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: invitation.organizationId }, select: { name: true } });
  await queueEmail(tx, {
    organizationId: invitation.organizationId,
    // One email per token: a resend is a new token, so a new email.
    idempotencyKey: `invitation:${invitation.id}:${invitation.tokenHash.slice(0, 16)}`,
    to: { email: invitation.email, name: invitation.name },
    data: {
      kind: "invitation",
      organizationName: organization.name,
      inviterName,
      inviteeName: invitation.name,
      role: invitation.role,
      link: invitationUrl(token),
      expiresAt: invitation.expiresAt.getTime(),
      timeZone: invitation.timeZone,
    },
  });
}

/** Creates an invitation and queues its email; the link is returned once, for the admin to copy. */
export async function createInvitation(options: {
  actor: Actor;
  input: InviteInput;
  now?: number;
}): Promise<{ invitationId: string; url: string }> {
  const { actor, input } = options;
  assertAdmin(actor);
  const now = options.now ?? Date.now();
  const { token, hash } = newToken();
  const id = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`invite:${input.email}`}, 0))`;
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError("CONFLICT", "Someone with this email already has an account.");
    }
    const pending = await tx.invitation.findFirst({
      where: {
        organizationId: actor.organizationId,
        email: input.email,
        acceptedAt: null,
        revokedAt: null,
        expiresAt: { gt: new Date(now) },
      },
      select: { id: true },
    });
    if (pending) throw new AppError("CONFLICT", "This person already has a pending invitation: resend or revoke it below.");
    const invitation = await tx.invitation.create({
      data: {
        organizationId: actor.organizationId,
        email: input.email,
        name: input.name,
        role: input.role,
        timeZone: input.timeZone,
        tokenHash: hash,
        invitedById: actor.userId,
        expiresAt: new Date(now + INVITATION_TTL_MS),
      },
    });
    await queueInvitationEmail(tx, invitation, token, actor.name);
    return invitation.id;
  });
  return { invitationId: id, url: invitationUrl(token) };
}

async function loadPending(tx: Tx, actor: Actor, invitationId: string) {
  const invitation = await tx.invitation.findFirst({ where: { id: invitationId, organizationId: actor.organizationId } });
  if (!invitation) throw new AppError("NOT_FOUND", "That invitation does not exist.");
  if (invitation.acceptedAt) throw new AppError("CONFLICT", `${invitation.name} already joined.`);
  if (invitation.revokedAt) throw new AppError("CONFLICT", "That invitation was revoked.");
  return invitation;
}

/** A new token (the previous link stops working), another 7 days, and a new email. */
export async function resendInvitation(options: { actor: Actor; invitationId: string; now?: number }): Promise<{ url: string }> {
  const { actor } = options;
  assertAdmin(actor);
  const now = options.now ?? Date.now();
  const { token, hash } = newToken();
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Invitation" WHERE id = ${options.invitationId} FOR UPDATE`;
    await loadPending(tx, actor, options.invitationId);
    const invitation = await tx.invitation.update({
      where: { id: options.invitationId },
      data: { tokenHash: hash, expiresAt: new Date(now + INVITATION_TTL_MS) },
    });
    await queueInvitationEmail(tx, invitation, token, actor.name);
  });
  return { url: invitationUrl(token) };
}

export async function revokeInvitation(options: { actor: Actor; invitationId: string; now?: number }): Promise<void> {
  const { actor } = options;
  assertAdmin(actor);
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Invitation" WHERE id = ${options.invitationId} FOR UPDATE`;
    await loadPending(tx, actor, options.invitationId);
    await tx.invitation.update({ where: { id: options.invitationId }, data: { revokedAt: new Date(options.now ?? Date.now()) } });
  });
}

export interface PendingInvitation {
  id: string;
  name: string;
  email: string;
  role: "ADMIN" | "STAFF";
  expiresAt: Date;
  expired: boolean;
  invitedBy: string | null;
}

/** Not yet accepted nor revoked, newest first; expired ones are listed (and can be resent). */
export async function listPendingInvitations(options: { actor: Actor; now?: number }): Promise<PendingInvitation[]> {
  const { actor } = options;
  assertAdmin(actor);
  const now = options.now ?? Date.now();
  const rows = await db.invitation.findMany({
    where: { organizationId: actor.organizationId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    include: { invitedBy: { select: { name: true } } },
    take: 100,
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    expiresAt: r.expiresAt,
    expired: r.expiresAt.getTime() <= now,
    invitedBy: r.invitedBy?.name ?? null,
  }));
}

export type InvitationLookup =
  { status: "valid"; name: string; email: string; organizationName: string } | { status: "expired" | "used" | "revoked" | "unknown" };

/** What /invite/{token} shows: the form, or why the link no longer works. */
export async function lookupInvitation(token: string, now = Date.now()): Promise<InvitationLookup> {
  if (!isWellFormedToken(token)) return { status: "unknown" };
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: { select: { name: true } } },
  });
  if (!invitation) return { status: "unknown" };
  if (invitation.acceptedAt) return { status: "used" };
  if (invitation.revokedAt) return { status: "revoked" };
  if (invitation.expiresAt.getTime() <= now) return { status: "expired" };
  return { status: "valid", name: invitation.name, email: invitation.email, organizationName: invitation.organization.name };
}

const UNUSABLE: Record<Exclude<InvitationLookup["status"], "valid">, string> = {
  expired: "This invitation has expired. Ask your admin to send a new one.",
  used: "This invitation was already used. Sign in instead.",
  revoked: "This invitation was withdrawn. Ask your admin if you think that's a mistake.",
  unknown: "This invitation link isn't valid. Check that you copied all of it, or ask your admin for a new one.",
};
export const unusableInvitationMessage = (status: Exclude<InvitationLookup["status"], "valid">) => UNUSABLE[status];

/**
 * Creates the member the invitation describes (working hours Monday–Friday 09:00–17:00 in their
 * zone, as setup does) and marks it used, in one transaction that locks the invitation: two
 * submissions create one account. Returns the email to sign in with.
 */
export async function acceptInvitation(options: {
  token: string;
  name: string;
  password: string;
  now?: number;
}): Promise<{ userId: string; email: string }> {
  const now = options.now ?? Date.now();
  if (!isWellFormedToken(options.token)) throw new AppError("NOT_FOUND", UNUSABLE.unknown);
  const passwordHash = await hashPassword(options.password);
  try {
    return await db.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<
        { id: string }[]
      >`SELECT id FROM "Invitation" WHERE "tokenHash" = ${hashToken(options.token)} FOR UPDATE`;
      const invitation = locked ? await tx.invitation.findUniqueOrThrow({ where: { id: locked.id } }) : null;
      if (!invitation) throw new AppError("NOT_FOUND", UNUSABLE.unknown);
      if (invitation.acceptedAt) throw new AppError("CONFLICT", UNUSABLE.used);
      if (invitation.revokedAt) throw new AppError("CONFLICT", UNUSABLE.revoked);
      if (invitation.expiresAt.getTime() <= now) throw new AppError("CONFLICT", UNUSABLE.expired);
      const user = await tx.user.create({
        data: {
          organizationId: invitation.organizationId,
          email: invitation.email,
          name: options.name,
          role: invitation.role,
          timeZone: invitation.timeZone,
          passwordHash,
        },
      });
      await giveDefaultWorkingHours(tx, { id: user.id, organizationId: invitation.organizationId });
      await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date(now), acceptedUserId: user.id } });
      return { userId: user.id, email: user.email };
    });
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw new AppError("CONFLICT", "An account with this email already exists. Sign in instead.");
    throw error;
  }
}
