// Admin > Team: roles, deactivation and reactivation, and a deactivated member's future
// appointments (lib/team/members.ts), against the real PostgreSQL. Times are real (the booking
// rules use the clock), on a Wednesday at least a week ahead.
import { describe, expect, it } from "vitest";
import { zonedTimeToInstant } from "@/lib/availability";
import { verifyCredentials } from "@/lib/auth/credentials";
import type { Actor } from "@/lib/auth/session";
import { createBooking } from "@/lib/booking/create";
import { findSlots } from "@/lib/booking/slots";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import {
  changeRole,
  deactivateMember,
  listFutureAppointments,
  reactivateMember,
  reassignAppointment,
  cancelMemberAppointment,
} from "@/lib/team/members";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser } from "../support/factories";

type User = Awaited<ReturnType<typeof createUser>>;
const actorOf = (u: User): Actor => ({ userId: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email });

const ZONE = "Europe/Berlin";
const DATE = (() => {
  const d = new Date(Date.now() + 7 * 86_400_000);
  while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
})();
const at = (hour: number) => zonedTimeToInstant(DATE, hour * 60, ZONE);

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (error) {
    if (isAppError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
}

async function team() {
  const org = await createOrganization();
  const admin = await createUser({ organizationId: org.id, role: "ADMIN", name: "Ada Admin", password: "admin password" });
  const [erin, finn, gus] = await Promise.all(
    ["Erin", "Finn", "Gus"].map(async (name) =>
      withWorkingHours(await createUser({ organizationId: org.id, name, password: `${name} password` })),
    ),
  );
  const calendar = await createBookingCalendar({
    organizationId: org.id,
    type: "ROUND_ROBIN",
    memberIds: [erin!.id, finn!.id, gus!.id],
    priorities: [9, 5, 1],
  });
  return { org, admin, erin: erin!, finn: finn!, gus: gus!, calendar };
}

describe("roles", () => {
  it("an admin changes a member's role, which ends the member's sessions; the last active admin can't be demoted", async () => {
    const { admin, erin } = await team();
    expect(await outcome(changeRole({ actor: actorOf(admin), userId: admin.id, role: "STAFF" }))).toBe(
      "CONFLICT: Ada Admin is the last active admin, so they can't be demoted. Make someone else an admin first.",
    );
    expect(await changeRole({ actor: actorOf(admin), userId: erin.id, role: "ADMIN" })).toEqual({ changed: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: erin.id } })).toMatchObject({ role: "ADMIN", sessionVersion: 1 });
    expect(await changeRole({ actor: actorOf(admin), userId: erin.id, role: "ADMIN" })).toEqual({ changed: false });
    // Now there is another admin: the first one may step down.
    expect(await changeRole({ actor: actorOf(admin), userId: admin.id, role: "STAFF" })).toEqual({ changed: true });
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: "STAFF", sessionVersion: 1 });
  });

  it("a deactivated admin doesn't count as the other active admin", async () => {
    const { admin, erin } = await team();
    await changeRole({ actor: actorOf(admin), userId: erin.id, role: "ADMIN" });
    await deactivateMember({ actor: actorOf(admin), userId: erin.id, removeEvents: false });
    expect(await outcome(changeRole({ actor: actorOf(admin), userId: admin.id, role: "STAFF" }))).toMatch(
      /^CONFLICT: Ada Admin is the last active admin/,
    );
    const erinAsAdmin = { ...actorOf(erin), role: "ADMIN" as const };
    expect(await outcome(deactivateMember({ actor: erinAsAdmin, userId: admin.id, removeEvents: false }))).toMatch(
      /^CONFLICT: Ada Admin is the last active admin, so they can't be deactivated/,
    );
  });
});

describe("deactivate and reactivate", () => {
  it("signs the member out, refuses their sign-in, deletes their iCloud credentials and offers them nowhere; reactivating restores sign-in only", async () => {
    const { admin, erin, finn, gus, calendar } = await team();
    const connection = await db.calendarConnection.create({
      data: {
        organizationId: erin.organizationId,
        userId: erin.id,
        appleId: "erin@icloud.example",
        passwordKeyId: "k1",
        passwordCiphertext: Buffer.from("not really encrypted"),
        serverUrl: "https://caldav.icloud.com",
        principalUrl: "https://caldav.icloud.com/1/principal/",
        homeUrl: "https://caldav.icloud.com/1/calendars/",
      },
    });
    const slotsBefore = await findSlots(db, { calendar, range: { start: at(10), end: at(10) + 1 }, now: Date.now() });
    expect(slotsBefore[0]!.staffIds.sort()).toEqual([erin.id, finn.id, gus.id].sort());

    expect(await outcome(deactivateMember({ actor: actorOf(admin), userId: admin.id, removeEvents: false }))).toBe(
      "CONFLICT: You can't deactivate yourself. Ask another admin.",
    );
    await deactivateMember({ actor: actorOf(admin), userId: erin.id, removeEvents: true });

    const stored = await db.user.findUniqueOrThrow({ where: { id: erin.id } });
    expect(stored.deactivatedAt).not.toBeNull();
    expect(stored.sessionVersion).toBe(1);
    expect(await verifyCredentials({ email: erin.email, password: "Erin password" })).toBeNull();
    // No CRM events in iCloud to remove: the password is deleted at once.
    expect(await db.calendarConnection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({
      status: "DISCONNECTED",
      passwordCiphertext: null,
      passwordKeyId: null,
      removeEventsOnDisconnect: true,
    });
    const slotsAfter = await findSlots(db, { calendar, range: { start: at(10), end: at(10) + 1 }, now: Date.now() });
    expect(slotsAfter[0]!.staffIds.sort()).toEqual([finn.id, gus.id].sort());
    // Still a member of the calendar: reactivating puts them back.
    expect(await db.bookingCalendarMember.count({ where: { userId: erin.id } })).toBe(1);

    await reactivateMember({ actor: actorOf(admin), userId: erin.id });
    expect(await verifyCredentials({ email: erin.email, password: "Erin password" })).toMatchObject({ id: erin.id, sessionVersion: 1 });
    expect(await db.calendarConnection.findUniqueOrThrow({ where: { id: connection.id } })).toMatchObject({
      status: "DISCONNECTED",
      passwordCiphertext: null,
    });
    const slotsBack = await findSlots(db, { calendar, range: { start: at(10), end: at(10) + 1 }, now: Date.now() });
    expect(slotsBack[0]!.staffIds).toContain(erin.id);
  });

  it("refuses staff and other organizations' admins", async () => {
    const { erin, finn } = await team();
    const foreign = await createUser({ organizationId: (await createOrganization()).id, role: "ADMIN" });
    expect(await outcome(deactivateMember({ actor: actorOf(finn), userId: erin.id, removeEvents: false }))).toBe(
      "FORBIDDEN: Only administrators can manage the team.",
    );
    expect(await outcome(deactivateMember({ actor: actorOf(foreign), userId: erin.id, removeEvents: false }))).toBe(
      "NOT_FOUND: That team member does not exist.",
    );
    expect(await outcome(changeRole({ actor: actorOf(foreign), userId: erin.id, role: "ADMIN" }))).toBe(
      "NOT_FOUND: That team member does not exist.",
    );
    expect(await outcome(reactivateMember({ actor: actorOf(finn), userId: erin.id }))).toBe(
      "FORBIDDEN: Only administrators can manage the team.",
    );
  });
});

describe("a deactivated member's future appointments", () => {
  it("lists them with who is free, reassigns one to a free member (push jobs, emails) and cancels another; past ones stay", async () => {
    const { admin, erin, finn, gus, calendar } = await team();
    const tenCustomer = customer();
    const ten = await createBooking({ slug: calendar.slug, start: at(10), timeZone: ZONE, customer: tenCustomer });
    const eleven = await createBooking({ slug: calendar.slug, start: at(11), timeZone: ZONE, customer: customer() });
    expect(ten.staff.map((s) => s.id)).toEqual([erin.id]);
    expect(eleven.staff.map((s) => s.id)).toEqual([erin.id]);
    // Finn is busy at 10 with a booking on another calendar.
    const other = await createBookingCalendar({ organizationId: erin.organizationId, type: "ROUND_ROBIN", memberIds: [finn.id] });
    await createBooking({ slug: other.slug, start: at(10), timeZone: ZONE, customer: customer() });
    // A past appointment of Erin's (written directly: bookings can't be made in the past).
    const past = await db.appointment.create({
      data: {
        organizationId: erin.organizationId,
        bookingCalendarId: calendar.id,
        contactId: (
          await db.contact.create({
            data: { organizationId: erin.organizationId, name: "Past Customer", email: `past-${erin.id}@example.test` },
          })
        ).id,
        startsAt: new Date(Date.now() - 86_400_000),
        endsAt: new Date(Date.now() - 86_400_000 + 1_800_000),
        customerTimeZone: ZONE,
        holds: {
          create: {
            organizationId: erin.organizationId,
            userId: erin.id,
            bookingCalendarId: calendar.id,
            startsAt: new Date(Date.now() - 86_400_000),
            endsAt: new Date(Date.now() - 86_400_000 + 1_800_000),
          },
        },
      },
    });

    await deactivateMember({ actor: actorOf(admin), userId: erin.id, removeEvents: false });
    const future = await listFutureAppointments({ actor: actorOf(admin), userId: erin.id });
    expect(future.map((a) => a.id)).toEqual([ten.id, eleven.id]);
    expect(future[0]!.freeMembers.map((m) => m.name)).toEqual(["Gus"]);
    expect(future[1]!.freeMembers.map((m) => m.name)).toEqual(["Finn", "Gus"]);

    expect(
      await outcome(reassignAppointment({ actor: actorOf(admin), appointmentId: ten.id, fromUserId: erin.id, toUserId: finn.id })),
    ).toBe("CONFLICT: Finn is not free at that time. Choose someone else.");
    expect(
      await outcome(reassignAppointment({ actor: actorOf(admin), appointmentId: ten.id, fromUserId: erin.id, toUserId: erin.id })),
    ).toBe("NOT_FOUND: That team member does not exist or is deactivated.");
    expect(await outcome(reassignAppointment({ actor: actorOf(finn), appointmentId: ten.id, fromUserId: erin.id, toUserId: gus.id }))).toBe(
      "FORBIDDEN: Only administrators can manage the team.",
    );

    await reassignAppointment({ actor: actorOf(admin), appointmentId: ten.id, fromUserId: erin.id, toUserId: gus.id });
    const holds = await db.staffHold.findMany({ where: { appointmentId: ten.id }, orderBy: { createdAt: "asc" } });
    expect(holds.map((h) => [h.userId, h.active])).toEqual([
      [erin.id, false],
      [gus.id, true],
    ]);
    const keys = [erin.id, gus.id].map((userId) => `push_appointment:${ten.id}:${userId}`);
    const jobs = await db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker._private_jobs WHERE key = ANY(${keys})`;
    expect(jobs.map((j) => j.key).sort()).toEqual(keys.sort());
    const moved = await db.appointment.findUniqueOrThrow({ where: { id: ten.id } });
    expect(moved).toMatchObject({ status: "CONFIRMED", sequence: 1, startsAt: new Date(at(10)) });
    const emails = await db.emailMessage.findMany({ where: { appointmentId: ten.id }, orderBy: { createdAt: "asc" } });
    const change = emails.filter((e) => (e.data as { sequence: number }).sequence === 1);
    expect(change.map((e) => [e.kind, e.toEmail]).sort()).toEqual(
      [
        ["booking_rescheduled", tenCustomer.email],
        ["staff_new_booking", gus.email],
      ].sort(),
    );
    expect(change.find((e) => e.kind === "booking_rescheduled")!.data).toMatchObject({ staffNames: ["Gus"], previousStaffNames: ["Erin"] });
    const { renderEmail } = await import("@/lib/email/render");
    const rendered = await renderEmail(change.find((e) => e.kind === "booking_rescheduled")!.data as never);
    expect(rendered.subject).toMatch(/^Updated: .*, now with Gus$/);
    expect(rendered.text).toContain("is now with Gus instead of Erin. The time is unchanged.");
    // Gus's time is taken now: the exclusion constraint and the re-check both see it.
    expect(
      await outcome(reassignAppointment({ actor: actorOf(admin), appointmentId: eleven.id, fromUserId: erin.id, toUserId: erin.id })),
    ).toMatch(/^NOT_FOUND/);

    await cancelMemberAppointment({ actor: actorOf(admin), appointmentId: eleven.id });
    expect(await db.appointment.findUniqueOrThrow({ where: { id: eleven.id } })).toMatchObject({ status: "CANCELLED" });
    expect(await db.emailMessage.count({ where: { appointmentId: eleven.id, kind: "booking_cancelled" } })).toBe(1);

    expect(await listFutureAppointments({ actor: actorOf(admin), userId: erin.id })).toEqual([]);
    // Nothing about the past appointment changed.
    expect(await db.appointment.findUniqueOrThrow({ where: { id: past.id }, include: { holds: true } })).toMatchObject({
      status: "CONFIRMED",
      holds: [{ userId: erin.id, active: true }],
    });
  });
});
