// Notification emails end to end against a real SMTP server: queued in the transaction of the
// change, sent by the email job, read back and their .ics parsed independently with ical.js.
import ICAL from "ical.js";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { ReceivedMail } from "../support/smtp-server";

// lib/env reads SMTP_URL when first imported: the server must be up before any app module loads.
const smtp = await vi.hoisted(async () => {
  const { startSmtpServer } = await import("../support/smtp-server");
  const server = await startSmtpServer({
    decide: ({ messageId }) => (refusals.get(messageId) ? { ...refusals.get(messageId)! } : "accept"),
  });
  process.env.SMTP_URL = server.url;
  return server;
});
const refusals = new Map<string, { code: number; message: string }>();

import { POST as bookingsPOST } from "@/app/api/public/calendars/[slug]/bookings/route";
import { cancelAsCustomer, rescheduleAsCustomer } from "@/lib/booking/customer";
import { checkManageToken } from "@/lib/booking/manage-token";
import { rescheduleAppointmentAsStaff } from "@/lib/booking/staff";
import { markConnectionNeedsReauth } from "@/lib/connections/health";
import { db } from "@/lib/db";
import { queueAppointmentNotifications } from "@/lib/booking/notifications";
import { queueDueReminder, reminderJobKey } from "@/lib/booking/reminders";
import { sendEmail } from "@/lib/email/send";
import { createBookingCalendar, newOrganizationWithStaff } from "../support/booking-factories";
import { uniqueSuffix } from "../support/factories";

afterAll(() => smtp.close());

const DAY = 86_400_000;
// Ten days ahead, 10:00 Berlin: outside every reminder window, inside the booking window.
const START = (() => {
  const d = new Date(Date.now() + 10 * DAY);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return zoned(d.toISOString().slice(0, 10), "10:00");
})();
function zoned(date: string, time: string): number {
  // Berlin is +01:00 or +02:00; pick the one that reads back as the wanted wall time.
  for (const offset of ["+01:00", "+02:00"]) {
    const t = Date.parse(`${date}T${time}:00${offset}`);
    const wall = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Berlin",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(t);
    if (wall === time) return t;
  }
  throw new Error("no such wall time");
}

async function setup(options: { reminderMinutes?: number | null } = {}) {
  const { org, staff } = await newOrganizationWithStaff(1);
  const cal = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: staff.map((s) => s.id) });
  if (options.reminderMinutes !== undefined)
    await db.bookingCalendar.update({ where: { id: cal.id }, data: { reminderMinutes: options.reminderMinutes } });
  return { org, member: staff[0]!, cal };
}

async function book(slug: string, start: number, email = `ada-${uniqueSuffix()}@example.test`) {
  const res = await bookingsPOST(
    new Request(`http://crm.test/api/public/calendars/${slug}/bookings`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": `198.19.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
      },
      body: JSON.stringify({ start: new Date(start).toISOString(), timeZone: "America/New_York", name: "Ada <b>Customer</b>", email }),
    }),
    { params: Promise.resolve({ slug }) },
  );
  expect(res.status).toBe(201);
  return { booking: (await res.json()) as { id: string; manageToken: string }, email };
}

/** Runs the send job for every email still waiting for this appointment (as the worker would). */
async function deliver(where: { appointmentId?: string; userId?: string }) {
  const pending = await db.emailMessage.findMany({ where: { ...where, status: "PENDING" } });
  for (const m of pending) await sendEmail(m.id);
  return pending.length;
}

function icsOf(mail: ReceivedMail) {
  const part = mail.parsed.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  if (!part) throw new Error("no calendar attachment");
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString("utf8")));
  const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
  return {
    method: calendar.getFirstPropertyValue("method"),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().getTime(),
    status: event.component.getFirstPropertyValue("status"),
  };
}

describe("customer and staff emails", () => {
  it("a booking sends exactly one confirmation with a matching .ics and a working manage link, and one notice to the member", async () => {
    const { member, cal } = await setup();
    const { booking, email } = await book(cal.slug, START);
    expect(await deliver({ appointmentId: booking.id })).toBe(2);
    // A second run of the jobs sends nothing more.
    expect(await deliver({ appointmentId: booking.id })).toBe(0);

    const [confirmation, ...others] = smtp.to(email);
    expect(others).toHaveLength(0);
    expect(confirmation!.parsed.subject).toMatch(/^Confirmed: /);
    // Shown in the customer's chosen zone, with the organization and the member named.
    expect(confirmation!.parsed.text).toContain("America/New_York");
    expect(confirmation!.parsed.text).toContain(member.name);
    // User-provided text is escaped in the HTML.
    expect(confirmation!.parsed.html).toContain("Ada &lt;b&gt;Customer&lt;/b&gt;");
    const ics = icsOf(confirmation!);
    expect(ics).toMatchObject({ method: "REQUEST", uid: `booking-${booking.id}@crm-calendar`, sequence: 0, start: START });
    const link = /https?:\/\/\S+\/booking\/(\w+)\?token=([\w-]+)/.exec(confirmation!.parsed.text ?? "");
    expect(link?.[1]).toBe(booking.id);
    expect(await checkManageToken(booking.id, decodeURIComponent(link![2]!))).toBe("valid");

    const notice = smtp.to(member.email);
    expect(notice).toHaveLength(1);
    expect(notice[0]!.parsed.subject).toMatch(/^New booking: /);
    expect(notice[0]!.parsed.text).toContain(member.timeZone);
  });

  it("a reschedule tells the new and old time under the same UID with a higher SEQUENCE; a cancellation sends one CANCEL", async () => {
    const { member, cal } = await setup();
    const { booking, email } = await book(cal.slug, START);
    await deliver({ appointmentId: booking.id });
    await rescheduleAsCustomer(booking.id, booking.manageToken, START + 60 * 60_000);
    await deliver({ appointmentId: booking.id });
    const moved = smtp.to(email).find((m) => m.parsed.subject?.startsWith("Moved"))!;
    expect(icsOf(moved)).toMatchObject({
      method: "REQUEST",
      uid: `booking-${booking.id}@crm-calendar`,
      sequence: 1,
      start: START + 60 * 60_000,
    });
    expect(moved.parsed.text).toMatch(/Was/);
    expect(smtp.to(member.email).filter((m) => m.parsed.subject?.startsWith("Moved"))).toHaveLength(1);

    await cancelAsCustomer(booking.id, booking.manageToken);
    await cancelAsCustomer(booking.id, booking.manageToken); // twice is one cancellation
    await deliver({ appointmentId: booking.id });
    const cancelled = smtp.to(email).filter((m) => m.parsed.subject?.startsWith("Cancelled"));
    expect(cancelled).toHaveLength(1);
    expect(icsOf(cancelled[0]!)).toMatchObject({
      method: "CANCEL",
      uid: `booking-${booking.id}@crm-calendar`,
      sequence: 2,
      status: "CANCELLED",
    });
    expect(cancelled[0]!.parsed.text).toContain("at the customer's request");
    expect(smtp.to(email)).toHaveLength(3);
    expect(smtp.to(member.email).filter((m) => m.parsed.subject?.startsWith("Cancelled"))).toHaveLength(1);
  });

  it("a member who moves an appointment gets no notice of their own change, and a member who turned notices off gets none", async () => {
    const { org, member, cal } = await setup();
    const { booking, email } = await book(cal.slug, START);
    await rescheduleAppointmentAsStaff({
      actor: { userId: member.id, organizationId: org.id, role: "STAFF" } as never,
      appointmentId: booking.id,
      start: START + 30 * 60_000,
    });
    await db.user.update({ where: { id: member.id }, data: { emailOnCancel: false } });
    await cancelAsCustomer(booking.id, booking.manageToken);
    await deliver({ appointmentId: booking.id });
    expect(smtp.to(member.email).map((m) => m.parsed.subject?.split(":")[0])).toEqual(["New booking"]);
    expect(
      smtp
        .to(email)
        .map((m) => m.parsed.subject?.split(":")[0])
        .sort(),
    ).toEqual(["Cancelled", "Confirmed", "Moved"]);
  });

  it("queuing the same change twice records one email (the idempotency key holds the version)", async () => {
    const { member, cal } = await setup();
    const { booking } = await book(cal.slug, START);
    await db.$transaction((tx) =>
      queueAppointmentNotifications(tx, { appointmentId: booking.id, change: { event: "booked" }, staffIds: [member.id] }),
    );
    expect(await db.emailMessage.count({ where: { appointmentId: booking.id } })).toBe(2);
  });
});

describe("delivery outcomes", () => {
  it("an SMTP 4xx keeps the message waiting for a retry; a 5xx records it as failed with the reason", async () => {
    const { cal } = await setup();
    const { booking, email } = await book(cal.slug, START);
    const message = await db.emailMessage.findFirstOrThrow({ where: { appointmentId: booking.id, toEmail: email } });
    refusals.set(message.messageId, { code: 451, message: "Try again later" });
    expect(await sendEmail(message.id)).toEqual({ done: false, attempt: 1 });
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: "PENDING",
      attempts: 1,
      lastError: expect.stringContaining("451"),
    });
    refusals.set(message.messageId, { code: 550, message: "No such mailbox" });
    expect(await sendEmail(message.id)).toEqual({ done: true });
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: "FAILED",
      attempts: 2,
      lastError: expect.stringContaining("550"),
    });
    expect(smtp.to(email)).toHaveLength(0);
  });
});

describe("reminders", () => {
  const reminderJob = async (appointmentId: string) =>
    (
      await db.$queryRaw<
        { run_at: Date; payload: { sequence: number } }[]
      >`SELECT run_at, payload FROM graphile_worker._private_jobs WHERE key = ${reminderJobKey(appointmentId)}`
    )[0];

  it("is scheduled 24 hours before, follows a reschedule, is dropped by a cancellation, and a stale job sends nothing", async () => {
    const { cal } = await setup();
    const { booking, email } = await book(cal.slug, START);
    expect((await reminderJob(booking.id))?.run_at.getTime()).toBe(START - DAY);
    await rescheduleAsCustomer(booking.id, booking.manageToken, START + 2 * 60 * 60_000);
    const moved = await reminderJob(booking.id);
    expect(moved?.run_at.getTime()).toBe(START + 2 * 60 * 60_000 - DAY);
    expect(moved?.payload.sequence).toBe(1);
    // The job scheduled for the old time (sequence 0) sends nothing; the current one sends once.
    expect(await queueDueReminder({ appointmentId: booking.id, sequence: 0 })).toBe(false);
    expect(await queueDueReminder({ appointmentId: booking.id, sequence: 1 })).toBe(true);
    expect(await queueDueReminder({ appointmentId: booking.id, sequence: 1 })).toBe(false);
    await deliver({ appointmentId: booking.id });
    const reminder = smtp.to(email).filter((m) => m.parsed.subject?.startsWith("Reminder"));
    expect(reminder).toHaveLength(1);
    expect(reminder[0]!.parsed.text).toContain("in 24 hours");

    await cancelAsCustomer(booking.id, booking.manageToken);
    expect(await reminderJob(booking.id)).toBeUndefined();
    expect(await queueDueReminder({ appointmentId: booking.id, sequence: 2 })).toBe(false);
  });

  it("none for a booking made inside the reminder window, or when the calendar's reminder is off; 1 hour when set so", async () => {
    const soon = await setup();
    const { booking: inside } = await book(soon.cal.slug, START);
    // Booked with a 24 h reminder but starting within 24 h: simulate by moving the clock of the check.
    await db.$transaction((tx) =>
      queueAppointmentNotifications(tx, { appointmentId: inside.id, change: { event: "booked" }, staffIds: [], now: START - 60 * 60_000 }),
    );
    expect(await reminderJob(inside.id)).toBeUndefined();

    const off = await setup({ reminderMinutes: null });
    const { booking: noReminder } = await book(off.cal.slug, START);
    expect(await reminderJob(noReminder.id)).toBeUndefined();

    const hour = await setup({ reminderMinutes: 60 });
    const { booking: hourly } = await book(hour.cal.slug, START);
    expect((await reminderJob(hourly.id))?.run_at.getTime()).toBe(START - 60 * 60_000);
  });
});

describe("reconnect email", () => {
  it("goes out once when a connection turns NEEDS_REAUTH, and again only after it was fixed and broke again", async () => {
    const { org, member } = await setup();
    const connection = await db.calendarConnection.create({
      data: {
        organizationId: org.id,
        userId: member.id,
        appleId: `apple-${uniqueSuffix()}@icloud.test`,
        serverUrl: "https://caldav.icloud.com",
        principalUrl: "/p/",
        homeUrl: "/h/",
      },
    });
    await markConnectionNeedsReauth({ connectionId: connection.id, reason: "revoked" });
    await markConnectionNeedsReauth({ connectionId: connection.id, reason: "revoked" });
    await deliver({ userId: member.id });
    const first = smtp.to(member.email).filter((m) => m.parsed.subject === "Reconnect your iCloud calendar");
    expect(first).toHaveLength(1);
    expect(first[0]!.parsed.text).toContain("/settings/profile/calendars");
    expect(first[0]!.parsed.text).toContain(connection.appleId);

    // Fixed (as a reconnect does), then revoked again: one more.
    await db.calendarConnection.update({ where: { id: connection.id }, data: { status: "ACTIVE", reauthEmailQueuedAt: null } });
    await markConnectionNeedsReauth({ connectionId: connection.id, reason: "revoked" });
    await deliver({ userId: member.id });
    expect(smtp.to(member.email).filter((m) => m.parsed.subject === "Reconnect your iCloud calendar")).toHaveLength(2);
  });
});
