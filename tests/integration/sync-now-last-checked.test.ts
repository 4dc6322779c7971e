// "Sync now" and each successful read of a calendar move the connection's "Last checked", against
// Radicale behind the iCloud-shaped proxy. The refresh job's work (refreshCalendar) is run here
// directly for the calendars Sync now queued, as the worker would.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import type { CalDavSettings } from "@/lib/connections/config";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud } from "@/lib/connections/connect";
import { listConnections } from "@/lib/connections/queries";
import { requestSyncNow } from "@/lib/connections/sync-now";
import { db } from "@/lib/db";
import { refreshCalendar } from "@/lib/sync/refresh/refresh-calendar";
import { type IcloudProxy } from "../fixtures/icloud-proxy";
import { createOrganization, createUser } from "../support/factories";
import { withICloudServers } from "../support/icloud-servers";

let proxy: IcloudProxy;
let settings: CalDavSettings;

withICloudServers((servers) => ({ proxy, settings } = servers));

async function connected() {
  const org = await createOrganization();
  const user = await createUser({ organizationId: org.id });
  const actor: Actor = { userId: user.id, organizationId: org.id, role: user.role, name: user.name, email: user.email };
  const account = await proxy.createAccount();
  const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
  const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
  const work = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Work" } });
  await saveCalendarConfiguration({ actor, input: { userId: user.id, primaryCalendarId: work.id, conflictCalendarIds: [home.id] } });
  // As if connected a while ago: "Last checked" is the connect time until something checks again.
  const earlier = new Date(Date.now() - 3_600_000);
  await db.calendarConnection.update({ where: { id: connectionId }, data: { lastCheckedAt: earlier } });
  return { actor, connectionId, calendarIds: [home.id, work.id], earlier };
}

const queuedRefreshes = async (calendarIds: string[]) =>
  (
    await db.$queryRaw<
      { key: string }[]
    >`SELECT key FROM graphile_worker.jobs WHERE key = ANY(${calendarIds.map((id) => `refresh_calendar:${id}`)}::text[])`
  ).map((r) => r.key);

describe("Last checked", () => {
  it("moves when the calendars Sync now asked for are read, and the page's view shows the new time", async () => {
    const { actor, connectionId, calendarIds, earlier } = await connected();
    const { requestedAt, calendars } = await requestSyncNow({ actor, connectionId });
    expect(calendars).toBe(2);
    expect((await queuedRefreshes(calendarIds)).sort()).toEqual(calendarIds.map((id) => `refresh_calendar:${id}`).sort());
    // Asking alone checks nothing yet.
    expect((await db.calendarConnection.findUniqueOrThrow({ where: { id: connectionId } })).lastCheckedAt).toEqual(earlier);

    for (const calendarId of calendarIds) expect((await refreshCalendar({ calendarId, settings })).mode).not.toBe("failed");

    const [view] = await listConnections({ organizationId: actor.organizationId, userId: actor.userId });
    expect(view!.lastCheckedAt!.getTime()).toBeGreaterThanOrEqual(requestedAt.getTime());
    expect(view!.lastSyncedAt!.getTime()).toBeGreaterThanOrEqual(requestedAt.getTime());
    // What Sync now's button follows: every calendar read after the request, none backing off.
    for (const c of view!.calendars.filter((c) => calendarIds.includes(c.id))) {
      expect(c.lastRefreshedAt!.getTime()).toBeGreaterThanOrEqual(requestedAt.getTime());
      expect(c.nextRefreshAt).toBeNull();
    }
  });

  it("each successful periodic refresh moves it too; a failed one leaves it and shows as backing off", async () => {
    const { connectionId, calendarIds, earlier } = await connected();
    const before = Date.now();
    await refreshCalendar({ calendarId: calendarIds[0]!, settings });
    const checked = (await db.calendarConnection.findUniqueOrThrow({ where: { id: connectionId } })).lastCheckedAt!;
    expect(checked.getTime()).toBeGreaterThanOrEqual(before);

    proxy.addFault({ match: {}, fault: { kind: "server-error" } });
    expect((await refreshCalendar({ calendarId: calendarIds[1]!, settings })).mode).toBe("failed");
    const after = await db.calendarConnection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(after.lastCheckedAt).toEqual(checked);
    expect(after.lastCheckedAt).not.toEqual(earlier);
    expect((await db.externalCalendar.findUniqueOrThrow({ where: { id: calendarIds[1]! } })).nextRefreshAt).toBeInstanceOf(Date);
  });
});
