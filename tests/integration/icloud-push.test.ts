// Pushing CRM appointments to iCloud, against Radicale behind the iCloud-shaped proxy. What the
// server holds is read back over plain HTTP and parsed with ical.js, apart from the writer.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { cancelAppointment } from "@/lib/booking/cancel";
import { createBooking } from "@/lib/booking/create";
import { rescheduleAppointment } from "@/lib/booking/reschedule";
import type { CalDavSettings } from "@/lib/connections/config";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud, reconnectICloud } from "@/lib/connections/connect";
import { db } from "@/lib/db";
import { pushAppointment } from "@/lib/sync/push/push-appointment";
import { pushClassOccurrence } from "@/lib/sync/push/push-class-occurrence";
import { type IcloudAccount, type IcloudProxy } from "../fixtures/icloud-proxy";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser } from "../support/factories";
import { collectionUrl, getObject, putObject, type RadicaleServer } from "../support/radicale";
import { withICloudServers } from "../support/icloud-servers";

let radicale: RadicaleServer;
let proxy: IcloudProxy;
let settings: CalDavSettings;
const DAY = 86_400_000;
const HOUR = 3_600_000;

withICloudServers((servers) => ({ radicale, proxy, settings } = servers));

const auth = (a: IcloudAccount) => `Basic ${Buffer.from(`${a.username}:${a.password}`).toString("base64")}`;

/** Every event in one of the account's calendars, read straight from Radicale. */
async function eventsIn(account: IcloudAccount, calendar: string) {
  const res = await fetch(collectionUrl(radicale, account, calendar), {
    method: "REPORT",
    headers: { authorization: auth(account), depth: "1", "content-type": "application/xml" },
    body: `<?xml version="1.0"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>`,
  });
  const xml = await res.text();
  const datas = [...xml.matchAll(/<(?:\w+:)?calendar-data[^>]*>([\s\S]*?)<\/(?:\w+:)?calendar-data>/g)].map((m) =>
    m[1]!.replace(/&#13;/g, "\r").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"),
  );
  return datas.map((ics) => {
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!;
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      start: event.startDate.toJSDate().getTime(),
      end: event.endDate.toJSDate().getTime(),
      sequence: event.sequence,
      summary: event.summary,
    };
  });
}

async function member(org: { id: string }, calendarName = "Home") {
  const user = await withWorkingHours(
    await createUser({ organizationId: org.id, timeZone: "Europe/Berlin" }),
    [0, 1, 2, 3, 4, 5, 6],
    0,
    1440,
  );
  const actor: Actor = { userId: user.id, organizationId: org.id, role: "STAFF", name: user.name, email: user.email };
  const account = await proxy.createAccount();
  const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
  const calendar = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: calendarName } });
  await saveCalendarConfiguration({
    actor,
    input: { userId: user.id, primaryCalendarId: calendar.id, conflictCalendarIds: [calendar.id] },
  });
  // Busy time counts as freshly read; this test is about writing.
  await db.externalCalendar.updateMany({ where: { connectionId }, data: { lastRefreshedAt: new Date() } });
  return { user, actor, account, connectionId };
}

const slot = Math.floor(Date.now() / DAY) * DAY + 2 * DAY + 9 * HOUR;

describe("pushing appointments to iCloud", () => {
  it("creates, reschedules and cancels exactly one event at the right instants", async () => {
    const org = await createOrganization();
    const m = await member(org);
    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "ROUND_ROBIN",
      memberIds: [m.user.id],
      durationMinutes: 30,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: slot, timeZone: "UTC", customer: customer("push") });
    expect(await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings })).toEqual({ outcome: "synced" });
    expect(await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings })).toEqual({ outcome: "synced" });
    let events = await eventsIn(m.account, "home");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ start: slot, end: slot + 30 * 60_000 });
    expect(events[0]!.summary).toContain("Customer push");

    await rescheduleAppointment({ appointmentId: booking.id, start: slot + 2 * HOUR });
    await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings });
    events = await eventsIn(m.account, "home");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ start: slot + 2 * HOUR, uid: events[0]!.uid });
    expect(events[0]!.sequence).toBeGreaterThan(1);

    await cancelAppointment({ appointmentId: booking.id });
    expect(await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings })).toEqual({ outcome: "deleted" });
    expect(await eventsIn(m.account, "home")).toEqual([]);
  });

  it("restores an event changed in iCloud and recreates one deleted there; the CRM always wins", async () => {
    const org = await createOrganization();
    const m = await member(org);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: [m.user.id], timeZone: "UTC" });
    const booking = await createBooking({ slug: calendar.slug, start: slot, timeZone: "UTC", customer: customer("wins") });
    await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings });
    const remote = await db.remoteEvent.findFirstOrThrow({ where: { appointmentId: booking.id } });
    const file = decodeURIComponent(new URL(remote.url!).pathname.split("/").pop()!);
    // Someone moves it in iCloud: the ETag changes.
    const current = await getObject(radicale, m.account, "home", file);
    await putObject(
      radicale,
      m.account,
      "home",
      file,
      current.body.replace(/DTSTART[^\r\n]*/, "DTSTART:20300101T100000Z").replace(/DTEND[^\r\n]*/, "DTEND:20300101T110000Z"),
    );
    await rescheduleAppointment({ appointmentId: booking.id, start: slot + HOUR });
    expect(await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings })).toEqual({ outcome: "restored" });
    expect((await eventsIn(m.account, "home")).map((e) => e.start)).toEqual([slot + HOUR]);

    await fetch(collectionUrl(radicale, m.account, "home") + encodeURIComponent(file), {
      method: "DELETE",
      headers: { authorization: auth(m.account) },
    });
    await rescheduleAppointment({ appointmentId: booking.id, start: slot + 3 * HOUR });
    expect(await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings })).toEqual({ outcome: "recreated" });
    expect((await eventsIn(m.account, "home")).map((e) => e.start)).toEqual([slot + 3 * HOUR]);
  });

  it("moves future events to a new primary calendar and follows a reassignment", async () => {
    const org = await createOrganization();
    const a = await member(org);
    const b = await member(org);
    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "ROUND_ROBIN",
      memberIds: [a.user.id, b.user.id],
      priorities: [2, 1],
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: slot, timeZone: "UTC", customer: customer("move") });
    expect(booking.staff.map((s) => s.id)).toEqual([a.user.id]);
    await pushAppointment({ appointmentId: booking.id, userId: a.user.id, settings });

    const work = await db.externalCalendar.findFirstOrThrow({ where: { connectionId: a.connectionId, displayName: "Work" } });
    await saveCalendarConfiguration({
      actor: a.actor,
      input: { userId: a.user.id, primaryCalendarId: work.id, conflictCalendarIds: [work.id] },
    });
    await pushAppointment({ appointmentId: booking.id, userId: a.user.id, settings });
    expect(await eventsIn(a.account, "home")).toEqual([]);
    expect((await eventsIn(a.account, "work")).map((e) => e.start)).toEqual([slot]);

    // A becomes busy at the new time, so the reschedule reassigns to B.
    await db.staffHold.create({
      data: {
        organizationId: org.id,
        userId: a.user.id,
        bookingCalendarId: calendar.id,
        startsAt: new Date(slot + 5 * HOUR),
        endsAt: new Date(slot + 6 * HOUR),
      },
    });
    const moved = await rescheduleAppointment({ appointmentId: booking.id, start: slot + 5 * HOUR });
    expect(moved.staff.map((s) => s.id)).toEqual([b.user.id]);
    await pushAppointment({ appointmentId: booking.id, userId: a.user.id, settings });
    await pushAppointment({ appointmentId: booking.id, userId: b.user.id, settings });
    expect(await eventsIn(a.account, "work")).toEqual([]);
    expect((await eventsIn(b.account, "home")).map((e) => e.start)).toEqual([slot + 5 * HOUR]);
  });

  it("parks on a revoked password and resumes after reconnecting; honours Retry-After", async () => {
    const org = await createOrganization();
    const m = await member(org);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: [m.user.id], timeZone: "UTC" });
    const booking = await createBooking({ slug: calendar.slug, start: slot, timeZone: "UTC", customer: customer("parked") });
    proxy.addFault({ match: { method: "PUT" }, times: 1, fault: { kind: "unavailable", retryAfter: 90 } });
    expect(await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings })).toEqual({
      outcome: "retrying",
      retryAfterMs: 90_000,
    });

    const revoked = proxy.addFault({ match: { method: "PUT" }, fault: { kind: "unauthorized" } });
    expect(await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings })).toEqual({ outcome: "parked" });
    expect((await db.calendarConnection.findUniqueOrThrow({ where: { id: m.connectionId } })).status).toBe("NEEDS_REAUTH");
    expect((await db.remoteEvent.findFirstOrThrow({ where: { appointmentId: booking.id } })).state).toBe("PENDING");
    revoked.remove();

    await reconnectICloud({ actor: m.actor, connectionId: m.connectionId, appSpecificPassword: m.account.password, settings });
    const queued = await db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ${`push_appointment:${booking.id}:${m.user.id}`}`;
    expect(Number(queued[0]!.n)).toBe(1);
    expect(await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings })).toEqual({ outcome: "synced" });
    expect(await eventsIn(m.account, "home")).toHaveLength(1);
  });

  it("writes a class session once in the instructor's calendar and follows its seats", async () => {
    const org = await createOrganization();
    const m = await member(org);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "CLASS", memberIds: [m.user.id], timeZone: "UTC" });
    await db.classSession.create({
      data: {
        organizationId: org.id,
        bookingCalendarId: calendar.id,
        instructorId: m.user.id,
        title: "Braiding",
        startsAt: new Date(slot),
        durationMinutes: 90,
        capacity: 4,
      },
    });
    const first = await createBooking({ slug: calendar.slug, start: slot, timeZone: "UTC", customer: customer("seat-1") });
    const second = await createBooking({ slug: calendar.slug, start: slot, timeZone: "UTC", customer: customer("seat-2") });
    const occurrence = await db.classOccurrence.findFirstOrThrow({ where: { session: { bookingCalendarId: calendar.id } } });
    expect(await pushClassOccurrence({ classOccurrenceId: occurrence.id, userId: m.user.id, settings })).toEqual({ outcome: "synced" });
    let events = await eventsIn(m.account, "home");
    expect(events.map((e) => [e.start, e.end, e.summary])).toEqual([[slot, slot + 90 * 60_000, "Braiding · 2/4 seats"]]);

    await cancelAppointment({ appointmentId: first.id });
    await pushClassOccurrence({ classOccurrenceId: occurrence.id, userId: m.user.id, settings });
    events = await eventsIn(m.account, "home");
    expect(events.map((e) => e.summary)).toEqual(["Braiding · 1/4 seats"]);

    await cancelAppointment({ appointmentId: second.id });
    expect(await pushClassOccurrence({ classOccurrenceId: occurrence.id, userId: m.user.id, settings })).toEqual({ outcome: "deleted" });
    expect(await eventsIn(m.account, "home")).toEqual([]);
  });

  it("writes a collective appointment into every member's primary calendar", async () => {
    const org = await createOrganization();
    const a = await member(org);
    const b = await member(org);
    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "COLLECTIVE",
      memberIds: [a.user.id, b.user.id],
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: slot, timeZone: "UTC", customer: customer("together") });
    expect(booking.staff.map((s) => s.id).sort()).toEqual([a.user.id, b.user.id].sort());
    const queued = await db.$queryRaw<
      { key: string }[]
    >`SELECT key FROM graphile_worker.jobs WHERE key LIKE ${`push_appointment:${booking.id}:%`}`;
    expect(queued.map((q) => q.key).sort()).toEqual(
      [`push_appointment:${booking.id}:${a.user.id}`, `push_appointment:${booking.id}:${b.user.id}`].sort(),
    );
    for (const m of [a, b]) await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings });
    for (const m of [a, b]) {
      const events = await eventsIn(m.account, "home");
      expect(events.map((e) => [e.uid, e.start])).toEqual([[`crm-${booking.id}-${m.user.id}@crm-calendar`, slot]]);
    }
  });
});
