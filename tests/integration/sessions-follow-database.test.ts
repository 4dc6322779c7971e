// Sessions follow the database: every request re-reads the user's row, and a token whose
// organization, role or session version no longer matches (or whose user is deactivated or
// gone) is a signed-out visitor. Auth.js's auth() is replaced by a chosen session claim.
import { afterEach, describe, expect, it, vi } from "vitest";
import { isAppError } from "@/lib/errors";

const session = vi.hoisted(() => ({ claim: null as null | Record<string, unknown> }));
vi.mock("@/lib/auth/config", () => ({
  auth: async () => (session.claim ? { user: { ...session.claim }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
}));

const { assertAdmin, assertStaff, getActor, requireStaff } = await import("@/lib/auth/session");
const { endSessions } = await import("@/lib/auth/session-version");
const { verifyCredentials } = await import("@/lib/auth/credentials");
const { db } = await import("@/lib/db");
const { createOrganization, createUser } = await import("../support/factories");

afterEach(() => {
  session.claim = null;
});

type U = Awaited<ReturnType<typeof createUser>>;
const claimOf = (u: U, extra: Record<string, unknown> = {}) => ({
  id: u.id,
  organizationId: u.organizationId,
  role: u.role,
  name: u.name,
  email: u.email,
  sessionVersion: u.sessionVersion,
  ...extra,
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (error) {
    if (isAppError(error)) return error.code;
    const digest = (error as { digest?: string }).digest;
    if (typeof digest === "string") return digest.split(";").slice(0, 1).concat(digest.split(";").slice(2, 3)).join(" ");
    throw error;
  }
}

describe("a session is accepted only while it matches the user's row", () => {
  it("accepts a matching claim and answers with the database's name and email", async () => {
    const org = await createOrganization();
    const user = await createUser({ organizationId: org.id, name: "Stored Name" });
    session.claim = claimOf(user, { name: "Name in token" });
    expect(await getActor()).toEqual({ userId: user.id, organizationId: org.id, role: "STAFF", name: "Stored Name", email: user.email });
    expect(await code(assertStaff())).toBe("OK");
  });

  it("treats a token from before session versions as version 0", async () => {
    const org = await createOrganization();
    const user = await createUser({ organizationId: org.id });
    session.claim = claimOf(user, { sessionVersion: undefined });
    expect((await getActor())?.userId).toBe(user.id);
    await endSessions(db, user.id);
    expect(await getActor()).toBeNull();
  });

  it("refuses the session once the version is bumped (role change, deactivation, password change)", async () => {
    const org = await createOrganization();
    const user = await createUser({ organizationId: org.id });
    session.claim = claimOf(user);
    expect(await endSessions(db, user.id)).toBe(1);
    expect(await getActor()).toBeNull();
    expect(await code(assertStaff())).toBe("UNAUTHENTICATED");
    expect(await code(requireStaff())).toBe("NEXT_REDIRECT /login");
    // A session issued after the bump is accepted.
    session.claim = claimOf(user, { sessionVersion: 1 });
    expect((await getActor())?.userId).toBe(user.id);
  });

  it("refuses a deactivated user's session even with the current version", async () => {
    const org = await createOrganization();
    const user = await createUser({ organizationId: org.id });
    session.claim = claimOf(user);
    await db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect(await getActor()).toBeNull();
    expect(await code(assertStaff())).toBe("UNAUTHENTICATED");
  });

  it("refuses a claim whose role differs from the stored one: a demoted admin's next request is not an admin's", async () => {
    const org = await createOrganization();
    const admin = await createUser({ organizationId: org.id, role: "ADMIN" });
    session.claim = claimOf(admin);
    expect(await code(assertAdmin())).toBe("OK");
    await db.user.update({ where: { id: admin.id }, data: { role: "STAFF" } });
    expect(await getActor()).toBeNull();
    expect(await code(assertAdmin())).toBe("UNAUTHENTICATED");
    // A staff member's token claiming ADMIN is refused too.
    const staff = await createUser({ organizationId: org.id });
    session.claim = claimOf(staff, { role: "ADMIN" });
    expect(await getActor()).toBeNull();
  });

  it("refuses a claim naming another organization, and a user that no longer exists", async () => {
    const org = await createOrganization();
    const other = await createOrganization();
    const user = await createUser({ organizationId: org.id });
    session.claim = claimOf(user, { organizationId: other.id });
    expect(await getActor()).toBeNull();
    session.claim = claimOf(user, { id: "no-such-user" });
    expect(await getActor()).toBeNull();
    session.claim = {};
    expect(await getActor()).toBeNull();
  });
});

describe("sign-in", () => {
  it("puts the session version in the token's user and refuses a deactivated account like a wrong password", async () => {
    const org = await createOrganization();
    const user = await createUser({ organizationId: org.id, password: "right password" });
    await endSessions(db, user.id);
    expect(await verifyCredentials({ email: user.email, password: "right password" })).toMatchObject({
      id: user.id,
      sessionVersion: 1,
      role: "STAFF",
    });
    expect(await verifyCredentials({ email: user.email, password: "wrong password" })).toBeNull();
    await db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect(await verifyCredentials({ email: user.email, password: "right password" })).toBeNull();
    expect(await verifyCredentials({ email: "nobody@example.test", password: "right password" })).toBeNull();
  });
});
