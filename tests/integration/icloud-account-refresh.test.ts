// The scheduled refresh by account (lib/sync/refresh/accounts.ts): one Depth-1 PROPFIND of the
// calendar home per account, then only the changed calendars; per-account and global backoff on
// 429/503; NEEDS_REAUTH on 401; the cron claims each account once.
import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import type { CalDavSettings } from "@/lib/connections/config";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud } from "@/lib/connections/connect";
import { db } from "@/lib/db";
import { globalPauseUntil, refreshAccounts, resetGlobalBackoff } from "@/lib/sync/refresh/accounts";
import { enqueueDueRefreshes } from "@/lib/sync/refresh/schedule";
import { refreshCalendar } from "@/lib/sync/refresh/refresh-calendar";
import { type IcloudAccount, type IcloudProxy } from "../fixtures/icloud-proxy";
import { createOrganization, createUser } from "../support/factories";
import { withICloudServers } from "../support/icloud-servers";
import { putObject, type RadicaleServer } from "../support/radicale";

let radicale: RadicaleServer;
let proxy: IcloudProxy;
let settings: CalDavSettings;
withICloudServers((servers) => ({ radicale, proxy, settings } = servers));
beforeEach(() => resetGlobalBackoff());

const DAY = 86_400_000;
const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
const event = (uid: string, start: number) =>
  [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//test//EN",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    `DTSTAMP:${stamp(start)}`,
    `DTSTART:${stamp(start)}`,
    `DTEND:${stamp(start + 3_600_000)}`,
    "SUMMARY:Busy",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");

/** A member whose Home and Work are both counted, each read once already. */
async function member(): Promise<{ account: IcloudAccount; connectionId: string; home: string; work: string; userId: string }> {
  const org = await createOrganization();
  const user = await createUser({ organizationId: org.id });
  const actor: Actor = { userId: user.id, organizationId: org.id, role: user.role, name: user.name, email: user.email };
  const account = await proxy.createAccount();
  const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
  const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
  const work = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Work" } });
  await saveCalendarConfiguration({
    actor,
    input: { userId: user.id, primaryCalendarId: home.id, conflictCalendarIds: [home.id, work.id] },
  });
  await putObject(radicale, account, "work", "a.ics", event("a", Date.now() + DAY));
  for (const id of [home.id, work.id]) expect((await refreshCalendar({ calendarId: id, settings })).mode).toBe("full");
  return { account, connectionId, home: home.id, work: work.id, userId: user.id };
}

const lastRefreshed = async (id: string) => (await db.externalCalendar.findUniqueOrThrow({ where: { id } })).lastRefreshedAt!.getTime();

describe("refreshAccounts", () => {
  it("nothing changed: one PROPFIND per account, every calendar marked read", async () => {
    const a = await member();
    const b = await member();
    const before = await lastRefreshed(a.work);
    proxy.reset();
    const outcomes = await refreshAccounts({ connectionIds: [a.connectionId, b.connectionId], settings });
    expect(outcomes.map((o) => o.status)).toEqual(["checked", "checked"]);
    expect(outcomes.map((o) => o.unchanged)).toEqual([2, 2]);
    const s = proxy.stats();
    expect(s.requests).toBe(2);
    expect(s.log.every((l) => l.method === "PROPFIND" && /\/calendars\/$/.test(l.path))).toBe(true);
    expect(await lastRefreshed(a.work)).toBeGreaterThan(before);
    expect(await db.busyBlock.count({ where: { externalCalendarId: a.work } })).toBe(1);
    const connection = await db.calendarConnection.findUniqueOrThrow({ where: { id: a.connectionId } });
    expect(connection.lastCheckedAt!.getTime()).toBeGreaterThan(before);
  });

  it("reads only the calendar that changed", async () => {
    const a = await member();
    const homeBefore = await lastRefreshed(a.home);
    await putObject(radicale, a.account, "work", "b.ics", event("b", Date.now() + 2 * DAY));
    proxy.reset();
    const [outcome] = await refreshAccounts({ connectionIds: [a.connectionId], settings });
    expect(outcome).toMatchObject({ status: "checked", unchanged: 1, changed: 1 });
    expect(await db.busyBlock.count({ where: { externalCalendarId: a.work } })).toBe(2);
    expect(await lastRefreshed(a.home)).toBeGreaterThan(homeBefore);
    // Home PROPFIND + Work's sync-collection and multiget; nothing addressed to Home.
    const paths = proxy.stats().log.map((l) => `${l.method} ${l.path}`);
    expect(paths.filter((p) => p.includes("/home/"))).toEqual([]);
    expect(paths.length).toBe(3);
    // A member read every 15 minutes gets a second look soon after a change.
    const soon = await db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ${`refresh_account_soon:${a.connectionId}`} AND run_at > now() + interval '1 minute'`;
    expect(Number(soon[0]!.n)).toBe(1);
  });

  it("503 with Retry-After: the account backs off, its calendars keep their blocks; several at once pause every account", async () => {
    const members = [await member(), await member(), await member(), await member()];
    const before = await lastRefreshed(members[0]!.work);
    proxy.reset();
    proxy.addFault({ match: { method: "PROPFIND" }, fault: { kind: "unavailable", retryAfter: 120 } });
    const outcomes = await refreshAccounts({ connectionIds: members.map((m) => m.connectionId), settings, concurrency: 1 });
    expect(outcomes.map((o) => o.status)).toEqual(["failed", "failed", "failed", "paused"]);
    const work = await db.externalCalendar.findUniqueOrThrow({ where: { id: members[0]!.work } });
    expect(work.lastRefreshedAt!.getTime()).toBe(before);
    expect(work.nextRefreshAt!.getTime()).toBeGreaterThan(Date.now() + 100_000);
    expect(work.lastRefreshError).toMatch(/busy or unavailable/);
    expect(await db.busyBlock.count({ where: { externalCalendarId: members[0]!.work } })).toBe(1);
    expect(globalPauseUntil()).toBeGreaterThan(Date.now() + 100_000);
    // The paused account sent nothing and is due after the pause.
    expect(proxy.stats().requests).toBe(3);
    const paused = await db.externalCalendar.findUniqueOrThrow({ where: { id: members[3]!.home } });
    expect(Math.abs(paused.nextRefreshAt!.getTime() - globalPauseUntil())).toBeLessThan(1_000);
  });

  it("401: the connection needs a new password", async () => {
    const a = await member();
    proxy.addFault({ match: { method: "PROPFIND" }, fault: { kind: "unauthorized" } });
    const [outcome] = await refreshAccounts({ connectionIds: [a.connectionId], settings });
    expect(outcome!.status).toBe("failed");
    expect((await db.calendarConnection.findUniqueOrThrow({ where: { id: a.connectionId } })).status).toBe("NEEDS_REAUTH");
  });

  it("the cron claims each due account once, even when called twice at once", async () => {
    const a = await member();
    await db.externalCalendar.updateMany({ where: { connectionId: a.connectionId }, data: { lastRefreshAttemptAt: null } });
    const jobs = async () =>
      (
        await db.$queryRaw<
          { payload: { connectionIds: string[] } }[]
        >`SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'refresh_accounts' AND j.key IS NULL`
      )
        .flatMap((j) => j.payload.connectionIds)
        .filter((id) => id === a.connectionId);
    const [x, y] = await Promise.all([enqueueDueRefreshes(), enqueueDueRefreshes()]);
    expect(x + y).toBeGreaterThanOrEqual(1);
    expect(await jobs()).toEqual([a.connectionId]);
    await enqueueDueRefreshes();
    expect(await jobs()).toEqual([a.connectionId]);
  });
});
