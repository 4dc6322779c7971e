// The busy-time refresh fails closed on iCloud objects the reader cannot read, and runs once per
// calendar at a time, against Radicale behind the iCloud-shaped proxy.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { findSlots } from "@/lib/booking/slots";
import type { CalDavSettings } from "@/lib/connections/config";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud } from "@/lib/connections/connect";
import { listConnections } from "@/lib/connections/queries";
import { db } from "@/lib/db";
import { iCloudBlockers } from "@/lib/icloud-state/freshness";
import { refreshLockWaiters } from "@/lib/sync/refresh/lock";
import { refreshCalendar } from "@/lib/sync/refresh/refresh-calendar";
import { readUnreadableEvents } from "@/lib/icloud-state/unreadable";
import { type IcloudProxy } from "../fixtures/icloud-proxy";
import { createBookingCalendar, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser } from "../support/factories";
import { deleteObject, putObject, type RadicaleServer } from "../support/radicale";
import { withICloudServers } from "../support/icloud-servers";

let radicale: RadicaleServer;
let proxy: IcloudProxy;
let settings: CalDavSettings;
const DAY = 86_400_000;
const HOUR = 3_600_000;

withICloudServers((servers) => ({ radicale, proxy, settings } = servers));

const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
function event(uid: string, start: number, minutes: number, summary: string, extra: string[] = []): string {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Apple Inc.//iCloud 2.0//EN",
    "CALSCALE:GREGORIAN",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    `DTSTAMP:${utc(Date.now())}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(start + minutes * 60_000)}`,
    `SUMMARY:${summary}`,
    ...extra,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}
/** Over the reader's 1 MB object limit: the whole object is unreadable. */
const huge = (uid: string, start: number, summary: string) => event(uid, start, 60, summary, [`DESCRIPTION:${"x".repeat(1_100_000)}`]);
/** A rule the reader does not expand (Radicale refuses RSCALE, which the reader also reports): unreadable. */
const minutely = (uid: string, start: number, summary: string) => event(uid, start, 60, summary, ["RRULE:FREQ=MINUTELY;COUNT=3"]);

async function connectedMember() {
  const org = await createOrganization();
  const user = await withWorkingHours(await createUser({ organizationId: org.id, timeZone: "UTC" }), [0, 1, 2, 3, 4, 5, 6], 0, 1440);
  const actor: Actor = { userId: user.id, organizationId: org.id, role: "STAFF", name: user.name, email: user.email };
  const account = await proxy.createAccount();
  const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
  const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
  await saveCalendarConfiguration({ actor, input: { userId: user.id, primaryCalendarId: home.id, conflictCalendarIds: [home.id] } });
  const blocks = async () =>
    (await db.busyBlock.findMany({ where: { externalCalendarId: home.id }, orderBy: { startsAt: "asc" } })).map((b) => ({
      file: b.objectUrl.split("/").pop(),
      title: b.title,
      start: b.startsAt.getTime(),
    }));
  const unreadable = async () =>
    readUnreadableEvents((await db.externalCalendar.findUniqueOrThrow({ where: { id: home.id } })).unreadableEvents);
  return { org, user, actor, account, connectionId, home, blocks, unreadable };
}

const tomorrow10 = Math.floor(Date.now() / DAY) * DAY + DAY + 10 * HOUR;

describe("failing closed on events the reader cannot read", () => {
  it("keeps an object's previous blocks when its new version cannot be read, until it can again", async () => {
    const m = await connectedMember();
    await putObject(radicale, m.account, "home", "standup.ics", event("standup-1", tomorrow10, 60, "Standup"));
    await putObject(radicale, m.account, "home", "other.ics", event("other-1", tomorrow10 + 4 * HOUR, 30, "Other"));
    expect((await refreshCalendar({ calendarId: m.home.id, settings })).mode).toBe("full");
    expect(await m.blocks()).toEqual([
      { file: "standup.ics", title: "Standup", start: tomorrow10 },
      { file: "other.ics", title: "Other", start: tomorrow10 + 4 * HOUR },
    ]);

    const put = await putObject(radicale, m.account, "home", "standup.ics", huge("standup-1", tomorrow10 + 2 * HOUR, "Standup (moved)"));
    expect(put.status).toBeLessThan(300);
    const outcome = await refreshCalendar({ calendarId: m.home.id, settings });
    expect(outcome).toMatchObject({ mode: "incremental", fetched: 1, unreadable: 1 });
    // The old time still blocks: less busy time is never stored in place of more.
    expect((await m.blocks()).map((b) => [b.file, b.start])).toEqual([
      ["standup.ics", tomorrow10],
      ["other.ics", tomorrow10 + 4 * HOUR],
    ]);
    const [entry] = await m.unreadable();
    expect(entry).toMatchObject({ uid: null, title: "Standup (moved)", keptPrevious: true });
    expect(entry!.objectUrl).toMatch(/standup\.ics$/);
    expect(entry!.reason).toMatch(/over the 1000000-byte limit/);
    const since = entry!.since;
    // Its earlier time still counts, so the member stays bookable.
    expect((await iCloudBlockers(db, [m.user.id], Date.now())).get(m.user.id)).toBeUndefined();

    // Kept blocks are stale data: trusted only within ICLOUD_MAX_STALENESS_MINUTES (24 h) of "since".
    const aged = [{ ...entry!, since: new Date(Date.now() - 25 * HOUR).toISOString() }];
    await db.externalCalendar.update({ where: { id: m.home.id }, data: { unreadableEvents: aged } });
    expect((await iCloudBlockers(db, [m.user.id], Date.now())).get(m.user.id)).toMatchObject({ reason: "UNREADABLE" });
    await db.externalCalendar.update({ where: { id: m.home.id }, data: { unreadableEvents: [{ ...entry! }] } });

    // A full read keeps them too, and keeps "since".
    expect((await refreshCalendar({ calendarId: m.home.id, settings, full: true })).mode).toBe("full");
    expect((await m.blocks()).map((b) => [b.file, b.start])).toEqual([
      ["standup.ics", tomorrow10],
      ["other.ics", tomorrow10 + 4 * HOUR],
    ]);
    expect((await m.unreadable()).map((e) => e.since)).toEqual([since]);

    // Readable again: its new time replaces the old, and the problem is gone.
    await putObject(radicale, m.account, "home", "standup.ics", event("standup-1", tomorrow10 + 2 * HOUR, 60, "Standup (moved)"));
    expect(await refreshCalendar({ calendarId: m.home.id, settings })).toMatchObject({ mode: "incremental", unreadable: 0 });
    expect((await m.blocks()).map((b) => [b.file, b.start])).toEqual([
      ["standup.ics", tomorrow10 + 2 * HOUR],
      ["other.ics", tomorrow10 + 4 * HOUR],
    ]);
    expect(await m.unreadable()).toEqual([]);
    expect((await db.externalCalendar.findUniqueOrThrow({ where: { id: m.home.id } })).unreadableEvents).toBeNull();
  });

  it("a new object that cannot be read makes the member unavailable and says which event, until it is removed", async () => {
    const m = await connectedMember();
    const colleague = await withWorkingHours(
      await createUser({ organizationId: m.org.id, timeZone: "UTC" }),
      [0, 1, 2, 3, 4, 5, 6],
      0,
      1440,
    );
    const calendar = await createBookingCalendar({
      organizationId: m.org.id,
      type: "ROUND_ROBIN",
      memberIds: [m.user.id, colleague.id],
      timeZone: "UTC",
      durationMinutes: 30,
      priorities: [2, 1],
    });
    const range = { start: tomorrow10 + 6 * HOUR, end: tomorrow10 + 7 * HOUR };
    const slotsOf = async () => (await findSlots(db, { calendar, range, now: Date.now(), onlyStaffIds: [m.user.id] })).length;
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect(await slotsOf()).toBe(2);

    const put = await putObject(radicale, m.account, "home", "festival.ics", minutely("festival-1", tomorrow10, "Dragon boat festival"));
    expect(put.status).toBeLessThan(300);
    expect(await refreshCalendar({ calendarId: m.home.id, settings })).toMatchObject({ mode: "incremental", unreadable: 1 });
    const [entry] = await m.unreadable();
    expect(entry).toMatchObject({ uid: "festival-1", title: "Dragon boat festival", keptPrevious: false });
    expect(entry!.reason).toMatch(/FREQ=MINUTELY/);

    const blocker = (await iCloudBlockers(db, [m.user.id], Date.now())).get(m.user.id);
    expect(blocker).toMatchObject({ reason: "UNREADABLE" });
    expect(blocker!.message).toContain("festival-1");
    expect(blocker!.message).toMatch(/FREQ=MINUTELY/);
    // Shown to admins too: the private title is not in it.
    expect(blocker!.message).not.toContain("Dragon boat");
    expect(await slotsOf()).toBe(0);

    // Calendar Settings lists it on the calendar.
    const [connection] = await listConnections({ organizationId: m.org.id, userId: m.user.id });
    const home = connection!.calendars.find((c) => c.id === m.home.id)!;
    expect(home.unreadable).toEqual([expect.objectContaining({ uid: "festival-1", title: "Dragon boat festival", keptPrevious: false })]);

    // The partial blocks it left never count as a readable version: a full read keeps failing closed.
    await refreshCalendar({ calendarId: m.home.id, settings, full: true });
    expect((await m.unreadable()).map((e) => e.keptPrevious)).toEqual([false]);
    expect((await iCloudBlockers(db, [m.user.id], Date.now())).get(m.user.id)?.reason).toBe("UNREADABLE");

    // Removed in iCloud: the member is bookable again.
    expect(await deleteObject(radicale, m.account, "home", "festival.ics")).toBeLessThan(300);
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect(await m.unreadable()).toEqual([]);
    expect((await iCloudBlockers(db, [m.user.id], Date.now())).get(m.user.id)).toBeUndefined();
    expect(await slotsOf()).toBe(2);
  });

  it("a full read forgets a problem whose object is gone", async () => {
    const m = await connectedMember();
    await putObject(radicale, m.account, "home", "leap.ics", minutely("leap-2", tomorrow10, "Leap"));
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect(await m.unreadable()).toHaveLength(1);
    await deleteObject(radicale, m.account, "home", "leap.ics");
    await refreshCalendar({ calendarId: m.home.id, settings, full: true });
    expect(await m.unreadable()).toEqual([]);
  });
});

describe("one refresh per calendar at a time", () => {
  it("an incremental refresh started during a full one waits for it, so no block is lost", async () => {
    const m = await connectedMember();
    await putObject(radicale, m.account, "home", "first.ics", event("first-1", tomorrow10, 60, "First"));
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect((await m.blocks()).map((b) => b.file)).toEqual(["first.ics"]);

    // The full refresh stops before its calendar-query until released.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reachedGate!: () => void;
    const atGate = new Promise<void>((resolve) => (reachedGate = resolve));
    const transport: typeof fetch = async (input, init) => {
      if (init?.method === "REPORT" && String(init.body ?? "").includes("calendar-query")) {
        reachedGate();
        await gate;
      }
      return fetch(input, init);
    };
    const full = refreshCalendar({ calendarId: m.home.id, settings: { ...settings, transport }, full: true });
    await atGate;

    // Meanwhile a new event appears and an incremental refresh (cron, Sync now, a booking) starts.
    await putObject(radicale, m.account, "home", "second.ics", event("second-1", tomorrow10 + 2 * HOUR, 60, "Second"));
    let incrementalDone = false;
    const incremental = refreshCalendar({ calendarId: m.home.id, settings }).then((r) => ((incrementalDone = true), r));
    const waiters = () => refreshLockWaiters((sql, ...values) => db.$queryRawUnsafe(sql, ...values), m.home.id);
    for (let i = 0; i < 500 && (await waiters()) === 0 && !incrementalDone; i++) await new Promise((r) => setTimeout(r, 10));
    // It is waiting for the lock, not running alongside.
    expect(incrementalDone).toBe(false);
    expect(await waiters()).toBe(1);

    release();
    expect((await full).mode).toBe("full");
    const second = await incremental;
    expect(["incremental", "unchanged"]).toContain(second.mode);
    expect((await m.blocks()).map((b) => b.file).sort()).toEqual(["first.ics", "second.ics"]);
    // And the next refresh still agrees.
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect((await m.blocks()).map((b) => b.file).sort()).toEqual(["first.ics", "second.ics"]);
  });

  it("a refresh that cannot get the lock in time skips its turn and changes nothing", async () => {
    const m = await connectedMember();
    await putObject(radicale, m.account, "home", "one.ics", event("one-1", tomorrow10, 60, "One"));
    await refreshCalendar({ calendarId: m.home.id, settings });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reachedGate!: () => void;
    const atGate = new Promise<void>((resolve) => (reachedGate = resolve));
    const transport: typeof fetch = async (input, init) => {
      reachedGate();
      await gate;
      return fetch(input, init);
    };
    const holder = refreshCalendar({ calendarId: m.home.id, settings: { ...settings, transport } });
    await atGate;
    const before = await db.externalCalendar.findUniqueOrThrow({ where: { id: m.home.id } });
    const skipped = await refreshCalendar({ calendarId: m.home.id, settings, lockWaitMs: 200 });
    expect(skipped).toMatchObject({ mode: "skipped", error: "Another refresh of this calendar is still running." });
    expect(await db.externalCalendar.findUniqueOrThrow({ where: { id: m.home.id } })).toEqual(before);
    release();
    expect((await holder).mode).not.toBe("failed");
    expect((await m.blocks()).map((b) => b.file)).toEqual(["one.ics"]);
  });
});

/** A transport that answers the calendar-query itself (through the real guarded fetch above it). */
function answeringQueries(answer: () => Response): typeof fetch {
  return async (input, init) => {
    if (init?.method === "REPORT" && String(init.body ?? "").includes("calendar-query")) return answer();
    return fetch(input, init);
  };
}

describe("bounded reads", () => {
  it("a 50 MB answer fails the refresh with a clear error, keeps the blocks, and nothing else breaks", async () => {
    const m = await connectedMember();
    await putObject(radicale, m.account, "home", "kept.ics", event("kept-1", tomorrow10, 60, "Kept"));
    await refreshCalendar({ calendarId: m.home.id, settings });
    let generated = 0;
    const huge = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (generated >= 50 * 1024 * 1024) return controller.close();
            generated += 1024 * 1024;
            controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
          },
        }),
        { status: 207, headers: { "content-type": "application/xml" } },
      );
    const outcome = await refreshCalendar({
      calendarId: m.home.id,
      settings: { ...settings, transport: answeringQueries(huge) },
      full: true,
    });
    expect(outcome).toMatchObject({ mode: "failed", error: "The calendar server sent more than 16 MB in one answer; it was not read." });
    expect(generated).toBeLessThan(20 * 1024 * 1024);
    const row = await db.externalCalendar.findUniqueOrThrow({ where: { id: m.home.id } });
    expect(row.lastRefreshError).toMatch(/more than 16 MB/);
    expect(row.refreshFailures).toBe(1);
    expect((await m.blocks()).map((b) => b.title)).toEqual(["Kept"]);
    // The next normal read works.
    await db.externalCalendar.update({ where: { id: m.home.id }, data: { nextRefreshAt: null } });
    expect((await refreshCalendar({ calendarId: m.home.id, settings, full: true })).mode).toBe("full");
    expect((await db.externalCalendar.findUniqueOrThrow({ where: { id: m.home.id } })).lastRefreshError).toBeNull();
  });

  it("parsing a 5,000-object calendar yields the event loop (no tick waits long)", async () => {
    const m = await connectedMember();
    const objects = Array.from({ length: 5000 }, (_, i) => {
      const ics = event(`many-${i}`, tomorrow10 + (i % 200) * 15 * 60_000, 15, `Event ${i}`, ["RRULE:FREQ=DAILY;COUNT=5"]);
      return `<d:response><d:href>/many/${i}.ics</d:href><d:propstat><d:prop><d:getetag>"${i}"</d:getetag><c:calendar-data><![CDATA[${ics}]]></c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;
    });
    const body = `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">${objects.join("")}</d:multistatus>`;
    let served = false;
    const transport = answeringQueries(() => {
      // Once: the window's other chunks come back empty.
      const answer = served ? `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"/>` : body;
      served = true;
      return new Response(answer, { status: 207, headers: { "content-type": "application/xml" } });
    });
    let longest = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const outcome = await refreshCalendar({ calendarId: m.home.id, settings: { ...settings, transport }, full: true });
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    expect(outcome).toMatchObject({ mode: "full", fetched: 5000, unreadable: 0 });
    expect(await db.busyBlock.count({ where: { externalCalendarId: m.home.id } })).toBe(25_000);
    // The whole refresh takes far longer than any single wait of the event loop (that the parse
    // loop yields is shown deterministically in tests/unit/refresh-parse-objects.test.ts).
    expect(elapsed).toBeGreaterThan(longest * 3);
  });
});
