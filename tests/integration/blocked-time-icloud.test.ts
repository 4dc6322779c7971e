// Blocked time in iCloud, against Radicale behind the iCloud-shaped proxy: copied to the primary
// calendar as a busy event (created, moved, deleted, never duplicated), not read back as busy
// time, following "Copy blocked time to iCloud", and under two-way sync moved or removed from iCloud.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { createBlockedTime, deleteBlockedTime, updateBlockedTime } from "@/lib/blocked-time/blocked-time";
import { BlockedTimeSchema } from "@/lib/blocked-time/schemas";
import { createBooking } from "@/lib/booking/create";
import type { CalDavSettings } from "@/lib/connections/config";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud } from "@/lib/connections/connect";
import { SyncOptionsSchema } from "@/lib/connections/schemas";
import { saveSyncOptions } from "@/lib/connections/sync-options";
import { db } from "@/lib/db";
import { pushBlockedTime } from "@/lib/sync/push/push-blocked-time";
import { refreshCalendar } from "@/lib/sync/refresh/refresh-calendar";
import { type IcloudProxy } from "../fixtures/icloud-proxy";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser } from "../support/factories";
import { collectionUrl, deleteObject, getObject, putObject, type RadicaleServer } from "../support/radicale";
import { withICloudServers } from "../support/icloud-servers";

let radicale: RadicaleServer;
let proxy: IcloudProxy;
let settings: CalDavSettings;
const DAY = 86_400_000;
const HOUR = 3_600_000;

withICloudServers((servers) => ({ radicale, proxy, settings } = servers));

async function member(options: { twoWay?: boolean; onDelete?: "RESTORE" | "CANCEL" } = {}) {
  const org = await createOrganization();
  const user = await withWorkingHours(
    await createUser({ organizationId: org.id, timeZone: "UTC" }),
    [0, 1, 2, 3, 4, 5, 6],
    8 * 60,
    18 * 60,
  );
  const actor: Actor = { userId: user.id, organizationId: org.id, role: "STAFF", name: user.name, email: user.email };
  const account = await proxy.createAccount();
  const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
  const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
  await saveCalendarConfiguration({ actor, input: { userId: user.id, primaryCalendarId: home.id, conflictCalendarIds: [home.id] } });
  if (options.twoWay) {
    await saveSyncOptions({
      actor,
      input: SyncOptionsSchema.parse({
        userId: user.id,
        syncDirection: "TWO_WAY",
        onICloudDelete: options.onDelete ?? "RESTORE",
        copyBlockedTimeToICloud: "on",
      }),
    });
  }
  await refreshCalendar({ calendarId: home.id, settings });
  return { org, user, actor, account, home };
}
type Member = Awaited<ReturnType<typeof member>>;

const day = Math.floor(Date.now() / DAY) * DAY + 2 * DAY;
const date = (offset = 0) => new Date(day + offset * DAY).toISOString().slice(0, 10);
const at = (hour: number) => day + hour * HOUR;
const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
const input = (userId: string, fields: Record<string, string | null> = {}) =>
  BlockedTimeSchema.parse({ userId, title: "Physio", startDate: date(), startTime: "10:00", endDate: date(), endTime: "11:00", ...fields });

/** Every object in the member's Home calendar, by file name. */
async function homeObjects(m: Member): Promise<Map<string, string>> {
  const res = await fetch(collectionUrl(radicale, m.account, "home"), {
    method: "PROPFIND",
    headers: { authorization: `Basic ${Buffer.from(`${m.account.username}:${m.account.password}`).toString("base64")}`, depth: "1" },
  });
  const xml = await res.text();
  const names = [...xml.matchAll(/<(?:\w+:)?href>([^<]+\.ics)<\/(?:\w+:)?href>/g)].map((h) => decodeURIComponent(h[1]!.split("/").pop()!));
  const out = new Map<string, string>();
  for (const name of names) out.set(name, (await getObject(radicale, m.account, "home", name)).body);
  return out;
}

async function pushed(m: Member, blockedTimeId: string) {
  await pushBlockedTime({ blockedTimeId, userId: m.user.id, settings });
  const remote = await db.remoteEvent.findFirstOrThrow({ where: { blockedTimeId, userId: m.user.id } });
  const fileName = remote.url ? remote.url.split("/").pop()! : null;
  return { remote, fileName, get: () => getObject(radicale, m.account, "home", fileName!) };
}

const dtstart = (ics: string) => /^DTSTART[^:\r\n]*:(\w+)/m.exec(ics)?.[1];

describe("blocked time in iCloud", () => {
  it("is written as a busy event, moved, deleted, never duplicated, and not read back as busy time", async () => {
    const m = await member();
    const { ids } = await createBlockedTime({ actor: m.actor, input: input(m.user.id) });
    const first = await pushed(m, ids[0]!);
    const body = (await first.get()).body.replace(/\r\n[ \t]/g, "");
    expect(body).toContain(`UID:crm-block-${ids[0]}-${m.user.id}@crm-calendar`);
    expect(body).toContain("SUMMARY:Physio");
    expect(body).toContain("TRANSP:OPAQUE");
    expect(dtstart(body)).toBe(stamp(at(10)));

    // A retry after a failed write, and a second push, leave exactly one copy.
    proxy.addFault({ match: { method: "PUT" }, times: 1, fault: { kind: "unavailable", retryAfter: 1 } });
    await updateBlockedTime({ actor: m.actor, blockedTimeId: ids[0]!, input: input(m.user.id, { startTime: "14:00", endTime: "15:30" }) });
    expect((await pushBlockedTime({ blockedTimeId: ids[0]!, userId: m.user.id, settings })).outcome).toBe("retrying");
    await pushBlockedTime({ blockedTimeId: ids[0]!, userId: m.user.id, settings });
    await pushBlockedTime({ blockedTimeId: ids[0]!, userId: m.user.id, settings });
    const objects = [...(await homeObjects(m)).values()].filter((ics) => ics.includes("crm-block-"));
    expect(objects).toHaveLength(1);
    expect(dtstart(objects[0]!)).toBe(stamp(at(14)));

    // Read back: it is the member's own CRM event, so no busy block (the blocked time itself blocks).
    await refreshCalendar({ calendarId: m.home.id, settings, full: true });
    expect(await db.busyBlock.count({ where: { externalCalendarId: m.home.id } })).toBe(0);

    await deleteBlockedTime({ actor: m.actor, blockedTimeId: ids[0]! });
    await pushBlockedTime({ blockedTimeId: ids[0]!, userId: m.user.id, settings });
    expect((await first.get()).status).toBe(404);
  });

  it("all-day blocks are DATE events on the member's days", async () => {
    const m = await member();
    const { ids } = await createBlockedTime({
      actor: m.actor,
      input: input(m.user.id, { allDay: "on", startTime: null, endTime: null, endDate: date(1) }),
    });
    const event = await pushed(m, ids[0]!);
    const body = (await event.get()).body;
    expect(body).toMatch(new RegExp(`DTSTART;VALUE=DATE:${date().replace(/-/g, "")}`));
    expect(body).toMatch(new RegExp(`DTEND;VALUE=DATE:${date(2).replace(/-/g, "")}`));
  });

  it("follows 'Copy blocked time to iCloud': off removes the copies, on writes them again", async () => {
    const m = await member();
    const { ids } = await createBlockedTime({ actor: m.actor, input: input(m.user.id) });
    const event = await pushed(m, ids[0]!);
    await saveSyncOptions({
      actor: m.actor,
      input: SyncOptionsSchema.parse({ userId: m.user.id, syncDirection: "ONE_WAY", copyBlockedTimeToICloud: null }),
    });
    const queued = await db.$queryRaw<
      { key: string }[]
    >`SELECT key FROM graphile_worker.jobs WHERE key = ${`push_blocked_time:${ids[0]}:${m.user.id}`}`;
    expect(queued).toHaveLength(1);
    await pushBlockedTime({ blockedTimeId: ids[0]!, userId: m.user.id, settings });
    expect((await event.get()).status).toBe(404);
    // Still blocks availability in the CRM.
    expect(await db.staffHold.count({ where: { blockedTimeId: ids[0]!, active: true } })).toBe(1);
    await saveSyncOptions({
      actor: m.actor,
      input: SyncOptionsSchema.parse({ userId: m.user.id, syncDirection: "ONE_WAY", copyBlockedTimeToICloud: "on" }),
    });
    await pushBlockedTime({ blockedTimeId: ids[0]!, userId: m.user.id, settings });
    expect((await event.get()).status).toBe(200);
  });

  it("two-way: moving it in iCloud moves it in the CRM; onto an appointment it is put back with the reason", async () => {
    const m = await member({ twoWay: true });
    const calendar = await createBookingCalendar({
      organizationId: m.org.id,
      type: "ROUND_ROBIN",
      memberIds: [m.user.id],
      durationMinutes: 60,
      timeZone: "UTC",
    });
    await createBooking({ slug: calendar.slug, start: at(15), timeZone: "UTC", customer: customer("block-two-way") });
    const { ids } = await createBlockedTime({ actor: m.actor, input: input(m.user.id) });
    const event = await pushed(m, ids[0]!);
    const shift = (ics: string, hours: number) =>
      ics.replace(/^(DTSTART|DTEND)([^:\r\n]*):(\d{8}T\d{6}Z)\r?$/gm, (_x, n: string, p: string, v: string) => {
        const t = Date.parse(v.replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, "$1-$2-$3T$4:$5:$6Z")) + hours * HOUR;
        return `${n}${p}:${stamp(t)}\r`;
      });

    await putObject(radicale, m.account, "home", event.fileName!, shift((await event.get()).body, 2));
    await refreshCalendar({ calendarId: m.home.id, settings });
    const moved = await db.blockedTime.findUniqueOrThrow({ where: { id: ids[0]! }, include: { holds: true } });
    expect([moved.startsAt.getTime(), moved.holds[0]!.startsAt.getTime()]).toEqual([at(12), at(12)]);

    await pushBlockedTime({ blockedTimeId: ids[0]!, userId: m.user.id, settings });
    await putObject(radicale, m.account, "home", event.fileName!, shift((await event.get()).body, 3));
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect((await db.blockedTime.findUniqueOrThrow({ where: { id: ids[0]! } })).startsAt.getTime()).toBe(at(12));
    const line = await db.syncActivity.findFirstOrThrow({ where: { userId: m.user.id, outcome: "undone" } });
    expect(line.detail, line.detail).toMatch(/overlaps an appointment/);
    await pushBlockedTime({ blockedTimeId: ids[0]!, userId: m.user.id, settings });
    expect(dtstart((await event.get()).body)).toBe(stamp(at(12)));
  });

  it("two-way: deleting it in iCloud removes it from the CRM when the member chose so", async () => {
    const m = await member({ twoWay: true, onDelete: "CANCEL" });
    const { ids } = await createBlockedTime({ actor: m.actor, input: input(m.user.id) });
    const event = await pushed(m, ids[0]!);
    expect(await deleteObject(radicale, m.account, "home", event.fileName!)).toBeLessThan(300);
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect((await db.blockedTime.findUniqueOrThrow({ where: { id: ids[0]! } })).deletedAt).not.toBeNull();
    expect(await db.staffHold.count({ where: { blockedTimeId: ids[0]!, active: true } })).toBe(0);
  });
});
