// Class sessions of a CLASS calendar against the real PostgreSQL: the local date and time become the
// instant for the calendar's zone, the rules, and what may change once seats are booked.
import { describe, expect, it } from "vitest";
import { createBookingCalendar } from "@/lib/booking-calendars/calendars";
import { createClassSession, deleteClassSession, updateClassSession } from "@/lib/booking-calendars/class-sessions";
import { getBookingCalendarForEdit } from "@/lib/booking-calendars/queries";
import { ClassSessionSchema } from "@/lib/booking-calendars/schemas";
import { db } from "@/lib/db";
import { book, calendar, DAY, errorsOf, org } from "../support/booking-calendars";
import { createOrganization, createUser } from "../support/factories";

describe("class sessions", () => {
  async function classCalendar() {
    const o = await org();
    const { id } = await createBookingCalendar({ actor: o.admin, input: calendar({ type: "CLASS", timeZone: "America/New_York" }) });
    return { ...o, calendarId: id };
  }
  const input = (fields: Record<string, string>) =>
    ClassSessionSchema.parse({
      title: "Yoga",
      date: "2031-01-06",
      time: "18:00",
      durationMinutes: "60",
      capacity: "12",
      recurrence: "WEEKLY",
      repeatUntil: "2031-06-30",
      ...fields,
    });

  it("turns the local date and time into the instant for the calendar's zone, winter and summer", async () => {
    const o = await classCalendar();
    const winter = await createClassSession({
      actor: o.admin,
      bookingCalendarId: o.calendarId,
      input: input({ instructorId: o.alice.id }),
    });
    const summer = await createClassSession({
      actor: o.admin,
      bookingCalendarId: o.calendarId,
      input: input({ instructorId: o.bob.id, date: "2031-07-07", time: "09:30", recurrence: "NONE" }),
    });
    expect((await db.classSession.findUniqueOrThrow({ where: { id: winter.id } })).startsAt.toISOString()).toBe("2031-01-06T23:00:00.000Z");
    const stored = await db.classSession.findUniqueOrThrow({ where: { id: summer.id } });
    expect(stored).toMatchObject({ startsAt: new Date("2031-07-07T13:30:00.000Z"), recurrence: "NONE", repeatUntil: null, capacity: 12 });
    const view = await getBookingCalendarForEdit({ actor: o.admin, bookingCalendarId: o.calendarId });
    expect(view?.classSessions.map((s) => [s.date, s.time, s.repeatUntil])).toEqual([
      ["2031-01-06", "18:00", "2031-06-30"],
      ["2031-07-07", "09:30", ""],
    ]);
    expect(view?.members.map((m) => m.userId).sort()).toEqual([o.alice.id, o.bob.id].sort());
  });

  it("validates capacity, dates, the instructor and one-time classes in the past", async () => {
    const o = await classCalendar();
    const base = {
      title: "Yoga",
      instructorId: o.alice.id,
      date: "2031-01-06",
      time: "18:00",
      durationMinutes: "60",
      recurrence: "WEEKLY",
    };
    expect(errorsOf(ClassSessionSchema, { ...base, capacity: "0" }).capacity).toBeDefined();
    expect(errorsOf(ClassSessionSchema, { ...base, capacity: "1001" }).capacity).toBeDefined();
    expect(errorsOf(ClassSessionSchema, { ...base, capacity: "1000", repeatUntil: "2031-01-05" }).repeatUntil).toBeDefined();
    expect(errorsOf(ClassSessionSchema, { ...base, capacity: "5", time: "25:00" }).time).toBeDefined();
    expect(errorsOf(ClassSessionSchema, { ...base, capacity: "5", date: "2031-02-30" }).date).toBeDefined();
    const outsider = await createUser({ organizationId: (await createOrganization()).id });
    await expect(
      createClassSession({ actor: o.admin, bookingCalendarId: o.calendarId, input: input({ instructorId: outsider.id }) }),
    ).rejects.toMatchObject({ field: "instructorId" });
    await expect(
      createClassSession({
        actor: o.admin,
        bookingCalendarId: o.calendarId,
        input: input({ instructorId: o.alice.id, date: "2020-01-06", recurrence: "NONE" }),
      }),
    ).rejects.toMatchObject({ field: "date" });
  });

  it("with upcoming bookings only title and capacity change, capacity not below the seats taken", async () => {
    const o = await classCalendar();
    const start = new Date(Date.now() + 7 * DAY);
    const date = start.toISOString().slice(0, 10);
    const { id } = await createClassSession({
      actor: o.admin,
      bookingCalendarId: o.calendarId,
      input: input({ instructorId: o.alice.id, date, time: "12:00", recurrence: "NONE", capacity: "5" }),
    });
    const session = await db.classSession.findUniqueOrThrow({ where: { id } });
    const occurrence = await db.classOccurrence.create({
      data: {
        organizationId: o.id,
        sessionId: id,
        startsAt: session.startsAt,
        endsAt: new Date(session.startsAt.getTime() + 3_600_000),
        capacity: 5,
        seatsTaken: 3,
      },
    });
    await book(o.calendarId, o.id, session.startsAt, { classOccurrenceId: occurrence.id });
    const same = { instructorId: o.alice.id, date, time: "12:00", recurrence: "NONE" };
    await expect(
      updateClassSession({
        actor: o.admin,
        bookingCalendarId: o.calendarId,
        sessionId: id,
        input: input({ ...same, time: "13:00", capacity: "5" }),
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      updateClassSession({
        actor: o.admin,
        bookingCalendarId: o.calendarId,
        sessionId: id,
        input: input({ ...same, instructorId: o.bob.id, capacity: "5" }),
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      updateClassSession({ actor: o.admin, bookingCalendarId: o.calendarId, sessionId: id, input: input({ ...same, capacity: "2" }) }),
    ).rejects.toMatchObject({ field: "capacity" });
    await updateClassSession({
      actor: o.admin,
      bookingCalendarId: o.calendarId,
      sessionId: id,
      input: input({ ...same, title: "Evening yoga", capacity: "8" }),
    });
    expect(await db.classSession.findUniqueOrThrow({ where: { id } })).toMatchObject({ title: "Evening yoga", capacity: 8 });
    expect(await db.classOccurrence.findUniqueOrThrow({ where: { id: occurrence.id } })).toMatchObject({ capacity: 8, seatsTaken: 3 });
    await expect(deleteClassSession({ actor: o.admin, bookingCalendarId: o.calendarId, sessionId: id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("a class without bookings can be moved and deleted", async () => {
    const o = await classCalendar();
    const { id } = await createClassSession({
      actor: o.admin,
      bookingCalendarId: o.calendarId,
      input: input({ instructorId: o.alice.id }),
    });
    await updateClassSession({
      actor: o.admin,
      bookingCalendarId: o.calendarId,
      sessionId: id,
      input: input({ instructorId: o.bob.id, time: "19:15" }),
    });
    expect(await db.classSession.findUniqueOrThrow({ where: { id } })).toMatchObject({
      instructorId: o.bob.id,
      startsAt: new Date("2031-01-07T00:15:00.000Z"),
    });
    await deleteClassSession({ actor: o.admin, bookingCalendarId: o.calendarId, sessionId: id });
    expect(await db.classSession.count({ where: { bookingCalendarId: o.calendarId } })).toBe(0);
    expect(await db.bookingCalendarMember.count({ where: { bookingCalendarId: o.calendarId } })).toBe(0);
  });
});
