// The busy-time refresh against Radicale behind the iCloud-shaped proxy: full, incremental,
// deletions, failures, and the slots that result.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import type { CalDavSettings } from "@/lib/connections/config";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud } from "@/lib/connections/connect";
import { db } from "@/lib/db";
import { createBooking } from "@/lib/booking/create";
import { getPublicSlots } from "@/lib/booking/public";
import { findSlots } from "@/lib/booking/slots";
import { iCloudBlockers } from "@/lib/icloud-state/freshness";
import { refreshCalendar } from "@/lib/sync/refresh/refresh-calendar";
import { findDueCalendars } from "@/lib/sync/refresh/schedule";
import { type IcloudProxy } from "../fixtures/icloud-proxy";
import { createOrganization, createUser } from "../support/factories";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { deleteObject, putObject, type RadicaleServer } from "../support/radicale";
import { withICloudServers } from "../support/icloud-servers";

let radicale: RadicaleServer;
let proxy: IcloudProxy;
let settings: CalDavSettings;
const DAY = 86_400_000;

withICloudServers((servers) => ({ radicale, proxy, settings } = servers));

const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
function event(uid: string, start: number, minutes: number, summary: string, extra = ""): string {
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
    ...(extra ? [extra] : []),
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

/** A staff member with iCloud connected through the proxy; "Home" is the primary calendar. */
async function connectedMember() {
  const org = await createOrganization();
  const user = await withWorkingHours(await createUser({ organizationId: org.id, timeZone: "UTC" }), [0, 1, 2, 3, 4, 5, 6], 0, 1440);
  const actor: Actor = { userId: user.id, organizationId: org.id, role: "STAFF", name: user.name, email: user.email };
  const account = await proxy.createAccount();
  const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
  const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
  await saveCalendarConfiguration({ actor, input: { userId: user.id, primaryCalendarId: home.id, conflictCalendarIds: [home.id] } });
  const blocks = () => db.busyBlock.findMany({ where: { externalCalendarId: home.id }, orderBy: { startsAt: "asc" } });
  return { org, user, account, connectionId, home, blocks };
}

const tomorrow10 = Math.floor(Date.now() / DAY) * DAY + DAY + 10 * 3_600_000;

describe("reading iCloud events back as busy blocks", () => {
  it("creates blocks on the first refresh, then follows a change and a deletion incrementally", async () => {
    const m = await connectedMember();
    await putObject(radicale, m.account, "home", "school.ics", event("school-1", tomorrow10, 60, "Pick up John from school"));
    await putObject(radicale, m.account, "home", "dentist.ics", event("dentist-1", tomorrow10 + 3 * 3_600_000, 30, "Dentist"));
    await putObject(
      radicale,
      m.account,
      "home",
      "weekly.ics",
      event("weekly-1", tomorrow10 + DAY, 30, "Team call", "RRULE:FREQ=WEEKLY;COUNT=3"),
    );

    const first = await refreshCalendar({ calendarId: m.home.id, settings });
    expect(first.mode).toBe("full");
    const blocks = await m.blocks();
    expect(blocks.map((b) => [b.title, b.startsAt.getTime()])).toEqual([
      ["Pick up John from school", tomorrow10],
      ["Dentist", tomorrow10 + 3 * 3_600_000],
      ["Team call", tomorrow10 + DAY],
      ["Team call", tomorrow10 + 8 * DAY],
      ["Team call", tomorrow10 + 15 * DAY],
    ]);

    proxy.reset();
    const unchanged = await refreshCalendar({ calendarId: m.home.id, settings });
    expect(unchanged.mode).toBe("unchanged");
    expect(proxy.stats().requests).toBe(1);

    await putObject(radicale, m.account, "home", "dentist.ics", event("dentist-1", tomorrow10 + 5 * 3_600_000, 45, "Dentist (moved)"));
    proxy.reset();
    const changed = await refreshCalendar({ calendarId: m.home.id, settings });
    expect(changed).toMatchObject({ mode: "incremental", fetched: 1 });
    expect(proxy.stats().requests).toBeLessThanOrEqual(2);
    const dentist = (await m.blocks()).filter((b) => b.objectUrl.endsWith("dentist.ics"));
    expect(dentist.map((b) => [b.title, b.startsAt.getTime(), b.endsAt.getTime()])).toEqual([
      ["Dentist (moved)", tomorrow10 + 5 * 3_600_000, tomorrow10 + 5 * 3_600_000 + 45 * 60_000],
    ]);
    expect((await m.blocks()).filter((b) => b.objectUrl.endsWith("school.ics"))).toHaveLength(1);

    await deleteObject(radicale, m.account, "home", "school.ics");
    const deleted = await refreshCalendar({ calendarId: m.home.id, settings });
    expect(deleted).toMatchObject({ mode: "incremental", deleted: 1 });
    expect((await m.blocks()).map((b) => b.title)).not.toContain("Pick up John from school");
  });

  it("keeps the blocks and marks the connection NEEDS_REAUTH on a 401 mid-refresh", async () => {
    const m = await connectedMember();
    await putObject(radicale, m.account, "home", "a.ics", event("a-1", tomorrow10, 60, "Kept"));
    await refreshCalendar({ calendarId: m.home.id, settings });
    proxy.addFault({ match: { method: "REPORT" }, fault: { kind: "unauthorized" } });
    const outcome = await refreshCalendar({ calendarId: m.home.id, settings });
    expect(outcome.mode).toBe("failed");
    expect((await m.blocks()).map((b) => b.title)).toEqual(["Kept"]);
    expect((await db.calendarConnection.findUniqueOrThrow({ where: { id: m.connectionId } })).status).toBe("NEEDS_REAUTH");
    expect((await refreshCalendar({ calendarId: m.home.id, settings })).mode).toBe("skipped");
  });

  it("backs off for the 503's Retry-After and keeps the blocks", async () => {
    const m = await connectedMember();
    await putObject(radicale, m.account, "home", "a.ics", event("a-2", tomorrow10, 60, "Kept too"));
    await refreshCalendar({ calendarId: m.home.id, settings });
    proxy.addFault({ match: {}, times: 1, fault: { kind: "unavailable", retryAfter: 120 } });
    const before = Date.now();
    expect((await refreshCalendar({ calendarId: m.home.id, settings })).mode).toBe("failed");
    const calendar = await db.externalCalendar.findUniqueOrThrow({ where: { id: m.home.id } });
    expect(calendar.nextRefreshAt!.getTime() - before).toBeGreaterThanOrEqual(119_000);
    expect(calendar.nextRefreshAt!.getTime() - before).toBeLessThan(125_000);
    expect(calendar.lastRefreshError).toMatch(/busy or unavailable/);
    expect(calendar.refreshFailures).toBe(1);
    expect((await m.blocks()).map((b) => b.title)).toEqual(["Kept too"]);
  });

  it("busy time blocks the slots the public API offers, and stale data makes the member unavailable", async () => {
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
    await putObject(radicale, m.account, "home", "school.ics", event("school-2", tomorrow10, 60, "Pick up John from school"));
    await refreshCalendar({ calendarId: m.home.id, settings });
    const range = { start: tomorrow10 - 3_600_000, end: tomorrow10 + 2 * 3_600_000 };
    const slotsOf = async (staff: string[]) => {
      const found = await findSlots(db, { calendar, range, now: Date.now(), onlyStaffIds: staff });
      return found.map((s) => (s.start - tomorrow10) / 60_000);
    };
    // The member is busy 10:00–11:00: free at 09:00 and 09:30 and from 11:00.
    expect(await slotsOf([m.user.id])).toEqual([-60, -30, 60, 90]);
    const publicSlots = await getPublicSlots({ slug: calendar.slug, range });
    expect(JSON.stringify(publicSlots)).not.toContain("Pick up John");

    await db.externalCalendar.update({ where: { id: m.home.id }, data: { lastRefreshedAt: new Date(Date.now() - 25 * 3_600_000) } });
    expect(await slotsOf([m.user.id])).toEqual([]);
    // Round robin routes to the colleague, who has no iCloud.
    const booked = await createBooking({
      slug: calendar.slug,
      start: tomorrow10 - 3_600_000,
      timeZone: "UTC",
      customer: customer("stale"),
    });
    expect(booked.staff.map((s) => s.id)).toEqual([colleague.id]);
    const banner = await iCloudBlockers(db, [m.user.id], Date.now());
    expect(banner.get(m.user.id)).toMatchObject({ reason: "STALE" });
  });

  it("schedules due calendars: never read first, not while backing off, not twice within the minute", async () => {
    const m = await connectedMember();
    const now = Date.now();
    await db.externalCalendar.update({ where: { id: m.home.id }, data: { lastRefreshAttemptAt: null, nextRefreshAt: null } });
    expect(await findDueCalendars(now)).toContain(m.home.id);
    await db.externalCalendar.update({ where: { id: m.home.id }, data: { lastRefreshAttemptAt: new Date(now - 10_000) } });
    expect(await findDueCalendars(now)).not.toContain(m.home.id);
    // Not a member of any iCloud-enabled booking calendar: every 15 minutes.
    expect(await findDueCalendars(now + 70_000)).not.toContain(m.home.id);
    expect(await findDueCalendars(now + 15 * 60_000)).toContain(m.home.id);
    await db.externalCalendar.update({ where: { id: m.home.id }, data: { nextRefreshAt: new Date(now + 3_600_000) } });
    expect(await findDueCalendars(now + 20 * 60_000)).not.toContain(m.home.id);
    // The unticked "Work" calendar is never read.
    const work = await db.externalCalendar.findFirstOrThrow({ where: { connectionId: m.connectionId, displayName: "Work" } });
    expect(await findDueCalendars(now + 20 * 60_000)).not.toContain(work.id);
  });
});
