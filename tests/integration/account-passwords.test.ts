// A member's own account (lib/team/account.ts) against the real PostgreSQL and a real SMTP
// server: profile, change password, and "Forgot password?" (single use, one hour, stored as
// sha256, rate-limited, the same answer for unknown addresses, no usable link in the email log).
import { afterAll, describe, expect, it, vi } from "vitest";

// lib/env reads SMTP_URL when first imported: the server must be up before any app module loads.
const smtp = await vi.hoisted(async () => {
  const { startSmtpServer } = await import("../support/smtp-server");
  const server = await startSmtpServer();
  process.env.SMTP_URL = server.url;
  return server;
});

import { verifyCredentials } from "@/lib/auth/credentials";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { REMOVED_LINK, sendEmail } from "@/lib/email/send";
import { isAppError } from "@/lib/errors";
import { changePassword, lookupPasswordReset, requestPasswordReset, resetPassword, updateProfile } from "@/lib/team/account";
import { hashToken } from "@/lib/team/tokens";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";

afterAll(() => smtp.close());

type User = Awaited<ReturnType<typeof createUser>>;
const actorOf = (u: User): Actor => ({ userId: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email });

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (error) {
    if (isAppError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
}

const client = () => `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("My Profile", () => {
  it("saves the member's own name and time zone", async () => {
    const user = await createUser({ organizationId: (await createOrganization()).id });
    await updateProfile({ actor: actorOf(user), name: "New Name", timeZone: "Asia/Tokyo" });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ name: "New Name", timeZone: "Asia/Tokyo" });
  });

  it("changes the password only with the current one, and ends the other sessions", async () => {
    const user = await createUser({ organizationId: (await createOrganization()).id, password: "old password" });
    expect(await outcome(changePassword({ actor: actorOf(user), currentPassword: "wrong", password: "brand new password" }))).toBe(
      "INVALID_INPUT: That isn't your current password.",
    );
    expect(await changePassword({ actor: actorOf(user), currentPassword: "old password", password: "brand new password" })).toEqual({
      email: user.email,
    });
    expect(await verifyCredentials({ email: user.email, password: "old password" })).toBeNull();
    expect(await verifyCredentials({ email: user.email, password: "brand new password" })).toMatchObject({
      id: user.id,
      sessionVersion: 1,
    });
  });
});

describe("Forgot password?", () => {
  it("emails a single-use one-hour link to an existing member, stores only its hash, and keeps no usable link in the log", async () => {
    const org = await createOrganization(`Reset Org ${uniqueSuffix()}`);
    const user = await createUser({ organizationId: org.id, password: "forgotten password", name: "Rita Reset" });
    await requestPasswordReset({ email: user.email, client: client() });
    const message = await db.emailMessage.findFirstOrThrow({ where: { toEmail: user.email, kind: "password_reset" } });
    const link = (message.data as { link: string }).link;
    const token = new URL(link).pathname.split("/").pop()!;
    const row = await db.passwordResetToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThanOrEqual(60 * 60_000 - 1000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(60 * 60_000 + 1000);

    // Sent over SMTP with the link; the stored copy (the email log) no longer has it.
    expect(await sendEmail(message.id)).toEqual({ done: true });
    const [mail] = smtp.to(user.email);
    expect(mail!.parsed.subject).toBe(`Reset your ${org.name} password`);
    expect(mail!.parsed.text).toContain(link);
    const stored = await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(stored.status).toBe("SENT");
    expect(JSON.stringify([stored.html, stored.text, stored.data])).not.toContain(token);
    expect(stored.text).toContain(REMOVED_LINK);

    expect(await lookupPasswordReset(token)).toEqual({ status: "valid", email: user.email });
    expect(await lookupPasswordReset(token, Date.now() + 61 * 60_000)).toEqual({ status: "invalid" });
    expect(await outcome(resetPassword({ token, password: "a new password!", now: Date.now() + 61 * 60_000 }))).toBe(
      "CONFLICT: This reset link has expired or was already used. Ask for a new one.",
    );
    expect(await resetPassword({ token, password: "a new password!" })).toEqual({ email: user.email });
    expect(await verifyCredentials({ email: user.email, password: "a new password!" })).toMatchObject({ id: user.id, sessionVersion: 1 });
    expect(await verifyCredentials({ email: user.email, password: "forgotten password" })).toBeNull();
    expect(await outcome(resetPassword({ token, password: "yet another password" }))).toBe(
      "CONFLICT: This reset link has expired or was already used. Ask for a new one.",
    );
    expect(await lookupPasswordReset(token)).toEqual({ status: "invalid" });
  });

  it("answers the same for an unknown or deactivated address, and sends nothing", async () => {
    const unknown = `nobody-${uniqueSuffix()}@example.test`;
    expect(await outcome(requestPasswordReset({ email: unknown, client: client() }))).toBe("OK");
    const deactivated = await createUser({ organizationId: (await createOrganization()).id });
    await db.user.update({ where: { id: deactivated.id }, data: { deactivatedAt: new Date() } });
    expect(await outcome(requestPasswordReset({ email: deactivated.email, client: client() }))).toBe("OK");
    expect(await db.emailMessage.count({ where: { toEmail: { in: [unknown, deactivated.email] } } })).toBe(0);
    expect(await db.passwordResetToken.count({ where: { userId: deactivated.id } })).toBe(0);
  });

  it("a newer link replaces the older one; both known and unknown addresses are limited to 3 an hour", async () => {
    const user = await createUser({ organizationId: (await createOrganization()).id });
    await requestPasswordReset({ email: user.email, client: client() });
    await requestPasswordReset({ email: user.email, client: client() });
    const rows = await db.passwordResetToken.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.usedAt !== null)).toEqual([true, false]);
    await requestPasswordReset({ email: user.email, client: client() });
    expect(await outcome(requestPasswordReset({ email: user.email, client: client() }))).toBe(
      "RATE_LIMITED: Too many reset requests. Try again later.",
    );
    const unknown = `nobody-${uniqueSuffix()}@example.test`;
    for (let i = 0; i < 3; i++) await requestPasswordReset({ email: unknown, client: client() });
    expect(await outcome(requestPasswordReset({ email: unknown, client: client() }))).toBe(
      "RATE_LIMITED: Too many reset requests. Try again later.",
    );
    // Per client too.
    const one = client();
    for (let i = 0; i < 30; i++) await requestPasswordReset({ email: `n-${i}-${uniqueSuffix()}@example.test`, client: one });
    expect(await outcome(requestPasswordReset({ email: `n-${uniqueSuffix()}@example.test`, client: one }))).toBe(
      "RATE_LIMITED: Too many reset requests. Try again later.",
    );
  });
});
