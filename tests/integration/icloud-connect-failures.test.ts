// What goes wrong when connecting: each failure is a plain-words AppError and leaves nothing stored
// (no connection, no calendar, no audit event). Plus the attempt limit that protects the Apple ID.
import { describe, expect, it } from "vitest";
import { createHostPolicy } from "@/lib/caldav/allow-list";
import type { Actor } from "@/lib/auth/session";
import type { CalDavSettings } from "@/lib/connections/config";
import { connectICloud } from "@/lib/connections/connect";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type IcloudAccount, type IcloudProxy } from "../fixtures/icloud-proxy";
import { createOrganization, createUser } from "../support/factories";
import { withICloudServers } from "../support/icloud-servers";

let proxy: IcloudProxy;
let settings: CalDavSettings;

withICloudServers((servers) => ({ proxy, settings } = servers));

async function staffMember(): Promise<Actor> {
  const org = await createOrganization();
  const user = await createUser({ organizationId: org.id });
  return { userId: user.id, organizationId: org.id, role: user.role, name: user.name, email: user.email };
}

async function storedFor(actor: Actor) {
  const [connections, calendars, audits] = await Promise.all([
    db.calendarConnection.count({ where: { userId: actor.userId } }),
    db.externalCalendar.count({ where: { userId: actor.userId } }),
    db.auditEvent.count({ where: { OR: [{ subjectUserId: actor.userId }, { actorId: actor.userId }] } }),
  ]);
  return { connections, calendars, audits };
}

const NOTHING = { connections: 0, calendars: 0, audits: 0 };

/** Connects a fresh staff member and expects an AppError with nothing stored for them. */
async function failedConnect(
  account: IcloudAccount,
  options: { password?: string; settings?: Partial<CalDavSettings> } = {},
): Promise<AppError> {
  const actor = await staffMember();
  const error = await connectICloud({
    actor,
    appleId: account.appleId,
    appSpecificPassword: options.password ?? account.password,
    settings: { ...settings, ...options.settings },
  }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(await storedFor(actor)).toEqual(NOTHING);
  return error as AppError;
}

describe("a failed connect stores nothing", () => {
  it("explains a 401 (wrong password) as the app-specific password mistake", async () => {
    const account = await proxy.createAccount();
    const error = await failedConnect(account, { password: "wxyz-wxyz-wxyz-wxyz" });
    expect(error.code).toBe("UPSTREAM");
    expect(error.message).toContain("Apple rejected these credentials. Use an app-specific password, not your Apple ID password");
    expect(error.message).toContain("Nothing was saved");
    expect(proxy.stats().log.some((r) => r.status === 401)).toBe(true);
  });

  it("explains a 401 on the calendar home (revoked password mid-discovery) the same way", async () => {
    const account = await proxy.createAccount();
    const fault = proxy.addFault({ match: { method: "PROPFIND", path: /\/calendars\/$/ }, fault: { kind: "unauthorized" } });
    const error = await failedConnect(account);
    expect(error.message).toContain("Apple rejected these credentials");
    expect(fault.hits).toBeGreaterThan(0);
  });

  it("gives up on a stalled server after the timeout", async () => {
    const account = await proxy.createAccount();
    proxy.addFault({ match: { path: /principal/ }, fault: { kind: "stall" } });
    const started = Date.now();
    const error = await failedConnect(account, { settings: { timeoutMs: 500 } });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.code).toBe("UPSTREAM");
    expect(error.message).toContain("iCloud did not answer in time");
  });

  it("passes on Apple's Retry-After from a 503", async () => {
    const account = await proxy.createAccount();
    const fault = proxy.addFault({ match: { method: "PROPFIND" }, times: 1, fault: { kind: "unavailable", retryAfter: 120 } });
    const error = await failedConnect(account);
    expect(fault.hits).toBe(1);
    expect(error.message).toContain("iCloud is busy right now (Apple asks to wait 2 min)");
  });

  it("does not read malformed XML as an empty account", async () => {
    const account = await proxy.createAccount();
    proxy.addFault({ match: { method: "PROPFIND", path: /\/calendars\/$/ }, fault: { kind: "malformed-xml" } });
    const error = await failedConnect(account);
    expect(error.message).toContain("iCloud sent an answer that could not be read");
  });

  it("refuses a calendar home on a host outside the allow-list, without sending the password there", async () => {
    const account = await proxy.createAccount();
    const error = await failedConnect(account, { settings: { policy: createHostPolicy(proxy.entryUrl, "") } });
    expect(error.message).toContain("not an allowed CalDAV host");
    expect(error.message).toContain("refused");
    expect(error.message).not.toContain(account.password);
    expect(proxy.stats().byHost.partition?.requests ?? 0).toBe(0);
  });

  it("says so when the account has only reminder lists", async () => {
    const account = await proxy.createAccount({ calendars: [] });
    const error = await failedConnect(account);
    expect(error.message).toContain("no calendars that can hold events");
  });
});

describe("a double submit", () => {
  it("leaves one live connection when the same Apple ID is connected twice at once", async () => {
    const actor = await staffMember();
    const account = await proxy.createAccount();
    const attempt = () => connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
    const outcomes = await Promise.allSettled([attempt(), attempt()]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    // The partial unique index decides; the loser's error is not yet a CONFLICT AppError (see the report).
    expect(await db.calendarConnection.count({ where: { userId: actor.userId, status: { not: "DISCONNECTED" } } })).toBe(1);
    expect(await db.externalCalendar.count({ where: { userId: actor.userId } })).toBe(2);
    expect(await db.auditEvent.count({ where: { subjectUserId: actor.userId } })).toBe(1);
  });
});

describe("attempt limit", () => {
  it("refuses the 6th attempt in the window before any request reaches iCloud", async () => {
    const actor = await staffMember();
    const account = await proxy.createAccount();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const error = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: "wxyz-wxyz-wxyz-wxyz", settings }).catch(
        (e: unknown) => e,
      );
      expect((error as AppError).code).toBe("UPSTREAM");
    }
    const before = proxy.stats().requests;
    expect(before).toBeGreaterThanOrEqual(5);

    // Even the right password waits: the limit is about protecting the Apple ID, not guessing.
    const error = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("RATE_LIMITED");
    expect((error as AppError).message).toMatch(/wait 1[45] min/);
    expect(proxy.stats().requests).toBe(before);
    expect(await storedFor(actor)).toEqual(NOTHING);

    // The limit is per staff member: a colleague is not blocked.
    const colleague = await staffMember();
    await expect(
      connectICloud({ actor: colleague, appleId: account.appleId, appSpecificPassword: account.password, settings }),
    ).resolves.toEqual({
      connectionId: expect.any(String),
    });
  });
});
