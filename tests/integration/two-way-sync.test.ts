// Opt-in two-way sync against Radicale behind the iCloud-shaped proxy: a staff member moves or
// deletes their copy of a CRM appointment in iCloud, the calendar is read back, and the CRM
// reschedules, cancels or puts the event back according to the member's settings.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { createBooking } from "@/lib/booking/create";
import { rescheduleAppointment } from "@/lib/booking/reschedule";
import type { CalDavSettings } from "@/lib/connections/config";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud } from "@/lib/connections/connect";
import { db } from "@/lib/db";
import type { ICloudDeleteAction, SyncDirection } from "@/lib/generated/prisma/client";
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

/** A member working 08:00–18:00 UTC every day, iCloud connected, "Home" primary and checked. */
async function member(orgId?: string, options: { syncDirection?: SyncDirection; onICloudDelete?: ICloudDeleteAction } = {}) {
  const org = orgId ? await db.organization.findUniqueOrThrow({ where: { id: orgId } }) : await createOrganization();
  const user = await withWorkingHours(
    await createUser({ organizationId: org.id, timeZone: "UTC" }),
    [0, 1, 2, 3, 4, 5, 6],
    8 * 60,
    18 * 60,
  );
  await db.user.update({
    where: { id: user.id },
    data: { syncDirection: options.syncDirection ?? "TWO_WAY", onICloudDelete: options.onICloudDelete ?? "RESTORE" },
  });
  const actor: Actor = { userId: user.id, organizationId: org.id, role: "STAFF", name: user.name, email: user.email };
  const account = await proxy.createAccount();
  const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
  const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
  await saveCalendarConfiguration({ actor, input: { userId: user.id, primaryCalendarId: home.id, conflictCalendarIds: [home.id] } });
  await refreshCalendar({ calendarId: home.id, settings });
  return { org, user, account, home };
}
type Member = Awaited<ReturnType<typeof member>>;

const day = Math.floor(Date.now() / DAY) * DAY + 2 * DAY;
const at = (hour: number) => day + hour * HOUR;

const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
/** The event as the member would leave it after dragging it in the Calendar app (and renaming it). */
function moved(ics: string, hours: number, extra: { endHours?: number; summary?: string } = {}) {
  let out = ics.replace(/^(DTSTART|DTEND)([^:\r\n]*):(\d{8}T\d{6}Z)\r?$/gm, (_m, name: string, params: string, value: string) => {
    const t =
      Date.parse(value.replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/, "$1-$2-$3T$4:$5:$6Z")) +
      (name === "DTEND" && extra.endHours !== undefined ? extra.endHours : hours) * HOUR;
    return `${name}${params}:${stamp(t)}\r`;
  });
  if (extra.summary) out = out.replace(/^SUMMARY:.*$/m, `SUMMARY:${extra.summary}\r`);
  return out;
}

async function pushed(m: Member, appointmentId: string) {
  await pushAppointment({ appointmentId, userId: m.user.id, settings });
  const remote = await db.remoteEvent.findFirstOrThrow({ where: { appointmentId, userId: m.user.id } });
  const fileName = remote.url!.split("/").pop()!;
  const get = () => getObject(radicale, m.account, "home", fileName);
  return { remote, fileName, get, body: (await get()).body };
}

const emails = (appointmentId: string, kind: string) => db.emailMessage.count({ where: { appointmentId, kind } });
const startOf = async (id: string) => (await db.appointment.findUniqueOrThrow({ where: { id } })).startsAt.getTime();
const activity = (userId: string) =>
  db.syncActivity.findMany({ where: { userId, operation: { in: ["icloud-move", "icloud-delete"] } }, orderBy: { createdAt: "asc" } });
const dtstart = (ics: string) => /^DTSTART[^:\r\n]*:(\d{8}T\d{6}Z)/m.exec(ics)?.[1];

describe("two-way sync: moving a CRM event in iCloud", () => {
  it("reschedules the appointment to a valid new time, tells the customer once, and never loops", async () => {
    const m = await member();
    const calendar = await createBookingCalendar({
      organizationId: m.org.id,
      type: "ROUND_ROBIN",
      memberIds: [m.user.id],
      durationMinutes: 30,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: at(10), timeZone: "UTC", customer: customer("move-ok") });
    const event = await pushed(m, booking.id);

    // Dragged two hours later (and renamed: the CRM owns the title).
    expect(
      (await putObject(radicale, m.account, "home", event.fileName, moved(event.body, 2, { summary: "My own title" }))).status,
    ).toBeLessThan(300);
    await refreshCalendar({ calendarId: m.home.id, settings });

    expect(await startOf(booking.id)).toBe(at(12));
    expect((await db.appointment.findUniqueOrThrow({ where: { id: booking.id } })).endsAt.getTime()).toBe(at(12.5));
    expect(await emails(booking.id, "booking_rescheduled")).toBe(1);
    // The member made the change: no staff notice to them.
    expect(await emails(booking.id, "staff_rescheduled")).toBe(0);
    const lines = await activity(m.user.id);
    expect(lines.map((l) => [l.operation, l.outcome, l.needsAttention])).toEqual([["icloud-move", "applied", false]]);

    // The CRM's update replaces the iCloud version (the title comes back) without a conflict.
    await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings });
    const after = (await event.get()).body;
    expect(dtstart(after)).toBe(stamp(at(12)));
    expect(after).not.toContain("My own title");
    expect(await db.remoteEvent.findUniqueOrThrow({ where: { id: event.remote.id } })).toMatchObject({ state: "SYNCED" });

    // Reading it back again changes nothing: the CRM's own write is not an iCloud edit.
    await refreshCalendar({ calendarId: m.home.id, settings });
    await refreshCalendar({ calendarId: m.home.id, settings, full: true });
    expect(await startOf(booking.id)).toBe(at(12));
    expect(await emails(booking.id, "booking_rescheduled")).toBe(1);
    expect(await activity(m.user.id)).toHaveLength(1);
  });

  it("ignores the minimum notice for the member's own move, but not working hours", async () => {
    const m = await member();
    const calendar = await createBookingCalendar({
      organizationId: m.org.id,
      type: "ROUND_ROBIN",
      memberIds: [m.user.id],
      durationMinutes: 30,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: at(10), timeZone: "UTC", customer: customer("notice") });
    await db.bookingCalendar.update({ where: { id: calendar.id }, data: { minimumNoticeMinutes: 5 * 24 * 60 } });
    const event = await pushed(m, booking.id);

    // 10:15 is off the customers' 30-minute grid and inside the 5-day notice: fine for staff.
    await putObject(radicale, m.account, "home", event.fileName, moved(event.body, 0.25));
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect(await startOf(booking.id)).toBe(at(10.25));

    // 19:00 is after working hours: refused, with the reason, and the event put back.
    await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings });
    const current = (await event.get()).body;
    await putObject(radicale, m.account, "home", event.fileName, moved(current, 8.75));
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect(await startOf(booking.id)).toBe(at(10.25));
    const refused = (await activity(m.user.id)).at(-1)!;
    expect(refused).toMatchObject({ operation: "icloud-move", outcome: "undone", needsAttention: true });
    expect(refused.detail).toMatch(/outside .*working hours/);
    await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings });
    expect(dtstart((await event.get()).body)).toBe(stamp(at(10.25)));
  });

  it("refuses a move onto busy time or another appointment, keeps the CRM time, restores iCloud and says why", async () => {
    const m = await member();
    const calendar = await createBookingCalendar({
      organizationId: m.org.id,
      type: "ROUND_ROBIN",
      memberIds: [m.user.id],
      durationMinutes: 30,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: at(10), timeZone: "UTC", customer: customer("busy-1") });
    const other = await createBooking({ slug: calendar.slug, start: at(14), timeZone: "UTC", customer: customer("busy-2") });
    // An iCloud event of the member's own at 12:00–13:00.
    await putObject(
      radicale,
      m.account,
      "home",
      "lunch.ics",
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//test//EN",
        "BEGIN:VEVENT",
        "UID:lunch-1",
        `DTSTAMP:${stamp(Date.now())}`,
        `DTSTART:${stamp(at(12))}`,
        `DTEND:${stamp(at(13))}`,
        "SUMMARY:Lunch",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
    const event = await pushed(m, booking.id);

    await putObject(radicale, m.account, "home", event.fileName, moved(event.body, 2));
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect(await startOf(booking.id)).toBe(at(10));
    expect((await activity(m.user.id)).at(-1)!.detail).toMatch(/busy in iCloud/);
    await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings });
    expect(dtstart((await event.get()).body)).toBe(stamp(at(10)));

    await putObject(radicale, m.account, "home", event.fileName, moved((await event.get()).body, 4));
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect(await startOf(booking.id)).toBe(at(10));
    expect((await activity(m.user.id)).at(-1)!.detail).toMatch(/another appointment or blocked time/);
    expect(await startOf(other.id)).toBe(at(14));
    expect(await emails(booking.id, "booking_rescheduled")).toBe(0);
    await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings });
    expect(dtstart((await event.get()).body)).toBe(stamp(at(10)));
    expect(await db.remoteEvent.findUniqueOrThrow({ where: { id: event.remote.id } })).toMatchObject({ state: "SYNCED" });
  });

  it("refuses a change of length", async () => {
    const m = await member();
    const calendar = await createBookingCalendar({
      organizationId: m.org.id,
      type: "ROUND_ROBIN",
      memberIds: [m.user.id],
      durationMinutes: 30,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: at(10), timeZone: "UTC", customer: customer("length") });
    const event = await pushed(m, booking.id);
    await putObject(radicale, m.account, "home", event.fileName, moved(event.body, 0, { endHours: 1 }));
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect(await startOf(booking.id)).toBe(at(10));
    expect((await activity(m.user.id)).at(-1)!.detail).toMatch(/lasts 30 minutes/);
  });

  it("in a collective booking, checks every member and moves the other members' events too", async () => {
    const a = await member();
    const b = await member(a.org.id);
    const calendar = await createBookingCalendar({
      organizationId: a.org.id,
      type: "COLLECTIVE",
      memberIds: [a.user.id, b.user.id],
      durationMinutes: 60,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: at(9), timeZone: "UTC", customer: customer("collective") });
    const eventA = await pushed(a, booking.id);
    const eventB = await pushed(b, booking.id);

    await putObject(radicale, a.account, "home", eventA.fileName, moved(eventA.body, 6));
    await refreshCalendar({ calendarId: a.home.id, settings });
    expect(await startOf(booking.id)).toBe(at(15));
    await pushAppointment({ appointmentId: booking.id, userId: b.user.id, settings });
    expect(dtstart((await eventB.get()).body)).toBe(stamp(at(15)));
    expect(await emails(booking.id, "booking_rescheduled")).toBe(1);
    // B was not the one who moved it: B is told.
    expect(await db.emailMessage.count({ where: { appointmentId: booking.id, kind: "staff_rescheduled", userId: b.user.id } })).toBe(1);
  });

  it("with one-way sync (the default), a move changes nothing in the CRM and is shown as changed in iCloud", async () => {
    const m = await member(undefined, { syncDirection: "ONE_WAY" });
    const calendar = await createBookingCalendar({
      organizationId: m.org.id,
      type: "ROUND_ROBIN",
      memberIds: [m.user.id],
      durationMinutes: 30,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: at(10), timeZone: "UTC", customer: customer("one-way") });
    const event = await pushed(m, booking.id);
    await putObject(radicale, m.account, "home", event.fileName, moved(event.body, 2));
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect(await startOf(booking.id)).toBe(at(10));
    expect(await db.remoteEvent.findUniqueOrThrow({ where: { id: event.remote.id } })).toMatchObject({ state: "CHANGED_IN_ICLOUD" });
    expect(await activity(m.user.id)).toEqual([]);
    expect(await emails(booking.id, "booking_rescheduled")).toBe(0);
  });

  it("an edit made in both places at once goes to the CRM, recorded", async () => {
    const m = await member();
    const calendar = await createBookingCalendar({
      organizationId: m.org.id,
      type: "ROUND_ROBIN",
      memberIds: [m.user.id],
      durationMinutes: 30,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: at(10), timeZone: "UTC", customer: customer("both") });
    const event = await pushed(m, booking.id);
    // The CRM moves it to 11:00 (its push not yet run) while the member drags it to 13:00 in iCloud.
    await rescheduleAppointment({ appointmentId: booking.id, start: at(11), by: "staff" });
    await putObject(radicale, m.account, "home", event.fileName, moved(event.body, 3));
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect(await startOf(booking.id)).toBe(at(11));
    const line = (await activity(m.user.id)).at(-1)!;
    expect(line).toMatchObject({ outcome: "undone", needsAttention: true });
    expect(line.detail).toMatch(/CRM's change won/);
    await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings });
    expect(dtstart((await event.get()).body)).toBe(stamp(at(11)));
    expect(await emails(booking.id, "booking_rescheduled")).toBe(1);
  });
});

describe("two-way sync: deleting a CRM event in iCloud", () => {
  it("puts it back by default", async () => {
    const m = await member();
    const calendar = await createBookingCalendar({
      organizationId: m.org.id,
      type: "ROUND_ROBIN",
      memberIds: [m.user.id],
      durationMinutes: 30,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: at(10), timeZone: "UTC", customer: customer("delete-restore") });
    const event = await pushed(m, booking.id);
    expect(await deleteObject(radicale, m.account, "home", event.fileName)).toBeLessThan(300);
    await refreshCalendar({ calendarId: m.home.id, settings });
    expect((await db.appointment.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CONFIRMED");
    expect((await activity(m.user.id)).map((l) => [l.operation, l.outcome])).toEqual([["icloud-delete", "restored"]]);
    await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings });
    expect(dtstart((await event.get()).body)).toBe(stamp(at(10)));
    expect(await emails(booking.id, "booking_cancelled")).toBe(0);
  });

  it("cancels the appointment when the member chose so, and the customer gets exactly one notice", async () => {
    const m = await member(undefined, { onICloudDelete: "CANCEL" });
    const calendar = await createBookingCalendar({
      organizationId: m.org.id,
      type: "ROUND_ROBIN",
      memberIds: [m.user.id],
      durationMinutes: 30,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: at(10), timeZone: "UTC", customer: customer("delete-cancel") });
    const event = await pushed(m, booking.id);
    expect(await deleteObject(radicale, m.account, "home", event.fileName)).toBeLessThan(300);
    await refreshCalendar({ calendarId: m.home.id, settings });
    await refreshCalendar({ calendarId: m.home.id, settings, full: true });
    expect((await db.appointment.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CANCELLED");
    expect(await emails(booking.id, "booking_cancelled")).toBe(1);
    await pushAppointment({ appointmentId: booking.id, userId: m.user.id, settings });
    expect((await event.get()).status).toBe(404);
    // The slot is free again.
    const again = await createBooking({ slug: calendar.slug, start: at(10), timeZone: "UTC", customer: customer("delete-cancel-2") });
    expect(again.id).not.toBe(booking.id);
  });

  it("a full read notices a deletion too, but not events outside the part of the window it read", async () => {
    const m = await member(undefined, { onICloudDelete: "CANCEL" });
    const calendar = await createBookingCalendar({
      organizationId: m.org.id,
      type: "ROUND_ROBIN",
      memberIds: [m.user.id],
      durationMinutes: 30,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: at(10), timeZone: "UTC", customer: customer("full-read") });
    const kept = await createBooking({ slug: calendar.slug, start: at(11), timeZone: "UTC", customer: customer("full-read-kept") });
    const event = await pushed(m, booking.id);
    await pushed(m, kept.id);
    await deleteObject(radicale, m.account, "home", event.fileName);
    await refreshCalendar({ calendarId: m.home.id, settings, full: true });
    expect((await db.appointment.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CANCELLED");
    expect((await db.appointment.findUniqueOrThrow({ where: { id: kept.id } })).status).toBe("CONFIRMED");
  });
});
