// Public booking input against the real PostgreSQL (and Radicale behind the iCloud-shaped proxy
// for freshness): a booking form never overwrites the CRM's contact, and a reschedule checks
// stale iCloud busy time first, exactly like a new booking.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { createBooking } from "@/lib/booking/create";
import { rescheduleAppointment } from "@/lib/booking/reschedule";
import type { CalDavSettings } from "@/lib/connections/config";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud } from "@/lib/connections/connect";
import { db } from "@/lib/db";
import { refreshCalendar } from "@/lib/sync/refresh/refresh-calendar";
import { type IcloudProxy } from "../fixtures/icloud-proxy";
import { createBookingCalendar, customer, newOrganizationWithStaff, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";
import { putObject, type RadicaleServer } from "../support/radicale";
import { withICloudServers } from "../support/icloud-servers";

let radicale: RadicaleServer;
let proxy: IcloudProxy;
let settings: CalDavSettings;
withICloudServers((servers) => ({ radicale, proxy, settings } = servers));

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** A weekday at least two days ahead, 10:00 UTC (inside 09:00–17:00 Berlin working hours). */
const slotDay = (() => {
  const d = new Date(Math.floor(Date.now() / DAY) * DAY + 3 * DAY);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.getTime();
})();

describe("a public booking never overwrites the CRM contact", () => {
  it("keeps the contact's name and phone, fills a missing phone, and keeps what was typed on the appointment", async () => {
    const { org, staff } = await newOrganizationWithStaff(1);
    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "ROUND_ROBIN",
      memberIds: staff.map((s) => s.id),
      durationMinutes: 30,
    });
    const email = `vip-${uniqueSuffix()}@example.test`;
    const contact = await db.contact.create({ data: { organizationId: org.id, name: "Grace Hopper", email, phone: "+1 555 0100" } });

    // Someone types the contact's email with another name and phone.
    const first = await createBooking({
      slug: calendar.slug,
      start: slotDay + 10 * HOUR,
      timeZone: "UTC",
      customer: { name: "Mallory", email, phone: "+1 555 0666" },
    });
    expect(await db.contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({ name: "Grace Hopper", phone: "+1 555 0100" });
    const appointment = await db.appointment.findUniqueOrThrow({ where: { id: first.id } });
    expect(appointment).toMatchObject({ contactId: contact.id, customerName: "Mallory", customerPhone: "+1 555 0666" });
    // The customer's own confirmation greets them by what they typed.
    const confirmation = await db.emailMessage.findFirstOrThrow({ where: { appointmentId: first.id, kind: "booking_confirmation" } });
    expect(confirmation.toName).toBe("Mallory");

    // A contact without a phone gets the typed one (nothing is overwritten).
    const bare = await db.contact.create({
      data: { organizationId: org.id, name: "Alan Turing", email: `bare-${uniqueSuffix()}@example.test` },
    });
    await createBooking({
      slug: calendar.slug,
      start: slotDay + 11 * HOUR,
      timeZone: "UTC",
      customer: { name: "A. T.", email: bare.email, phone: "+44 20 7946 0000" },
    });
    expect(await db.contact.findUniqueOrThrow({ where: { id: bare.id } })).toMatchObject({
      name: "Alan Turing",
      phone: "+44 20 7946 0000",
    });

    // A new email creates the contact from what was typed.
    const fresh = customer("new-contact");
    const third = await createBooking({ slug: calendar.slug, start: slotDay + 12 * HOUR, timeZone: "UTC", customer: fresh });
    const created = await db.appointment.findUniqueOrThrow({ where: { id: third.id }, include: { contact: true } });
    expect(created.contact).toMatchObject({ name: fresh.name, email: fresh.email });
  });

  it("a class booking follows the same rule", async () => {
    const { org, staff } = await newOrganizationWithStaff(1);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "CLASS", memberIds: [staff[0]!.id], durationMinutes: 60 });
    const start = slotDay + 9 * HOUR;
    await db.classSession.create({
      data: {
        organizationId: org.id,
        bookingCalendarId: calendar.id,
        instructorId: staff[0]!.id,
        title: "Yoga",
        startsAt: new Date(start),
        durationMinutes: 60,
        capacity: 5,
      },
    });
    const email = `class-${uniqueSuffix()}@example.test`;
    const contact = await db.contact.create({ data: { organizationId: org.id, name: "Existing Name", email, phone: "+49 30 1234" } });
    const booked = await createBooking({
      slug: calendar.slug,
      start,
      timeZone: "UTC",
      customer: { name: "Typed Name", email, phone: "+49 30 9999" },
    });
    expect(await db.contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({
      name: "Existing Name",
      phone: "+49 30 1234",
    });
    expect(await db.appointment.findUniqueOrThrow({ where: { id: booked.id } })).toMatchObject({
      customerName: "Typed Name",
      customerPhone: "+49 30 9999",
    });
  });
});

const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
const event = (uid: string, start: number, minutes: number) =>
  [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Apple Inc.//iCloud 2.0//EN",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    `DTSTAMP:${utc(Date.now())}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(start + minutes * 60_000)}`,
    "SUMMARY:Dentist",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");

async function connectedMember() {
  const org = await createOrganization();
  const user = await withWorkingHours(await createUser({ organizationId: org.id, timeZone: "UTC" }), [0, 1, 2, 3, 4, 5, 6], 0, 1440);
  const actor: Actor = { userId: user.id, organizationId: org.id, role: "STAFF", name: user.name, email: user.email };
  const account = await proxy.createAccount();
  const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
  const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
  await saveCalendarConfiguration({ actor, input: { userId: user.id, primaryCalendarId: home.id, conflictCalendarIds: [home.id] } });
  return { org, user, account, home };
}

describe("a reschedule checks stale iCloud busy time first, like a new booking", () => {
  // The pre-check reads iCloud with the app's own CalDAV settings (from the environment), so the
  // booking code is loaded afresh with them pointing at this file's proxy.
  let app: { reschedule: typeof rescheduleAppointment; create: typeof createBooking };
  beforeAll(async () => {
    process.env.ICLOUD_CALDAV_URL = proxy.entryUrl;
    process.env.CALDAV_ALLOWED_HOSTS = "127.0.0.1";
    vi.resetModules();
    app = {
      reschedule: (await import("@/lib/booking/reschedule")).rescheduleAppointment,
      create: (await import("@/lib/booking/create")).createBooking,
    };
  });

  it.each(["customer", "staff"] as const)(
    "moved by the %s onto a time taken in iCloud a few minutes ago: refused, and the block is now known",
    async (by) => {
      const m = await connectedMember();
      const calendar = await createBookingCalendar({
        organizationId: m.org.id,
        type: "ROUND_ROBIN",
        memberIds: [m.user.id],
        durationMinutes: 30,
        timeZone: "UTC",
      });
      const from = slotDay + 9 * HOUR;
      const to = slotDay + 14 * HOUR;
      await refreshCalendar({ calendarId: m.home.id, settings });
      const booking = await app.create({ slug: calendar.slug, start: from, timeZone: "UTC", customer: customer(`move-${by}`) });
      // Read five minutes ago (fresh enough to count as available, older than the pre-check's
      // two minutes); since then the member added an event at the target time in iCloud.
      await db.externalCalendar.update({
        where: { id: m.home.id },
        data: { lastRefreshedAt: new Date(Date.now() - 5 * 60_000), nextRefreshAt: null },
      });
      await putObject(radicale, m.account, "home", `dentist-${by}.ics`, event(`dentist-${by}-${uniqueSuffix()}`, to, 60));
      expect(await db.busyBlock.count({ where: { externalCalendarId: m.home.id } })).toBe(0);

      await expect(
        app.reschedule({ appointmentId: booking.id, start: to, by, actorUserId: by === "staff" ? m.user.id : undefined }),
      ).rejects.toMatchObject({ code: "CONFLICT" });
      expect(await db.busyBlock.count({ where: { externalCalendarId: m.home.id, startsAt: new Date(to) } })).toBe(1);
      expect(await db.appointment.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({
        startsAt: new Date(from),
        sequence: 0,
      });

      // A free time still moves.
      const moved = await app.reschedule({ appointmentId: booking.id, start: to + 2 * HOUR, by });
      expect(moved.start).toBe(to + 2 * HOUR);
    },
  );

  it.each(["customer", "staff"] as const)(
    "a class booking moved by the %s onto a class whose time was taken in iCloud a few minutes ago: refused, and the block is now known",
    async (by) => {
      const m = await connectedMember();
      const calendar = await createBookingCalendar({
        organizationId: m.org.id,
        type: "CLASS",
        memberIds: [m.user.id],
        durationMinutes: 60,
        timeZone: "UTC",
      });
      const from = slotDay + 9 * HOUR;
      const to = slotDay + 14 * HOUR;
      for (const start of [from, to, to + 2 * HOUR]) {
        await db.classSession.create({
          data: {
            organizationId: m.org.id,
            bookingCalendarId: calendar.id,
            instructorId: m.user.id,
            title: "Yoga",
            startsAt: new Date(start),
            durationMinutes: 60,
            capacity: 5,
          },
        });
      }
      await refreshCalendar({ calendarId: m.home.id, settings });
      const booking = await app.create({ slug: calendar.slug, start: from, timeZone: "UTC", customer: customer(`class-move-${by}`) });
      await db.externalCalendar.update({
        where: { id: m.home.id },
        data: { lastRefreshedAt: new Date(Date.now() - 5 * 60_000), nextRefreshAt: null },
      });
      await putObject(radicale, m.account, "home", `class-dentist-${by}.ics`, event(`class-dentist-${by}-${uniqueSuffix()}`, to, 60));
      expect(await db.busyBlock.count({ where: { externalCalendarId: m.home.id } })).toBe(0);

      await expect(
        app.reschedule({ appointmentId: booking.id, start: to, by, actorUserId: by === "staff" ? m.user.id : undefined }),
      ).rejects.toMatchObject({ code: "CONFLICT" });
      expect(await db.busyBlock.count({ where: { externalCalendarId: m.home.id, startsAt: new Date(to) } })).toBe(1);
      expect(await db.appointment.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({
        startsAt: new Date(from),
        sequence: 0,
      });

      const moved = await app.reschedule({ appointmentId: booking.id, start: to + 2 * HOUR, by });
      expect(moved.start).toBe(to + 2 * HOUR);
    },
  );

  it("a new class booking onto a time taken in iCloud a few minutes ago: refused, and the block is now known", async () => {
    const m = await connectedMember();
    const calendar = await createBookingCalendar({
      organizationId: m.org.id,
      type: "CLASS",
      memberIds: [m.user.id],
      durationMinutes: 60,
      timeZone: "UTC",
    });
    const start = slotDay + 11 * HOUR;
    await db.classSession.create({
      data: {
        organizationId: m.org.id,
        bookingCalendarId: calendar.id,
        instructorId: m.user.id,
        title: "Yoga",
        startsAt: new Date(start),
        durationMinutes: 60,
        capacity: 5,
      },
    });
    await refreshCalendar({ calendarId: m.home.id, settings });
    await db.externalCalendar.update({
      where: { id: m.home.id },
      data: { lastRefreshedAt: new Date(Date.now() - 5 * 60_000), nextRefreshAt: null },
    });
    await putObject(radicale, m.account, "home", "class-new.ics", event(`class-new-${uniqueSuffix()}`, start, 60));
    await expect(app.create({ slug: calendar.slug, start, timeZone: "UTC", customer: customer("class-new") })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await db.busyBlock.count({ where: { externalCalendarId: m.home.id, startsAt: new Date(start) } })).toBe(1);
    expect(await db.appointment.count({ where: { bookingCalendarId: calendar.id } })).toBe(0);
  });
});

describe("manage links", () => {
  it("use their own key, expire 30 days after the appointment with a clear answer, and old AUTH_SECRET links keep working until then", async () => {
    const { createHmac } = await import("node:crypto");
    const { checkManageToken, signManageToken, MANAGE_LINK_VALID_AFTER_END_MS } = await import("@/lib/booking/manage-token");
    const { POST: cancelPOST } = await import("@/app/api/public/bookings/[id]/cancel/route");
    const { org, staff } = await newOrganizationWithStaff(1);
    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "ROUND_ROBIN",
      memberIds: staff.map((s) => s.id),
      durationMinutes: 30,
    });
    const booking = await createBooking({
      slug: calendar.slug,
      start: slotDay + 15 * HOUR,
      timeZone: "UTC",
      customer: customer("manage-link"),
    });
    expect(await checkManageToken(booking.id, booking.manageToken)).toBe("valid");
    expect(booking.manageToken).toBe(await signManageToken(booking.id));

    // Not derived from AUTH_SECRET: the old derivation does not open a booking made now.
    const legacyKey = createHmac("sha256", process.env.AUTH_SECRET!).update("crm-calendar/manage-link/v1").digest();
    const legacy = createHmac("sha256", legacyKey).update(`manage:${booking.id}`).digest("base64url");
    expect(legacy).not.toBe(booking.manageToken);
    expect(await checkManageToken(booking.id, legacy)).toBe("invalid");
    // … but does for one made before the key existed (links already in customers' inboxes).
    const secret = await db.appSecret.findUniqueOrThrow({ where: { name: "manage-link" } });
    await db.appointment.update({ where: { id: booking.id }, data: { createdAt: new Date(secret.createdAt.getTime() - 60_000) } });
    expect(await checkManageToken(booking.id, legacy)).toBe("valid");

    // A wrong token, a token of another booking, or an unknown booking: invalid alike.
    expect(await checkManageToken(booking.id, "x".repeat(43))).toBe("invalid");
    expect(await checkManageToken(`nope-${uniqueSuffix()}`, booking.manageToken)).toBe("invalid");

    // Expiry: a right token, 30 days after the end.
    const end = slotDay + 15 * HOUR + 30 * 60_000;
    expect(await checkManageToken(booking.id, booking.manageToken, end + MANAGE_LINK_VALID_AFTER_END_MS - 1)).toBe("valid");
    expect(await checkManageToken(booking.id, booking.manageToken, end + MANAGE_LINK_VALID_AFTER_END_MS + 1)).toBe("expired");
    await db.appointment.update({
      where: { id: booking.id },
      data: { startsAt: new Date(Date.now() - 40 * DAY), endsAt: new Date(Date.now() - 40 * DAY + 30 * 60_000) },
    });
    const res = await cancelPOST(
      new Request(`http://crm.test/api/public/bookings/${booking.id}/cancel`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.77" },
        body: JSON.stringify({ token: booking.manageToken }),
      }),
      { params: Promise.resolve({ id: booking.id }) },
    );
    expect(res.status).toBe(410);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "GONE",
      message: expect.stringContaining("expired"),
    });
    expect((await db.appointment.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("CONFIRMED");
  });
});
