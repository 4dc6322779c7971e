// Connect, reconnect, disconnect and the Calendar Configuration against the real PostgreSQL and a real
// Radicale behind the iCloud-shaped proxy (entry host + partition host). Failures: icloud-connect-failures.test.ts.
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import type { CalDavSettings } from "@/lib/connections/config";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud, reconnectICloud } from "@/lib/connections/connect";
import { openPassword } from "@/lib/connections/credentials";
import { disconnectICloud } from "@/lib/connections/disconnect";
import { markConnectionNeedsReauth } from "@/lib/connections/health";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type IcloudAccount, type IcloudProxy } from "../fixtures/icloud-proxy";
import { createOrganization, createUser } from "../support/factories";
import { type RadicaleServer } from "../support/radicale";
import { withICloudServers } from "../support/icloud-servers";

let radicale: RadicaleServer;
let proxy: IcloudProxy;
let settings: CalDavSettings;

withICloudServers((servers) => ({ radicale, proxy, settings } = servers));

async function staffMember(): Promise<Actor> {
  const org = await createOrganization();
  const user = await createUser({ organizationId: org.id });
  return { userId: user.id, organizationId: org.id, role: user.role, name: user.name, email: user.email };
}

/** A staff member with a connected account (Home, Work, Reminders in iCloud). */
async function connected() {
  const actor = await staffMember();
  const account = await proxy.createAccount();
  const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
  const calendar = async (displayName: string) => db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName } });
  return { actor, account, connectionId, calendar };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function appSpecificPassword(): string {
  const letters = Array.from(randomBytes(16), (b) => String.fromCharCode(97 + (b % 26))).join("");
  return letters.match(/.{4}/g)!.join("-");
}

/** What happens in iCloud when the user revokes the old app-specific password and creates a new one. */
async function changeRadicalePassword(account: IcloudAccount, password: string): Promise<void> {
  const users = await readFile(radicale.usersFile, "utf8");
  const line = `${account.username}:${account.password}\n`;
  expect(users).toContain(line);
  await writeFile(radicale.usersFile, users.replace(line, `${account.username}:${password}\n`));
}

describe("connectICloud", () => {
  it("follows the calendar home to the partition host and stores the event calendars only", async () => {
    const { actor, account, connectionId } = await connected();
    const row = await db.calendarConnection.findUniqueOrThrow({ where: { id: connectionId }, include: { calendars: true } });
    expect(row).toMatchObject({
      userId: actor.userId,
      organizationId: actor.organizationId,
      appleId: account.appleId,
      status: "ACTIVE",
      serverUrl: proxy.entryUrl,
      principalUrl: account.principalUrl,
      homeUrl: account.homeUrl,
    });
    expect(new URL(row.principalUrl).host).toBe(new URL(proxy.entryUrl).host);
    expect(new URL(row.homeUrl).host).toBe(new URL(proxy.partitionUrl).host);
    expect(proxy.stats().byHost.partition?.requests).toBeGreaterThan(0);

    const calendars = [...row.calendars].sort((a, b) => a.displayName.localeCompare(b.displayName));
    expect(calendars.map((c) => c.displayName)).toEqual(["Home", "Work"]); // not the VTODO-only Reminders
    expect(calendars.map((c) => c.url)).toEqual([account.calendarUrl("home"), account.calendarUrl("work")]);
    for (const calendar of calendars) {
      expect(calendar).toMatchObject({ readOnly: false, checkConflicts: true, isPrimary: false, missingSince: null, userId: actor.userId });
    }
    expect(calendars[0]!.color).toBe("#1BADF8");
  });

  it("stores the app-specific password encrypted, bound to its row", async () => {
    const { account, connectionId } = await connected();
    const row = await db.calendarConnection.findUniqueOrThrow({ where: { id: connectionId } });
    const ciphertext = Buffer.from(row.passwordCiphertext!);
    expect(row.passwordKeyId).toBe("ktest");
    expect(ciphertext.length).toBeGreaterThan(16);
    expect(ciphertext.includes(account.password)).toBe(false);
    expect(ciphertext.includes(account.password.replace(/-/g, ""))).toBe(false);
    expect(ciphertext.toString("base64")).not.toContain(Buffer.from(account.password).toString("base64"));
    expect(openPassword(row)).toBe(account.password);
    // Associated data names the row: the same ciphertext under another id does not decrypt.
    expect(() => openPassword({ ...row, id: `${row.id}x` })).toThrow();
  });

  it("stores a shared read-only calendar as read-only and refuses it as primary", async () => {
    const actor = await staffMember();
    const account = await proxy.createAccount();
    proxy.setReadOnly(account.calendarUrl("work"));
    const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
    const work = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Work" } });
    const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
    expect(work).toMatchObject({ readOnly: true, checkConflicts: false, isPrimary: false });
    expect(home).toMatchObject({ readOnly: false, checkConflicts: true });

    const error = await rejection(
      saveCalendarConfiguration({ actor, input: { userId: actor.userId, primaryCalendarId: work.id, conflictCalendarIds: [] } }),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toContain("read-only");
    expect((await db.externalCalendar.findUniqueOrThrow({ where: { id: work.id } })).isPrimary).toBe(false);
    expect(await db.primaryCalendarChange.count({ where: { userId: actor.userId } })).toBe(0);
  });

  it("refuses a second live connection of the same Apple ID before asking iCloud", async () => {
    const { actor, account } = await connected();
    proxy.reset();
    const error = await rejection(connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings }));
    expect(error.code).toBe("CONFLICT");
    expect(proxy.stats().requests).toBe(0);
    expect(await db.calendarConnection.count({ where: { userId: actor.userId } })).toBe(1);
  });
});

describe("saveCalendarConfiguration", () => {
  it("always counts the primary for conflicts and records a changed primary", async () => {
    const { actor, calendar } = await connected();
    const home = await calendar("Home");
    const work = await calendar("Work");

    await saveCalendarConfiguration({ actor, input: { userId: actor.userId, primaryCalendarId: home.id, conflictCalendarIds: [] } });
    expect(await calendar("Home")).toMatchObject({ isPrimary: true, checkConflicts: true });
    expect(await calendar("Work")).toMatchObject({ isPrimary: false, checkConflicts: false });

    await saveCalendarConfiguration({ actor, input: { userId: actor.userId, primaryCalendarId: work.id, conflictCalendarIds: [home.id] } });
    expect(await calendar("Home")).toMatchObject({ isPrimary: false, checkConflicts: true });
    expect(await calendar("Work")).toMatchObject({ isPrimary: true, checkConflicts: true });

    // Saving the same primary again is not a change.
    await saveCalendarConfiguration({ actor, input: { userId: actor.userId, primaryCalendarId: work.id, conflictCalendarIds: [] } });
    const changes = await db.primaryCalendarChange.findMany({ where: { userId: actor.userId }, orderBy: { createdAt: "asc" } });
    expect(changes.map((c) => [c.fromCalendarId, c.toCalendarId, c.changedById])).toEqual([
      [null, home.id, actor.userId],
      [home.id, work.id, actor.userId],
    ]);
    expect(await calendar("Home")).toMatchObject({ checkConflicts: false });
  });

  it("refuses a calendar id that is not the user's", async () => {
    const { actor } = await connected();
    const other = await connected();
    const foreign = await other.calendar("Home");
    const error = await rejection(
      saveCalendarConfiguration({ actor, input: { userId: actor.userId, primaryCalendarId: foreign.id, conflictCalendarIds: [] } }),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect((await other.calendar("Home")).isPrimary).toBe(false);
  });
});

describe("reconnectICloud", () => {
  it("takes a new app-specific password and keeps calendars and configuration", async () => {
    const { actor, account, connectionId, calendar } = await connected();
    const home = await calendar("Home");
    await saveCalendarConfiguration({ actor, input: { userId: actor.userId, primaryCalendarId: home.id, conflictCalendarIds: [] } });
    await markConnectionNeedsReauth({ connectionId, reason: "revoked" });
    const before = await db.calendarConnection.findUniqueOrThrow({ where: { id: connectionId }, include: { calendars: true } });
    expect(before.status).toBe("NEEDS_REAUTH");

    const password = appSpecificPassword();
    await changeRadicalePassword(account, password);
    const { notices } = await reconnectICloud({ actor, connectionId, appSpecificPassword: password, settings });
    expect(notices).toEqual([]);

    const after = await db.calendarConnection.findUniqueOrThrow({ where: { id: connectionId }, include: { calendars: true } });
    expect(after).toMatchObject({ status: "ACTIVE", lastError: null, homeUrl: account.homeUrl });
    expect(Buffer.from(after.passwordCiphertext!).equals(Buffer.from(before.passwordCiphertext!))).toBe(false);
    expect(openPassword(after)).toBe(password);
    const shape = (cs: typeof before.calendars) =>
      cs
        .map((c) => ({ id: c.id, url: c.url, isPrimary: c.isPrimary, checkConflicts: c.checkConflicts }))
        .sort((a, b) => a.url.localeCompare(b.url));
    expect(shape(after.calendars)).toEqual(shape(before.calendars));
    expect(after.calendars.find((c) => c.isPrimary)?.id).toBe(home.id);
    expect(after.calendars.find((c) => c.displayName === "Work")?.checkConflicts).toBe(false);
  });

  it("keeps the old ciphertext when iCloud rejects the new password", async () => {
    const { actor, account, connectionId } = await connected();
    const before = await db.calendarConnection.findUniqueOrThrow({ where: { id: connectionId } });
    const error = await rejection(reconnectICloud({ actor, connectionId, appSpecificPassword: appSpecificPassword(), settings }));
    expect(error.code).toBe("UPSTREAM");
    expect(error.message).toContain("Apple rejected these credentials");
    const after = await db.calendarConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(Buffer.from(after.passwordCiphertext!).equals(Buffer.from(before.passwordCiphertext!))).toBe(true);
    expect(after.passwordKeyId).toBe(before.passwordKeyId);
    expect(after.status).toBe("ACTIVE");
    expect(openPassword(after)).toBe(account.password);
    expect(await db.auditEvent.count({ where: { subjectUserId: actor.userId, action: "connection.reconnected" } })).toBe(0);
  });
});

describe("disconnectICloud", () => {
  it("deletes the credentials at once, unflags the calendars and records the primary leaving", async () => {
    const { actor, connectionId, calendar } = await connected();
    const home = await calendar("Home");
    await saveCalendarConfiguration({ actor, input: { userId: actor.userId, primaryCalendarId: home.id, conflictCalendarIds: [] } });

    await disconnectICloud({ actor, connectionId, removeEvents: true });
    const row = await db.calendarConnection.findUniqueOrThrow({ where: { id: connectionId }, include: { calendars: true } });
    expect(row).toMatchObject({ status: "DISCONNECTED", passwordCiphertext: null, passwordKeyId: null, removeEventsOnDisconnect: true });
    expect(row.disconnectedAt).toBeInstanceOf(Date);
    expect(row.calendars).toHaveLength(2);
    for (const c of row.calendars) expect(c).toMatchObject({ isPrimary: false, checkConflicts: false });
    const last = await db.primaryCalendarChange.findFirstOrThrow({ where: { userId: actor.userId }, orderBy: { createdAt: "desc" } });
    expect(last).toMatchObject({ fromCalendarId: home.id, toCalendarId: null, changedById: actor.userId });

    const again = await rejection(disconnectICloud({ actor, connectionId, removeEvents: false }));
    expect(again.code).toBe("NOT_FOUND");
  });

  it("stores the choice to keep the events; no primary, no primary change", async () => {
    const { actor, connectionId } = await connected();
    await disconnectICloud({ actor, connectionId, removeEvents: false });
    const row = await db.calendarConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(row).toMatchObject({ status: "DISCONNECTED", removeEventsOnDisconnect: false, passwordCiphertext: null });
    expect(await db.primaryCalendarChange.count({ where: { userId: actor.userId } })).toBe(0);
  });
});

describe("audit trail", () => {
  it("records connect, configure, reconnect and disconnect, never with the password", async () => {
    const { actor, account, connectionId, calendar } = await connected();
    await saveCalendarConfiguration({
      actor,
      input: { userId: actor.userId, primaryCalendarId: (await calendar("Work")).id, conflictCalendarIds: [] },
    });
    const password = appSpecificPassword();
    await changeRadicalePassword(account, password);
    await reconnectICloud({ actor, connectionId, appSpecificPassword: password, settings });
    await disconnectICloud({ actor, connectionId, removeEvents: false });

    const events = await db.auditEvent.findMany({ where: { subjectUserId: actor.userId }, orderBy: { createdAt: "asc" } });
    const byAction = new Map(events.map((e) => [e.action, e]));
    expect([...byAction.keys()].sort()).toEqual([
      "calendars.configured",
      "connection.connected",
      "connection.disconnected",
      "connection.reconnected",
    ]);
    expect(events).toHaveLength(4);
    for (const event of events) expect(event).toMatchObject({ organizationId: actor.organizationId, actorId: actor.userId });
    expect(byAction.get("connection.connected")!.details).toMatchObject({ appleId: account.appleId });
    expect(byAction.get("calendars.configured")!.details).toMatchObject({ primary: "Work", previousPrimary: null, conflicts: ["Work"] });

    const json = JSON.stringify(events);
    for (const secret of [account.password, password]) {
      expect(json).not.toContain(secret);
      expect(json).not.toContain(secret.replace(/-/g, ""));
      expect(json).not.toContain(Buffer.from(`${account.appleId}:${secret}`).toString("base64"));
    }
  });
});
