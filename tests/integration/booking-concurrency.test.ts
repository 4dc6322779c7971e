import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { cancelAppointment } from "@/lib/booking/cancel";
import { createBooking } from "@/lib/booking/create";
import { rescheduleAppointment } from "@/lib/booking/reschedule";
import { isAppError } from "@/lib/errors";
import { createBookingCalendar, customer, newOrganizationWithStaff } from "../support/booking-factories";

// Monday 2027-03-01 12:00 UTC; Wednesday 2027-03-03 10:00 in Berlin is 09:00 UTC.
const NOW = Date.parse("2027-03-01T12:00:00Z");
const WEDNESDAY_10 = Date.parse("2027-03-03T09:00:00Z");

async function outcomes(promises: Promise<unknown>[]) {
  const settled = await Promise.allSettled(promises);
  const ok = settled.filter((s) => s.status === "fulfilled").length;
  const conflicts = settled.filter((s) => s.status === "rejected" && isAppError(s.reason) && s.reason.code === "CONFLICT").length;
  const other = settled.filter((s) => s.status === "rejected" && !(isAppError(s.reason) && s.reason.code === "CONFLICT"));
  return { ok, conflicts, other: other.map((o) => (o as PromiseRejectedResult).reason) };
}

async function overlappingHolds(organizationId: string): Promise<number> {
  const rows = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "StaffHold" a JOIN "StaffHold" b
      ON a."userId" = b."userId" AND a.id < b.id AND a.active AND b.active
     AND a."startsAt" < b."endsAt" AND b."startsAt" < a."endsAt"
    WHERE a."organizationId" = ${organizationId}`;
  return Number(rows[0]!.n);
}

describe("booking under concurrency", () => {
  it("50 concurrent requests for one slot with one member: exactly one booking", async () => {
    const { org, staff } = await newOrganizationWithStaff(1);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: [staff[0]!.id] });
    const results = await outcomes(
      Array.from({ length: 50 }, (_, i) =>
        createBooking({ slug: calendar.slug, start: WEDNESDAY_10, timeZone: "Europe/Berlin", customer: customer(i), now: NOW }),
      ),
    );
    expect(results.other).toEqual([]);
    expect(results).toMatchObject({ ok: 1, conflicts: 49 });
    expect(await db.appointment.count({ where: { bookingCalendarId: calendar.id, status: "CONFIRMED" } })).toBe(1);
    expect(await overlappingHolds(org.id)).toBe(0);
  });

  it("round robin falls through to the next free member before answering 409", async () => {
    const { org, staff } = await newOrganizationWithStaff(3);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: staff.map((s) => s.id) });
    const results = await outcomes(
      Array.from({ length: 12 }, (_, i) =>
        createBooking({ slug: calendar.slug, start: WEDNESDAY_10, timeZone: "Europe/Berlin", customer: customer(i), now: NOW }),
      ),
    );
    expect(results.other).toEqual([]);
    expect(results).toMatchObject({ ok: 3, conflicts: 9 });
    const assigned = await db.staffHold.findMany({ where: { bookingCalendarId: calendar.id, active: true }, select: { userId: true } });
    expect(new Set(assigned.map((a) => a.userId))).toEqual(new Set(staff.map((s) => s.id)));
    expect(await overlappingHolds(org.id)).toBe(0);
  });

  it("a collective booking takes every member, and no one twice", async () => {
    const { org, staff } = await newOrganizationWithStaff(3);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "COLLECTIVE", memberIds: staff.map((s) => s.id) });
    const results = await outcomes(
      Array.from({ length: 20 }, (_, i) =>
        createBooking({ slug: calendar.slug, start: WEDNESDAY_10, timeZone: "Europe/Berlin", customer: customer(i), now: NOW }),
      ),
    );
    expect(results.other).toEqual([]);
    expect(results).toMatchObject({ ok: 1, conflicts: 19 });
    const holds = await db.staffHold.findMany({ where: { bookingCalendarId: calendar.id, active: true } });
    expect(holds.map((h) => h.userId).sort()).toEqual(staff.map((s) => s.id).sort());
  });

  it("never sells more class seats than the capacity", async () => {
    const { org, staff } = await newOrganizationWithStaff(1);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "CLASS", memberIds: [staff[0]!.id] });
    await db.classSession.create({
      data: {
        organizationId: org.id,
        bookingCalendarId: calendar.id,
        instructorId: staff[0]!.id,
        title: "Class",
        startsAt: new Date(WEDNESDAY_10),
        durationMinutes: 60,
        capacity: 4,
      },
    });
    const results = await outcomes(
      Array.from({ length: 25 }, (_, i) =>
        createBooking({ slug: calendar.slug, start: WEDNESDAY_10, timeZone: "Europe/Berlin", customer: customer(i), now: NOW }),
      ),
    );
    expect(results.other).toEqual([]);
    expect(results).toMatchObject({ ok: 4, conflicts: 21 });
    const occurrence = await db.classOccurrence.findFirstOrThrow({ where: { session: { bookingCalendarId: calendar.id } } });
    expect(occurrence.seatsTaken).toBe(4);
    expect(await db.appointment.count({ where: { bookingCalendarId: calendar.id, status: "CONFIRMED" } })).toBe(4);
  });

  it("a retried request with the same Idempotency-Key returns the same booking, even concurrently", async () => {
    const { org, staff } = await newOrganizationWithStaff(2);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: staff.map((s) => s.id) });
    const request = {
      slug: calendar.slug,
      start: WEDNESDAY_10,
      timeZone: "Europe/Berlin",
      customer: customer("same"),
      now: NOW,
      idempotencyKey: "retry-1",
    };
    const results = await Promise.all([createBooking(request), createBooking(request), createBooking(request)]);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const again = await createBooking(request);
    expect(again.id).toBe(results[0]!.id);
    expect(await db.appointment.count({ where: { bookingCalendarId: calendar.id } })).toBe(1);
  });

  it("the database itself refuses two overlapping active holds of one member, and class overselling", async () => {
    const { org, staff } = await newOrganizationWithStaff(1);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: [staff[0]!.id] });
    const hold = (start: string, end: string, active = true) =>
      db.staffHold.create({
        data: {
          organizationId: org.id,
          userId: staff[0]!.id,
          bookingCalendarId: calendar.id,
          startsAt: new Date(start),
          endsAt: new Date(end),
          active,
        },
      });
    await hold("2027-03-03T09:00:00Z", "2027-03-03T10:00:00Z");
    await expect(hold("2027-03-03T09:30:00Z", "2027-03-03T10:30:00Z")).rejects.toThrow();
    await hold("2027-03-03T10:00:00Z", "2027-03-03T11:00:00Z"); // touching is not overlapping
    await hold("2027-03-03T09:15:00Z", "2027-03-03T09:45:00Z", false); // inactive (cancelled) holds don't count
    const session = await db.classSession.create({
      data: {
        organizationId: org.id,
        bookingCalendarId: calendar.id,
        instructorId: staff[0]!.id,
        title: "C",
        startsAt: new Date(WEDNESDAY_10),
        durationMinutes: 60,
        capacity: 1,
      },
    });
    const occurrence = await db.classOccurrence.create({
      data: {
        organizationId: org.id,
        sessionId: session.id,
        startsAt: new Date(WEDNESDAY_10),
        endsAt: new Date(WEDNESDAY_10 + 3_600_000),
        capacity: 1,
        seatsTaken: 1,
      },
    });
    await expect(db.$executeRaw`UPDATE "ClassOccurrence" SET "seatsTaken" = 2 WHERE id = ${occurrence.id}`).rejects.toThrow();
  });

  it("a double-clicked cancel gives one class seat back once", async () => {
    const { org, staff } = await newOrganizationWithStaff(1);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "CLASS", memberIds: [staff[0]!.id] });
    await db.classSession.create({
      data: {
        organizationId: org.id,
        bookingCalendarId: calendar.id,
        instructorId: staff[0]!.id,
        title: "Class",
        startsAt: new Date(WEDNESDAY_10),
        durationMinutes: 60,
        capacity: 3,
      },
    });
    const seats: { id: string }[] = [];
    for (let i = 0; i < 3; i++)
      seats.push(
        await createBooking({ slug: calendar.slug, start: WEDNESDAY_10, timeZone: "Europe/Berlin", customer: customer(i), now: NOW }),
      );
    await Promise.all(Array.from({ length: 5 }, () => cancelAppointment({ appointmentId: seats[0]!.id, now: NOW })));
    const occurrence = await db.classOccurrence.findFirstOrThrow({
      where: { session: { bookingCalendarId: calendar.id } },
      include: { holds: true },
    });
    expect(occurrence.seatsTaken).toBe(2);
    expect(occurrence.holds.map((h) => h.active)).toEqual([true]);
  });

  it("a reschedule racing a cancel never leaves a cancelled appointment holding time", async () => {
    const { org, staff } = await newOrganizationWithStaff(1);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: [staff[0]!.id] });
    for (let round = 0; round < 5; round++) {
      const booking = await createBooking({
        slug: calendar.slug,
        start: WEDNESDAY_10 + round * 7 * 86_400_000,
        timeZone: "Europe/Berlin",
        customer: customer(round),
        now: NOW,
      });
      await Promise.allSettled([
        rescheduleAppointment({ appointmentId: booking.id, start: booking.start + 3_600_000, now: NOW }),
        cancelAppointment({ appointmentId: booking.id, now: NOW }),
      ]);
      const after = await db.appointment.findUniqueOrThrow({ where: { id: booking.id }, include: { holds: true } });
      if (after.status === "CANCELLED") expect(after.holds.filter((h) => h.active)).toEqual([]);
      else expect(after.holds.filter((h) => h.active)).toHaveLength(1);
    }
  });
});
