// Who may see and manage appointments: lib/booking/staff.ts, and the server actions of
// /appointments called directly with a chosen session (next-auth's auth() mocked). Times are
// real (the actions use the clock), on a Wednesday at least a week ahead.
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as actions from "@/components/appointments/actions";
import { zonedTimeToInstant } from "@/lib/availability";
import type { Actor } from "@/lib/auth/session";
import { createBooking } from "@/lib/booking/create";
import * as staffDomain from "@/lib/booking/staff";
import { db } from "@/lib/db";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser } from "../support/factories";

const session = vi.hoisted(() => ({
  user: null as null | { id: string; organizationId: string; role: string; name: string; email: string },
}));
vi.mock("@/lib/auth/config", () => ({
  auth: async () => (session.user ? { user: { ...session.user }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
}));
const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath, revalidateTag: vi.fn() }));

type User = Awaited<ReturnType<typeof createUser>>;
const actorOf = (u: User): Actor => ({ userId: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email });
const signIn = (u: User | null) => {
  session.user = u && { id: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email };
};
beforeEach(() => {
  session.user = null;
  revalidatePath.mockClear();
});

const ZONE = "Europe/Berlin";
const DATE = (() => {
  const d = new Date(Date.now() + 7 * 86_400_000);
  while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
})();
const at = (hour: number) => zonedTimeToInstant(DATE, hour * 60, ZONE);

/** A and B (staff) and an admin in one organization, an admin of another; A has a booking and teaches a class seat, B has a booking. */
async function world() {
  const org = await createOrganization();
  const [a, b, c] = await Promise.all([0, 1, 2].map(async () => withWorkingHours(await createUser({ organizationId: org.id }))));
  const admin = await createUser({ organizationId: org.id, role: "ADMIN" });
  const foreignAdmin = await createUser({ organizationId: (await createOrganization()).id, role: "ADMIN" });
  const book = async (memberIds: string[], hour: number, type: "ROUND_ROBIN" | "CLASS" = "ROUND_ROBIN") => {
    const calendar = await createBookingCalendar({ organizationId: org.id, type, memberIds, priorities: memberIds.map((_, i) => 9 - i) });
    if (type === "CLASS") {
      await db.classSession.create({
        data: {
          organizationId: org.id,
          bookingCalendarId: calendar.id,
          instructorId: memberIds[0]!,
          title: "Pilates",
          startsAt: new Date(at(hour)),
          durationMinutes: 60,
          capacity: 4,
        },
      });
    }
    const details = { ...customer(), phone: "+49 30 1234567", notes: "Ring twice" };
    return createBooking({ slug: calendar.slug, start: at(hour), timeZone: ZONE, customer: details });
  };
  const ofA = await book([a!.id, c!.id], 10);
  const seat = await book([a!.id], 14, "CLASS");
  const ofB = await book([b!.id], 11);
  return { a: a!, b: b!, c: c!, admin, foreignAdmin, ofA, seat, ofB };
}

const ids = (list: { id: string }[]) => list.map((x) => x.id);
const range = () => ({ from: new Date(), to: new Date(Date.now() + 60 * 86_400_000) });

describe("lib/booking/staff.ts", () => {
  it("lists: staff see what they hold or teach, admins everyone's (or one member's), other organizations nothing", async () => {
    const w = await world();
    expect(ids(await staffDomain.listAppointments({ actor: actorOf(w.a), ...range() }))).toEqual([w.ofA.id, w.seat.id]);
    expect(ids(await staffDomain.listAppointments({ actor: actorOf(w.b), ...range() }))).toEqual([w.ofB.id]);
    expect(ids(await staffDomain.listAppointments({ actor: actorOf(w.admin), ...range() }))).toEqual([w.ofA.id, w.ofB.id, w.seat.id]);
    expect(ids(await staffDomain.listAppointments({ actor: actorOf(w.admin), ...range(), staffId: w.a.id }))).toEqual([
      w.ofA.id,
      w.seat.id,
    ]);
    expect(await staffDomain.listAppointments({ actor: actorOf(w.foreignAdmin), ...range() })).toEqual([]);
    await expect(staffDomain.listAppointments({ actor: actorOf(w.b), ...range(), staffId: w.a.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("details for the assigned member and admins; FORBIDDEN for a colleague, NOT_FOUND across organizations", async () => {
    const w = await world();
    const detail = await staffDomain.getAppointmentForStaff({ actor: actorOf(w.a), appointmentId: w.ofA.id });
    expect(detail).toMatchObject({
      status: "CONFIRMED",
      start: new Date(at(10)),
      notes: "Ring twice",
      contact: { phone: "+49 30 1234567" },
      calendar: { type: "ROUND_ROBIN" },
      staff: [{ id: w.a.id, name: w.a.name }],
      usesICloud: true,
    });
    await staffDomain.getAppointmentForStaff({ actor: actorOf(w.admin), appointmentId: w.ofA.id });
    await staffDomain.getAppointmentForStaff({ actor: actorOf(w.a), appointmentId: w.seat.id }); // A teaches the class
    await expect(staffDomain.getAppointmentForStaff({ actor: actorOf(w.b), appointmentId: w.ofA.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(staffDomain.getAppointmentForStaff({ actor: actorOf(w.b), appointmentId: w.seat.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(staffDomain.getAppointmentForStaff({ actor: actorOf(w.foreignAdmin), appointmentId: w.ofA.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("a colleague or another organization's admin can't cancel or reschedule; nothing changes", async () => {
    const w = await world();
    for (const [who, code] of [
      [w.b, "FORBIDDEN"],
      [w.foreignAdmin, "NOT_FOUND"],
    ] as const) {
      const actor = actorOf(who);
      await expect(staffDomain.cancelAppointmentAsStaff({ actor, appointmentId: w.ofA.id })).rejects.toMatchObject({ code });
      await expect(staffDomain.rescheduleAppointmentAsStaff({ actor, appointmentId: w.ofA.id, start: at(12) })).rejects.toMatchObject({
        code,
      });
      await expect(staffDomain.listRescheduleTimes({ actor, appointmentId: w.ofA.id, date: DATE })).rejects.toMatchObject({ code });
    }
    expect(await db.appointment.findUniqueOrThrow({ where: { id: w.ofA.id } })).toMatchObject({
      status: "CONFIRMED",
      startsAt: new Date(at(10)),
    });
  });

  it("the member reschedules and cancels; a reassigned appointment leaves their list, a cancelled one stays", async () => {
    const w = await world();
    const actor = actorOf(w.a);
    const { times } = await staffDomain.listRescheduleTimes({ actor, appointmentId: w.ofA.id, date: DATE });
    expect(times.map((t) => t.start)).toContain(at(12));
    expect(times.map((t) => t.start)).not.toContain(at(10)); // its own current time
    expect(times.find((t) => t.start === at(14))).toMatchObject({ keepsStaff: false }); // A teaches then
    expect((await staffDomain.rescheduleAppointmentAsStaff({ actor, appointmentId: w.ofA.id, start: at(12) })).start).toEqual(
      new Date(at(12)),
    );
    const handedOver = await staffDomain.rescheduleAppointmentAsStaff({ actor, appointmentId: w.ofA.id, start: at(14) });
    expect(handedOver.staff.map((s) => s.id)).toEqual([w.c.id]);
    expect(ids(await staffDomain.listAppointments({ actor, ...range() }))).toEqual([w.seat.id]);
    expect(ids(await staffDomain.listAppointments({ actor: actorOf(w.c), ...range() }))).toEqual([w.ofA.id]);

    // Cancelled after the handover: still C's (cancelled), never back on A's list.
    await staffDomain.cancelAppointmentAsStaff({ actor: actorOf(w.c), appointmentId: w.ofA.id });
    expect(await staffDomain.listAppointments({ actor: actorOf(w.c), ...range() })).toMatchObject([{ id: w.ofA.id, status: "CANCELLED" }]);
    expect(ids(await staffDomain.listAppointments({ actor, ...range() }))).toEqual([w.seat.id]);
    await expect(staffDomain.getAppointmentForStaff({ actor, appointmentId: w.ofA.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

/** A success redirects (Next's redirect is thrown with a digest naming the target). */
async function redirectOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT/) });
  return (error as { digest: string }).digest;
}

describe("server actions of /appointments", () => {
  const iso = (instant: number) => new Date(instant).toISOString();
  const calls = (appointmentId: string) => ({
    times: () => actions.rescheduleTimesAction(null, form({ appointmentId, date: DATE })),
    reschedule: () => actions.rescheduleAppointmentAction(null, form({ appointmentId, start: iso(at(12)) })),
    cancel: () => actions.cancelAppointmentAction(null, form({ appointmentId })),
  });

  it.each([
    ["anonymous", null, "UNAUTHENTICATED"],
    ["a colleague", "b", "FORBIDDEN"],
    ["another organization's admin", "foreignAdmin", "NOT_FOUND"],
  ] as const)("%s is refused by every action, nothing changes", async (_label, who, code) => {
    const w = await world();
    signIn(who ? w[who] : null);
    for (const call of Object.values(calls(w.ofA.id))) expect(await call()).toMatchObject({ ok: false, code });
    expect(await db.appointment.findUniqueOrThrow({ where: { id: w.ofA.id } })).toMatchObject({
      status: "CONFIRMED",
      startsAt: new Date(at(10)),
    });
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("the member finds free times and reschedules; an admin cancels", async () => {
    const w = await world();
    signIn(w.a);
    const found = await calls(w.ofA.id).times();
    expect(found).toMatchObject({ ok: true, date: DATE, timeZone: w.a.timeZone });
    const noon = (found as { times: actions.FreeTime[] }).times.find((t) => Date.parse(t.start) === at(12));
    expect(noon).toMatchObject({ label: "12:00", keepsStaff: true, start: expect.stringMatching(/T12:00:00\+0[12]:00$/) });
    const moved = await redirectOf(actions.rescheduleAppointmentAction(null, form({ appointmentId: w.ofA.id, start: noon!.start })));
    expect(moved).toContain(`/appointments/${w.ofA.id}?rescheduled=1`);
    expect((await db.appointment.findUniqueOrThrow({ where: { id: w.ofA.id } })).startsAt).toEqual(new Date(at(12)));
    // At 14:00 A teaches: the appointment goes to C, and A is sent back to the list (it's no longer A's).
    const handedOver = await redirectOf(actions.rescheduleAppointmentAction(null, form({ appointmentId: w.ofA.id, start: iso(at(14)) })));
    expect(handedOver).toContain("/appointments?handedOver=1");
    expect(await db.staffHold.findFirstOrThrow({ where: { appointmentId: w.ofA.id, active: true } })).toMatchObject({ userId: w.c.id });

    signIn(w.admin);
    expect(await redirectOf(calls(w.ofA.id).cancel())).toContain(`/appointments/${w.ofA.id}?cancelled=1`);
    expect((await db.appointment.findUniqueOrThrow({ where: { id: w.ofA.id } })).status).toBe("CANCELLED");
    expect(revalidatePath).toHaveBeenCalledWith("/appointments", "layout");
    // Cancelled: no more free times, and a reschedule is a conflict the form can show.
    expect(await calls(w.ofA.id).times()).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await calls(w.ofA.id).reschedule()).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("bad input comes back as field errors", async () => {
    const w = await world();
    signIn(w.a);
    const result = await actions.rescheduleTimesAction(null, form({ appointmentId: w.ofA.id, date: "next week" }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { date: ["Choose a date."] } });
    expect(await actions.rescheduleAppointmentAction(null, form({ appointmentId: w.ofA.id, start: "noon" }))).toMatchObject({
      ok: false,
      fieldErrors: { start: ["Choose one of the free times."] },
    });
  });
});
