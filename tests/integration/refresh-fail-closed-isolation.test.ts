// Read-back isolation: the CRM's own events are matched only within the reading member's own
// calendars. Against Radicale behind the iCloud-shaped proxy, with two organizations.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { cancelAppointment } from "@/lib/booking/cancel";
import { createBooking } from "@/lib/booking/create";
import type { CalDavSettings } from "@/lib/connections/config";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud } from "@/lib/connections/connect";
import { db } from "@/lib/db";
import { pushAppointment } from "@/lib/sync/push/push-appointment";
import { refreshCalendar } from "@/lib/sync/refresh/refresh-calendar";
import { type IcloudProxy } from "../fixtures/icloud-proxy";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser } from "../support/factories";
import { deleteObject, getObject, putObject, type RadicaleServer } from "../support/radicale";
import { withICloudServers } from "../support/icloud-servers";

let radicale: RadicaleServer;
let proxy: IcloudProxy;
let settings: CalDavSettings;
const DAY = 86_400_000;
const HOUR = 3_600_000;

withICloudServers((servers) => ({ radicale, proxy, settings } = servers));

async function member() {
  const org = await createOrganization();
  const user = await withWorkingHours(await createUser({ organizationId: org.id, timeZone: "UTC" }), [0, 1, 2, 3, 4, 5, 6], 0, 1440);
  const actor: Actor = { userId: user.id, organizationId: org.id, role: "STAFF", name: user.name, email: user.email };
  const account = await proxy.createAccount();
  const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
  const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
  await saveCalendarConfiguration({ actor, input: { userId: user.id, primaryCalendarId: home.id, conflictCalendarIds: [home.id] } });
  await db.externalCalendar.updateMany({ where: { connectionId }, data: { lastRefreshedAt: new Date() } });
  return { org, user, account, home };
}

const slot = Math.floor(Date.now() / DAY) * DAY + 2 * DAY + 9 * HOUR;
const shift = (ics: string, hours: number) =>
  ics.replace(/^(DTSTART|DTEND)([^:\r\n]*):(\d{8}T\d{6}Z)\r?$/gm, (_m, name: string, params: string, value: string) => {
    const t = Date.parse(value.replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, "$1-$2-$3T$4:$5:$6Z")) + hours * HOUR;
    return `${name}${params}:${new Date(t)
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "")}\r`;
  });

describe("read-back is scoped to the reading member's own calendars", () => {
  it("an event with another organization's CRM UID in someone's own calendar changes nothing of theirs", async () => {
    const victim = await member();
    const attacker = await member();
    const calendar = await createBookingCalendar({
      organizationId: victim.org.id,
      type: "ROUND_ROBIN",
      memberIds: [victim.user.id],
      durationMinutes: 30,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: slot, timeZone: "UTC", customer: customer("isolation") });
    expect(await pushAppointment({ appointmentId: booking.id, userId: victim.user.id, settings })).toEqual({ outcome: "synced" });
    const remote = await db.remoteEvent.findFirstOrThrow({ where: { appointmentId: booking.id } });
    expect(remote).toMatchObject({ state: "SYNCED", externalCalendarId: victim.home.id });
    const fileName = remote.url!.split("/").pop()!;
    const original = await getObject(radicale, victim.account, "home", fileName);
    expect(original.body).toContain(remote.uid);
    expect(original.body).toMatch(/X-CRM-APPOINTMENT/);

    // The attacker copies it (same UID, same X-CRM-APPOINTMENT), moved two hours, into their own
    // calendar, and their calendar is read back.
    const moved = shift(original.body, 2);
    expect(moved).not.toEqual(original.body);
    expect((await putObject(radicale, attacker.account, "home", fileName, moved)).status).toBeLessThan(300);
    await refreshCalendar({ calendarId: attacker.home.id, settings });
    expect(await db.remoteEvent.findUniqueOrThrow({ where: { id: remote.id } })).toEqual(remote);

    // Then as cancelled, then deleted: still nothing of the victim's changes.
    const cancelled = moved.replace(/\r\nSTATUS:[A-Z-]+/, "").replace("\r\nEND:VEVENT", "\r\nSTATUS:CANCELLED\r\nEND:VEVENT");
    expect((await putObject(radicale, attacker.account, "home", fileName, cancelled)).status).toBeLessThan(300);
    await refreshCalendar({ calendarId: attacker.home.id, settings });
    expect(await db.remoteEvent.findUniqueOrThrow({ where: { id: remote.id } })).toEqual(remote);
    expect(await deleteObject(radicale, attacker.account, "home", fileName)).toBeLessThan(300);
    await refreshCalendar({ calendarId: attacker.home.id, settings, full: true });
    expect(await db.remoteEvent.findUniqueOrThrow({ where: { id: remote.id } })).toEqual(remote);
    expect((await putObject(radicale, attacker.account, "home", fileName, moved)).status).toBeLessThan(300);
    await refreshCalendar({ calendarId: attacker.home.id, settings });

    // Cancelling deletes the event from the victim's own calendar; the attacker's copy is theirs.
    await cancelAppointment({ appointmentId: booking.id });
    await pushAppointment({ appointmentId: booking.id, userId: victim.user.id, settings });
    expect((await getObject(radicale, victim.account, "home", fileName)).status).toBe(404);
    expect((await getObject(radicale, attacker.account, "home", fileName)).status).toBe(200);
  });

  it("the member's own moved event is still noticed (the scope does not hide real changes)", async () => {
    const m = await member();
    const calendar = await createBookingCalendar({
      organizationId: m.org.id,
      type: "ROUND_ROBIN",
      memberIds: [m.user.id],
      durationMinutes: 30,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: slot + HOUR, timeZone: "UTC", customer: customer("own-move") });
    await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings });
    const remote = await db.remoteEvent.findFirstOrThrow({ where: { appointmentId: booking.id } });
    const fileName = remote.url!.split("/").pop()!;
    const original = await getObject(radicale, m.account, "home", fileName);
    expect((await putObject(radicale, m.account, "home", fileName, shift(original.body, 3))).status).toBeLessThan(300);
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect(await db.remoteEvent.findUniqueOrThrow({ where: { id: remote.id } })).toMatchObject({
      state: "CHANGED_IN_ICLOUD",
      externalCalendarId: m.home.id,
    });
  });

  it("a CRM-looking event that is not the member's own is busy time for them; their own is not", async () => {
    const owner = await member();
    const other = await member();
    const calendar = await createBookingCalendar({
      organizationId: owner.org.id,
      type: "ROUND_ROBIN",
      memberIds: [owner.user.id],
      durationMinutes: 30,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: slot + 4 * HOUR, timeZone: "UTC", customer: customer("look-alike") });
    await pushAppointment({ appointmentId: booking.id, userId: owner.user.id, settings });
    const remote = await db.remoteEvent.findFirstOrThrow({ where: { appointmentId: booking.id } });
    const fileName = remote.url!.split("/").pop()!;
    const original = await getObject(radicale, owner.account, "home", fileName);

    // The owner's own CRM event never becomes a busy block (the appointment already blocks).
    await refreshCalendar({ calendarId: owner.home.id, settings, full: true });
    expect(await db.busyBlock.count({ where: { externalCalendarId: owner.home.id } })).toBe(0);

    // The same object in someone else's calendar (an invitation, a copy) is their busy time.
    expect((await putObject(radicale, other.account, "home", fileName, original.body)).status).toBeLessThan(300);
    await refreshCalendar({ calendarId: other.home.id, settings, full: true });
    const blocks = await db.busyBlock.findMany({ where: { externalCalendarId: other.home.id } });
    expect(blocks.map((b) => [b.startsAt.getTime(), b.endsAt.getTime()])).toEqual([[slot + 4 * HOUR, slot + 4 * HOUR + 30 * 60_000]]);

    // Cancelled, it frees the time again, like any other event.
    const cancelled = original.body.replace(/\r\nSTATUS:[A-Z-]+/, "").replace("\r\nEND:VEVENT", "\r\nSTATUS:CANCELLED\r\nEND:VEVENT");
    expect((await putObject(radicale, other.account, "home", fileName, cancelled)).status).toBeLessThan(300);
    await refreshCalendar({ calendarId: other.home.id, settings, full: true });
    expect(await db.busyBlock.count({ where: { externalCalendarId: other.home.id } })).toBe(0);
  });
});
