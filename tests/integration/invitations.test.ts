// Invitations (lib/team/invitations.ts) against the real PostgreSQL: single use, 7 days, the
// token stored as its sha256, the email queued in the same transaction, resend and revoke.
import { describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/credentials";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { EmailData } from "@/lib/email/kinds";
import { renderEmail } from "@/lib/email/render";
import { isAppError } from "@/lib/errors";
import { InviteSchema } from "@/lib/team/account-schemas";
import {
  acceptInvitation,
  createInvitation,
  listPendingInvitations,
  lookupInvitation,
  resendInvitation,
  revokeInvitation,
} from "@/lib/team/invitations";
import { hashToken } from "@/lib/team/tokens";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";

type User = Awaited<ReturnType<typeof createUser>>;
const actorOf = (u: User): Actor => ({ userId: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email });
const tokenOf = (url: string) => new URL(url).pathname.split("/").pop()!;

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (error) {
    if (isAppError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
}

async function setup() {
  const org = await createOrganization(`Invite Org ${uniqueSuffix()}`);
  const admin = await createUser({ organizationId: org.id, role: "ADMIN", name: "Ada Admin" });
  const email = `erin-${uniqueSuffix()}@example.test`;
  const input = InviteSchema.parse({ name: "Erin Example", email, role: "STAFF", timeZone: "Europe/Lisbon" });
  return { org, admin, email, input };
}

describe("invitations", () => {
  it("stores only the token's sha256, queues the email with the link in the same transaction, and expires in 7 days", async () => {
    const { org, admin, email, input } = await setup();
    const before = Date.now();
    const { invitationId, url } = await createInvitation({ actor: actorOf(admin), input });
    expect(url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(url);
    const row = await db.invitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(row).toMatchObject({
      organizationId: org.id,
      email,
      name: "Erin Example",
      role: "STAFF",
      timeZone: "Europe/Lisbon",
      invitedById: admin.id,
      tokenHash: hashToken(token),
    });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    expect(row.expiresAt.getTime() - before).toBeLessThanOrEqual(7 * 86_400_000 + 5000);

    const [message] = await db.emailMessage.findMany({ where: { organizationId: org.id, kind: "invitation" } });
    expect(message).toMatchObject({ toEmail: email, toName: "Erin Example" });
    const data = EmailData.parse(message!.data);
    expect(data).toMatchObject({ kind: "invitation", link: url, inviterName: "Ada Admin", organizationName: org.name });
    const rendered = await renderEmail(data);
    expect(rendered.subject).toBe(`Ada Admin invited you to join ${org.name}`);
    expect(rendered.text).toContain(url);

    expect(await listPendingInvitations({ actor: actorOf(admin) })).toMatchObject([{ id: invitationId, email, expired: false }]);
    expect(await lookupInvitation(token)).toEqual({ status: "valid", name: "Erin Example", email, organizationName: org.name });
  });

  it("refuses a second pending invitation, an email that already has an account, and non-admins", async () => {
    const { org, admin, input } = await setup();
    await createInvitation({ actor: actorOf(admin), input });
    expect(await outcome(createInvitation({ actor: actorOf(admin), input }))).toBe(
      "CONFLICT: This person already has a pending invitation: resend or revoke it below.",
    );
    const existing = await createUser({ organizationId: (await createOrganization()).id });
    expect(await outcome(createInvitation({ actor: actorOf(admin), input: { ...input, email: existing.email } }))).toBe(
      "CONFLICT: Someone with this email already has an account.",
    );
    const staff = await createUser({ organizationId: org.id });
    expect(await outcome(createInvitation({ actor: actorOf(staff), input: { ...input, email: `x-${uniqueSuffix()}@example.test` } }))).toBe(
      "FORBIDDEN: Only administrators can invite team members.",
    );
  });

  it("accepting creates the member (role, zone, Mon–Fri 9–17) once; the link then says it was used", async () => {
    const { org, admin, email, input } = await setup();
    const { url, invitationId } = await createInvitation({ actor: actorOf(admin), input: { ...input, role: "ADMIN" } });
    const token = tokenOf(url);
    // Two submissions at once: one account.
    const results = await Promise.allSettled([
      acceptInvitation({ token, name: "Erin E.", password: "erin's own password" }),
      acceptInvitation({ token, name: "Erin E.", password: "erin's own password" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.message).toBe("This invitation was already used. Sign in instead.");
    const user = await db.user.findUniqueOrThrow({ where: { email }, include: { workingHours: { orderBy: { weekday: "asc" } } } });
    expect(user).toMatchObject({ organizationId: org.id, name: "Erin E.", role: "ADMIN", timeZone: "Europe/Lisbon", deactivatedAt: null });
    expect(user.workingHours.map((h) => [h.weekday, h.startMinute, h.endMinute])).toEqual([1, 2, 3, 4, 5].map((d) => [d, 540, 1020]));
    expect(await db.invitation.findUniqueOrThrow({ where: { id: invitationId } })).toMatchObject({ acceptedUserId: user.id });
    expect(await verifyCredentials({ email, password: "erin's own password" })).toMatchObject({ id: user.id });
    expect(await lookupInvitation(token)).toEqual({ status: "used" });
    expect(await listPendingInvitations({ actor: actorOf(admin) })).toEqual([]);
  });

  it("resend replaces the token and emails again; revoke and expiry end the link", async () => {
    const { org, admin, input } = await setup();
    const first = await createInvitation({ actor: actorOf(admin), input });
    const { url } = await resendInvitation({ actor: actorOf(admin), invitationId: first.invitationId });
    expect(await lookupInvitation(tokenOf(first.url))).toEqual({ status: "unknown" });
    expect((await lookupInvitation(tokenOf(url))).status).toBe("valid");
    const links = (
      await db.emailMessage.findMany({ where: { organizationId: org.id, kind: "invitation" }, orderBy: { createdAt: "asc" } })
    ).map((m) => (m.data as { link: string }).link);
    expect(links).toEqual([first.url, url]);
    expect(await outcome(acceptInvitation({ token: tokenOf(first.url), name: "E", password: "a long password" }))).toBe(
      "NOT_FOUND: This invitation link isn't valid. Check that you copied all of it, or ask your admin for a new one.",
    );

    expect(await lookupInvitation(tokenOf(url), Date.now() + 8 * 86_400_000)).toEqual({ status: "expired" });
    expect(
      await outcome(acceptInvitation({ token: tokenOf(url), name: "E", password: "a long password", now: Date.now() + 8 * 86_400_000 })),
    ).toBe("CONFLICT: This invitation has expired. Ask your admin to send a new one.");
    const foreign = await createUser({ organizationId: (await createOrganization()).id, role: "ADMIN" });
    expect(await outcome(revokeInvitation({ actor: actorOf(foreign), invitationId: first.invitationId }))).toBe(
      "NOT_FOUND: That invitation does not exist.",
    );
    await revokeInvitation({ actor: actorOf(admin), invitationId: first.invitationId });
    expect(await lookupInvitation(tokenOf(url))).toEqual({ status: "revoked" });
    expect(await outcome(acceptInvitation({ token: tokenOf(url), name: "E", password: "a long password" }))).toBe(
      "CONFLICT: This invitation was withdrawn. Ask your admin if you think that's a mistake.",
    );
    expect(await outcome(resendInvitation({ actor: actorOf(admin), invitationId: first.invitationId }))).toBe(
      "CONFLICT: That invitation was revoked.",
    );
    expect(await lookupInvitation("not-a-token")).toEqual({ status: "unknown" });
  });
});
