// "Refresh calendars" with the stored password, against Radicale behind the iCloud-shaped proxy.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import type { CalDavSettings } from "@/lib/connections/config";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud } from "@/lib/connections/connect";
import { NEEDS_REAUTH_REASON } from "@/lib/connections/health";
import { refreshCalendarList } from "@/lib/connections/refresh";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type IcloudAccount, type IcloudProxy } from "../fixtures/icloud-proxy";
import { createOrganization, createUser } from "../support/factories";
import { collectionUrl, createCalendar, type RadicaleServer } from "../support/radicale";
import { withICloudServers } from "../support/icloud-servers";

let radicale: RadicaleServer;
let proxy: IcloudProxy;
let settings: CalDavSettings;

withICloudServers((servers) => ({ radicale, proxy, settings } = servers));

async function connected() {
  const org = await createOrganization();
  const user = await createUser({ organizationId: org.id });
  const actor: Actor = { userId: user.id, organizationId: org.id, role: user.role, name: user.name, email: user.email };
  const account = await proxy.createAccount();
  const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
  const calendar = (displayName: string) => db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName } });
  return { actor, account, connectionId, calendar };
}

async function deleteOnRadicale(account: IcloudAccount, name: string): Promise<void> {
  const res = await fetch(collectionUrl(radicale, account, name), {
    method: "DELETE",
    headers: { authorization: `Basic ${Buffer.from(`${account.username}:${account.password}`).toString("base64")}` },
  });
  await res.arrayBuffer();
  expect([200, 204]).toContain(res.status);
}

describe("refreshCalendarList", () => {
  it("flags a calendar deleted in iCloud, takes it out of the configuration and says so", async () => {
    const { actor, account, connectionId, calendar } = await connected();
    const work = await calendar("Work");
    const home = await calendar("Home");
    await saveCalendarConfiguration({ actor, input: { userId: actor.userId, primaryCalendarId: work.id, conflictCalendarIds: [home.id] } });
    await deleteOnRadicale(account, "work");

    const { notices } = await refreshCalendarList({ actor, connectionId, settings });
    expect(notices).toEqual([
      "Your primary calendar “Work” no longer exists in iCloud and was removed from your configuration. Choose a new primary calendar.",
    ]);
    const gone = await calendar("Work");
    expect(gone.missingSince).toBeInstanceOf(Date);
    expect(gone).toMatchObject({ isPrimary: false, checkConflicts: false });
    expect(await calendar("Home")).toMatchObject({ missingSince: null, isPrimary: false, checkConflicts: true });
    const change = await db.primaryCalendarChange.findFirstOrThrow({ where: { userId: actor.userId, fromCalendarId: work.id } });
    expect(change).toMatchObject({ toCalendarId: null, changedById: actor.userId });
    expect(await db.auditEvent.count({ where: { subjectUserId: actor.userId, action: "connection.calendars_refreshed" } })).toBe(1);

    // The missing calendar can no longer be chosen.
    const error = await saveCalendarConfiguration({
      actor,
      input: { userId: actor.userId, primaryCalendarId: work.id, conflictCalendarIds: [] },
    }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("INVALID_INPUT");
  });

  it("adds a calendar created in iCloud and reports nothing when all is as before", async () => {
    const { actor, account, connectionId, calendar } = await connected();
    expect((await refreshCalendarList({ actor, connectionId, settings })).notices).toEqual([]);
    await createCalendar(radicale, account, { name: "team", displayName: "Team", components: ["VEVENT"] });
    expect((await refreshCalendarList({ actor, connectionId, settings })).notices).toEqual([]);
    expect(await calendar("Team")).toMatchObject({ url: account.calendarUrl("team"), checkConflicts: true, isPrimary: false });
  });

  it("marks the connection NEEDS_REAUTH on a 401 and leaves the calendars alone", async () => {
    const { actor, connectionId } = await connected();
    const before = await db.externalCalendar.findMany({ where: { connectionId }, orderBy: { url: "asc" } });
    proxy.addFault({ match: {}, fault: { kind: "unauthorized" } });

    const error = await refreshCalendarList({ actor, connectionId, settings }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("UPSTREAM");
    expect((error as AppError).message).toContain("Reconnect");

    const row = await db.calendarConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(row).toMatchObject({ status: "NEEDS_REAUTH", lastError: NEEDS_REAUTH_REASON });
    expect(row.passwordCiphertext).not.toBeNull(); // kept: Reconnect replaces it
    expect(await db.externalCalendar.findMany({ where: { connectionId }, orderBy: { url: "asc" } })).toEqual(before);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { subjectUserId: actor.userId, action: "connection.needs_reauth" } });
    expect(audit.actorId).toBeNull();

    // A connection needing a new password is not retried against iCloud (each 401 risks locking the Apple ID).
    proxy.reset();
    const again = await refreshCalendarList({ actor, connectionId, settings }).catch((e: unknown) => e);
    expect((again as AppError).code).toBe("CONFLICT");
    expect(proxy.stats().requests).toBe(0);
  });

  it("records a transient failure without touching status or calendars", async () => {
    const { actor, connectionId } = await connected();
    const before = await db.externalCalendar.findMany({ where: { connectionId }, orderBy: { url: "asc" } });
    proxy.addFault({ match: { method: "PROPFIND" }, fault: { kind: "unavailable", retryAfter: 60 } });
    const error = await refreshCalendarList({ actor, connectionId, settings }).catch((e: unknown) => e);
    expect((error as AppError).message).toContain("iCloud is busy right now");
    const row = await db.calendarConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(row.status).toBe("ACTIVE");
    expect(row.lastError).toContain("iCloud is busy right now");
    expect(await db.externalCalendar.findMany({ where: { connectionId }, orderBy: { url: "asc" } })).toEqual(before);
  });
});
