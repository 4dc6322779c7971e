// The booking calendar's rules as the domain enforces them at booking time, against the real
// PostgreSQL: freed time, reassignment, push jobs per type, buffers, caps, services, notice.
import { describe, expect, it } from "vitest";
import { localDayInterval, zonedTimeToInstant } from "@/lib/availability";
import { cancelAppointment } from "@/lib/booking/cancel";
import { createBooking } from "@/lib/booking/create";
import { rescheduleAppointment } from "@/lib/booking/reschedule";
import { findSlots } from "@/lib/booking/slots";
import { db } from "@/lib/db";
import type { BookingCalendar, BookingCalendarType } from "@/lib/generated/prisma/client";
import { createBookingCalendar, customer, newOrganizationWithStaff } from "../support/booking-factories";

// Monday 2027-03-01 12:00 UTC (13:00 in Berlin); Wednesday 3 March is a working day for everyone.
const NOW = Date.parse("2027-03-01T12:00:00Z");
const ZONE = "Europe/Berlin";
const WED = "2027-03-03";
const THU = "2027-03-04";
const at = (date: string, hour: number, minute = 0) => zonedTimeToInstant(date, hour * 60 + minute, ZONE);
const MIN = 60_000;

const book = (calendar: BookingCalendar, start: number, serviceId?: string) =>
  createBooking({ slug: calendar.slug, start, timeZone: ZONE, customer: customer(), now: NOW, serviceId });

async function starts(calendar: BookingCalendar, date = WED, serviceId?: string): Promise<number[]> {
  const fresh = await db.bookingCalendar.findUniqueOrThrow({ where: { id: calendar.id } });
  return (await findSlots(db, { calendar: fresh, range: localDayInterval(date, ZONE), now: NOW, serviceId })).map((s) => s.start);
}

/** The push jobs waiting for one appointment or class occurrence, by key. */
async function jobKeys(id: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker.jobs WHERE key LIKE ${`%:${id}:%`} ORDER BY key`;
  return rows.map((r) => r.key);
}

async function clearJobs(id: string) {
  for (const key of await jobKeys(id)) await db.$queryRaw`SELECT graphile_worker.remove_job(${key})`;
}

const conflict = { code: "CONFLICT" };

describe("freeing time", () => {
  it("cancelling frees the slot: it is offered again and a new booking succeeds", async () => {
    const { org, staff } = await newOrganizationWithStaff(1);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: [staff[0]!.id] });
    const first = await book(calendar, at(WED, 10));
    expect(await starts(calendar)).not.toContain(at(WED, 10));
    await expect(book(calendar, at(WED, 10))).rejects.toMatchObject(conflict);
    await cancelAppointment({ appointmentId: first.id, now: NOW });
    expect(await starts(calendar)).toContain(at(WED, 10));
    expect((await book(calendar, at(WED, 10))).staff.map((s) => s.id)).toEqual([staff[0]!.id]);
  });

  it("rescheduling frees the old time and takes the new one", async () => {
    const { org, staff } = await newOrganizationWithStaff(1);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: [staff[0]!.id] });
    const first = await book(calendar, at(WED, 10));
    const moved = await rescheduleAppointment({ appointmentId: first.id, start: at(WED, 11), now: NOW });
    expect(moved).toMatchObject({ start: at(WED, 11), end: at(WED, 11, 30) });
    const free = await starts(calendar);
    expect(free).toContain(at(WED, 10));
    expect(free).not.toContain(at(WED, 11));
    await expect(book(calendar, at(WED, 11))).rejects.toMatchObject(conflict);
    await book(calendar, at(WED, 10));
  });
});

describe("rescheduling and round robin", () => {
  it("keeps the member when free, reassigns when not, and enqueues pushes for old and new member", async () => {
    const { org, staff } = await newOrganizationWithStaff(2);
    const [a, b] = staff as [(typeof staff)[0], (typeof staff)[0]];
    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "ROUND_ROBIN",
      memberIds: [a.id, b.id],
      priorities: [2, 1],
    });
    const booking = await book(calendar, at(WED, 10));
    expect(booking.staff.map((s) => s.id)).toEqual([a.id]);

    await clearJobs(booking.id);
    const kept = await rescheduleAppointment({ appointmentId: booking.id, start: at(WED, 11), now: NOW });
    expect(kept.staff.map((s) => s.id)).toEqual([a.id]);
    expect(await jobKeys(booking.id)).toEqual([`push_appointment:${booking.id}:${a.id}`]);

    // A is taken at 14:00 by another booking (highest priority, so it goes to A).
    expect((await book(calendar, at(WED, 14))).staff.map((s) => s.id)).toEqual([a.id]);
    await clearJobs(booking.id);
    const reassigned = await rescheduleAppointment({ appointmentId: booking.id, start: at(WED, 14), now: NOW });
    expect(reassigned.staff.map((s) => s.id)).toEqual([b.id]);
    const holds = await db.staffHold.findMany({ where: { appointmentId: booking.id } });
    expect(Object.fromEntries(holds.map((h) => [h.userId, h.active]))).toEqual({ [a.id]: false, [b.id]: true });
    expect(await jobKeys(booking.id)).toEqual([`push_appointment:${booking.id}:${a.id}`, `push_appointment:${booking.id}:${b.id}`].sort());
  });
});

describe("push jobs by calendar type", () => {
  async function calendarOf(type: BookingCalendarType) {
    const { org, staff } = await newOrganizationWithStaff(2);
    const memberIds = type === "SIMPLE" ? [staff[0]!.id] : staff.map((s) => s.id);
    const calendar = await createBookingCalendar({ organizationId: org.id, type, memberIds });
    if (type !== "SERVICE") return { calendar, serviceId: undefined };
    const service = await db.service.create({
      data: {
        organizationId: org.id,
        bookingCalendarId: calendar.id,
        name: "Cut",
        durationMinutes: 30,
        staff: { create: memberIds.map((userId) => ({ userId })) },
      },
    });
    return { calendar, serviceId: service.id };
  }

  it.each<BookingCalendarType>(["ROUND_ROBIN", "COLLECTIVE", "SERVICE"])(
    "%s enqueues a push on booking, reschedule and cancel",
    async (type) => {
      const { calendar, serviceId } = await calendarOf(type);
      const booking = await book(calendar, at(WED, 10), serviceId);
      const expected = booking.staff.map((s) => `push_appointment:${booking.id}:${s.id}`).sort();
      expect(expected.length).toBe(type === "COLLECTIVE" ? 2 : 1);
      expect(await jobKeys(booking.id)).toEqual(expected);
      await clearJobs(booking.id);
      await rescheduleAppointment({ appointmentId: booking.id, start: at(WED, 11), now: NOW });
      expect(await jobKeys(booking.id)).toEqual(expected);
      await clearJobs(booking.id);
      await cancelAppointment({ appointmentId: booking.id, now: NOW });
      expect(await jobKeys(booking.id)).toEqual(expected);
    },
  );

  it("SIMPLE never enqueues a push job", async () => {
    const { calendar } = await calendarOf("SIMPLE");
    const booking = await book(calendar, at(WED, 10));
    expect(await jobKeys(booking.id)).toEqual([]);
    await rescheduleAppointment({ appointmentId: booking.id, start: at(WED, 11), now: NOW });
    await cancelAppointment({ appointmentId: booking.id, now: NOW });
    expect(await jobKeys(booking.id)).toEqual([]);
    // Not even a job without a key (the public jobs view has no payload column).
    expect(await db.$queryRaw`SELECT 1 FROM graphile_worker._private_jobs WHERE payload::text LIKE ${`%${booking.id}%`}`).toEqual([]);
  });

  it("a class booking enqueues push_class_occurrence for the instructor", async () => {
    const { org, staff } = await newOrganizationWithStaff(1);
    const instructor = staff[0]!;
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "CLASS", memberIds: [instructor.id] });
    await db.classSession.create({
      data: {
        organizationId: org.id,
        bookingCalendarId: calendar.id,
        instructorId: instructor.id,
        title: "Yoga",
        startsAt: new Date(at(WED, 10)),
        durationMinutes: 60,
        capacity: 3,
      },
    });
    const booking = await book(calendar, at(WED, 10));
    const occurrence = await db.classOccurrence.findFirstOrThrow({ where: { session: { bookingCalendarId: calendar.id } } });
    expect(await jobKeys(occurrence.id)).toEqual([`push_class_occurrence:${occurrence.id}:${instructor.id}`]);
    expect(await jobKeys(booking.id)).toEqual([]);

    // Cancelling twice gives the seat back once.
    await book(calendar, at(WED, 10));
    await cancelAppointment({ appointmentId: booking.id, now: NOW });
    await cancelAppointment({ appointmentId: booking.id, now: NOW });
    expect((await db.classOccurrence.findUniqueOrThrow({ where: { id: occurrence.id } })).seatsTaken).toBe(1);
  });
});

describe("rules enforced at booking time", () => {
  it("buffers: a 10:00–10:30 booking with 15 minutes after makes 10:30 unavailable but 10:45 available", async () => {
    const { org, staff } = await newOrganizationWithStaff(1);
    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "ROUND_ROBIN",
      memberIds: [staff[0]!.id],
      durationMinutes: 30,
      slotIntervalMinutes: 15,
      bufferAfterMinutes: 15,
    });
    await book(calendar, at(WED, 10));
    const free = await starts(calendar);
    expect(free).not.toContain(at(WED, 10, 30));
    expect(free).toContain(at(WED, 10, 45));
    // A new 09:30 slot's own buffer would run into 10:00; 09:15's ends at 10:00 exactly.
    expect(free).not.toContain(at(WED, 9, 30));
    expect(free).toContain(at(WED, 9, 15));
    await expect(book(calendar, at(WED, 10, 30))).rejects.toMatchObject(conflict);
    await book(calendar, at(WED, 10, 45));
  });

  it("per-staff daily cap: a capped member gets no more that day, the next member does", async () => {
    const { org, staff } = await newOrganizationWithStaff(2);
    const [a, b] = staff.map((s) => s.id) as [string, string];
    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "ROUND_ROBIN",
      memberIds: [a, b],
      priorities: [2, 1],
      maxPerDayPerStaff: 2,
    });
    const assigned = [];
    for (const hour of [9, 10, 11, 12]) assigned.push((await book(calendar, at(WED, hour))).staff[0]!.id);
    expect(assigned).toEqual([a, a, b, b]);
    await expect(book(calendar, at(WED, 14))).rejects.toMatchObject(conflict);
    expect(await starts(calendar)).toEqual([]);
    expect((await book(calendar, at(THU, 10))).staff[0]!.id).toBe(a);
  });

  it("per-calendar daily cap: no more bookings that day even with members free", async () => {
    const { org, staff } = await newOrganizationWithStaff(3);
    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "ROUND_ROBIN",
      memberIds: staff.map((s) => s.id),
      maxPerDayTotal: 2,
    });
    await book(calendar, at(WED, 10));
    await book(calendar, at(WED, 10));
    await expect(book(calendar, at(WED, 15))).rejects.toMatchObject(conflict);
    expect(await starts(calendar)).toEqual([]);
    await book(calendar, at(THU, 10));
  });

  it("SERVICE uses the service's duration and only its staff", async () => {
    const { org, staff } = await newOrganizationWithStaff(2);
    const [a, b] = staff.map((s) => s.id) as [string, string];
    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "SERVICE",
      memberIds: [a, b],
      durationMinutes: 30,
      slotIntervalMinutes: 30,
    });
    const colour = await db.service.create({
      data: {
        organizationId: org.id,
        bookingCalendarId: calendar.id,
        name: "Colour",
        durationMinutes: 90,
        staff: { create: [{ userId: b }] },
      },
    });
    const fresh = await db.bookingCalendar.findUniqueOrThrow({ where: { id: calendar.id } });
    const slots = await findSlots(db, { calendar: fresh, range: localDayInterval(WED, ZONE), now: NOW, serviceId: colour.id });
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.end - s.start === 90 * MIN && s.staffIds.join() === b)).toBe(true);
    expect(slots.at(-1)!.start).toBe(at(WED, 15, 30)); // 15:30 + 90 min = 17:00, the end of the day

    const booking = await book(calendar, at(WED, 10), colour.id);
    expect(booking).toMatchObject({ start: at(WED, 10), end: at(WED, 11, 30), serviceName: "Colour", staff: [{ id: b }] });
    // A is free at 10:30 but doesn't offer Colour.
    await expect(book(calendar, at(WED, 10, 30), colour.id)).rejects.toMatchObject(conflict);
    await expect(book(calendar, at(WED, 13))).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("outside working hours or inside the minimum notice → CONFLICT", async () => {
    const { org, staff } = await newOrganizationWithStaff(1);
    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "ROUND_ROBIN",
      memberIds: [staff[0]!.id],
      minimumNoticeMinutes: 120,
    });
    await expect(book(calendar, at(WED, 17))).rejects.toMatchObject(conflict); // hours end at 17:00
    await expect(book(calendar, at(WED, 8, 30))).rejects.toMatchObject(conflict);
    await expect(book(calendar, at("2027-03-06", 10))).rejects.toMatchObject(conflict); // Saturday
    await expect(book(calendar, NOW + 60 * MIN)).rejects.toMatchObject(conflict); // 14:00 Berlin, 1 h ahead
    expect((await book(calendar, NOW + 120 * MIN)).start).toBe(at("2027-03-01", 15)); // exactly at the notice
  });

  it("cancelling twice is harmless; rescheduling a cancelled appointment → CONFLICT", async () => {
    const { org, staff } = await newOrganizationWithStaff(1);
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: [staff[0]!.id] });
    const booking = await book(calendar, at(WED, 10));
    const once = await cancelAppointment({ appointmentId: booking.id, now: NOW });
    const row = await db.appointment.findUniqueOrThrow({ where: { id: booking.id } });
    const twice = await cancelAppointment({ appointmentId: booking.id, now: NOW + MIN });
    expect(once.status).toBe("CANCELLED");
    expect(twice.status).toBe("CANCELLED");
    expect((await db.appointment.findUniqueOrThrow({ where: { id: booking.id } })).cancelledAt).toEqual(row.cancelledAt);
    await expect(rescheduleAppointment({ appointmentId: booking.id, start: at(WED, 11), now: NOW })).rejects.toMatchObject(conflict);
    expect(await db.staffHold.count({ where: { appointmentId: booking.id, active: true } })).toBe(0);
  });
});
