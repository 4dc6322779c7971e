// Blocked time with the real PostgreSQL: it holds its member like an appointment (the exclusion
// constraint included), in every booking calendar type that uses staff availability; weekly
// repeats; editing and deleting; who may do what; and clear refusals.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { createBlockedTime, deleteBlockedTime, updateBlockedTime } from "@/lib/blocked-time/blocked-time";
import { BlockedTimeSchema } from "@/lib/blocked-time/schemas";
import { createBooking } from "@/lib/booking/create";
import { findSlots } from "@/lib/booking/slots";
import { getCalendarFeed } from "@/lib/calendar-view/queries";
import { db } from "@/lib/db";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser } from "../support/factories";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const day = Math.floor(Date.now() / DAY) * DAY + 3 * DAY;
const date = (offsetDays = 0) => new Date(day + offsetDays * DAY).toISOString().slice(0, 10);
const at = (hour: number, offsetDays = 0) => day + offsetDays * DAY + hour * HOUR;

const actorOf = (u: { id: string; organizationId: string; name: string; email: string; role: "ADMIN" | "STAFF" }): Actor => ({
  userId: u.id,
  organizationId: u.organizationId,
  role: u.role,
  name: u.name,
  email: u.email,
});

async function team() {
  const org = await createOrganization();
  const member = await withWorkingHours(
    await createUser({ organizationId: org.id, timeZone: "UTC" }),
    [0, 1, 2, 3, 4, 5, 6],
    8 * 60,
    18 * 60,
  );
  const colleague = await withWorkingHours(
    await createUser({ organizationId: org.id, timeZone: "UTC" }),
    [0, 1, 2, 3, 4, 5, 6],
    8 * 60,
    18 * 60,
  );
  const admin = await createUser({ organizationId: org.id, role: "ADMIN", timeZone: "UTC" });
  return { org, member, colleague, admin };
}

const block = (userId: string, fields: Record<string, string | null> = {}) =>
  BlockedTimeSchema.parse({
    userId,
    title: "Dentist",
    startDate: date(),
    startTime: "10:00",
    endDate: date(),
    endTime: "12:00",
    ...fields,
  });

const slotStarts = async (calendar: Awaited<ReturnType<typeof createBookingCalendar>>, from: number, to: number) =>
  (await findSlots(db, { calendar, range: { start: from, end: to }, now: Date.now() })).map((s) => (s.start - day) / HOUR);

describe("blocked time", () => {
  it("removes availability in every booking calendar type and the database refuses bookings on it", async () => {
    const t = await team();
    const roundRobin = await createBookingCalendar({
      organizationId: t.org.id,
      type: "ROUND_ROBIN",
      memberIds: [t.member.id],
      durationMinutes: 60,
      timeZone: "UTC",
    });
    const collective = await createBookingCalendar({
      organizationId: t.org.id,
      type: "COLLECTIVE",
      memberIds: [t.member.id, t.colleague.id],
      durationMinutes: 60,
      timeZone: "UTC",
    });
    const simple = await createBookingCalendar({
      organizationId: t.org.id,
      type: "SIMPLE",
      memberIds: [t.member.id],
      durationMinutes: 60,
      timeZone: "UTC",
    });
    const service = await createBookingCalendar({
      organizationId: t.org.id,
      type: "SERVICE",
      memberIds: [t.member.id],
      durationMinutes: 60,
      timeZone: "UTC",
    });
    const cut = await db.service.create({
      data: {
        organizationId: t.org.id,
        bookingCalendarId: service.id,
        name: "Cut",
        durationMinutes: 60,
        staff: { create: [{ userId: t.member.id }] },
      },
    });

    for (const calendar of [roundRobin, collective, simple]) expect(await slotStarts(calendar, at(9), at(13))).toEqual([9, 10, 11, 12]);
    const { ids } = await createBlockedTime({ actor: actorOf(t.member), input: block(t.member.id) });
    expect(ids).toHaveLength(1);
    for (const calendar of [roundRobin, collective, simple]) expect(await slotStarts(calendar, at(9), at(13))).toEqual([9, 12]);
    const serviceSlots = await findSlots(db, {
      calendar: service,
      range: { start: at(9), end: at(13) },
      now: Date.now(),
      serviceId: cut.id,
    });
    expect(serviceSlots.map((s) => (s.start - day) / HOUR)).toEqual([9, 12]);

    await expect(
      createBooking({ slug: roundRobin.slug, start: at(10), timeZone: "UTC", customer: customer("on-block") }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // The constraint itself, whatever the application does.
    await expect(
      db.staffHold.create({
        data: {
          organizationId: t.org.id,
          userId: t.member.id,
          bookingCalendarId: roundRobin.id,
          startsAt: new Date(at(11)),
          endsAt: new Date(at(11.5)),
        },
      }),
    ).rejects.toThrow(/StaffHold_no_overlap|exclusion/);
    // A class whose instructor blocked the time is not offered then either.
    const classes = await createBookingCalendar({
      organizationId: t.org.id,
      type: "CLASS",
      memberIds: [t.member.id],
      durationMinutes: 60,
      timeZone: "UTC",
    });
    await db.classSession.create({
      data: {
        organizationId: t.org.id,
        bookingCalendarId: classes.id,
        instructorId: t.member.id,
        title: "Yoga",
        startsAt: new Date(at(10)),
        durationMinutes: 60,
        capacity: 5,
      },
    });
    expect(await findSlots(db, { calendar: classes, range: { start: at(0), end: at(24) }, now: Date.now() })).toEqual([]);
  });

  it("is refused over an appointment, naming it; and a racing booking and block never both win", async () => {
    const t = await team();
    const calendar = await createBookingCalendar({
      organizationId: t.org.id,
      type: "ROUND_ROBIN",
      memberIds: [t.member.id],
      durationMinutes: 60,
      timeZone: "UTC",
    });
    await createBooking({
      slug: calendar.slug,
      start: at(11),
      timeZone: "UTC",
      customer: { name: "Ada Lovelace", email: `ada-${Date.now()}@example.test` },
    });
    await expect(createBlockedTime({ actor: actorOf(t.member), input: block(t.member.id) })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/overlaps an appointment with Ada Lovelace/),
    });
    expect(await db.blockedTime.count({ where: { userId: t.member.id } })).toBe(0);

    for (let round = 0; round < 5; round++) {
      const hour = 13 + round * 0.5;
      const [booked, blocked] = await Promise.allSettled([
        createBooking({ slug: calendar.slug, start: at(hour, 1), timeZone: "UTC", customer: customer(`race-${round}`) }),
        createBlockedTime({
          actor: actorOf(t.member),
          input: block(t.member.id, {
            startDate: date(1),
            endDate: date(1),
            startTime: `${String(Math.floor(hour)).padStart(2, "0")}:${hour % 1 ? "30" : "00"}`,
            endTime: "17:00",
          }),
        }),
      ]);
      expect([booked.status, blocked.status].filter((s) => s === "fulfilled")).toHaveLength(1);
      if (blocked.status === "fulfilled") await deleteBlockedTime({ actor: actorOf(t.member), blockedTimeId: blocked.value.ids[0]! });
    }
    const overlaps = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "StaffHold" a JOIN "StaffHold" b ON a."userId" = b."userId" AND a.id < b.id
      WHERE a.active AND b.active AND a."userId" = ${t.member.id} AND a."startsAt" < b."endsAt" AND b."startsAt" < a."endsAt"`;
    expect(overlaps[0]!.n).toBe(0n);
  });

  it("repeats weekly, edits one occurrence, and deletes one or the following ones", async () => {
    const t = await team();
    const { ids } = await createBlockedTime({ actor: actorOf(t.member), input: block(t.member.id, { repeatWeeklyUntil: date(14) }) });
    expect(ids).toHaveLength(3);
    const rows = await db.blockedTime.findMany({ where: { id: { in: ids } }, orderBy: { startsAt: "asc" } });
    expect(rows.map((r) => r.startsAt.getTime())).toEqual([at(10), at(10, 7), at(10, 14)]);
    expect(new Set(rows.map((r) => r.seriesId)).size).toBe(1);

    await updateBlockedTime({
      actor: actorOf(t.member),
      blockedTimeId: rows[1]!.id,
      input: block(t.member.id, { title: "Physio", startDate: date(7), endDate: date(7), startTime: "15:00", endTime: "16:00" }),
    });
    const moved = await db.blockedTime.findUniqueOrThrow({ where: { id: rows[1]!.id }, include: { holds: true } });
    expect([moved.title, moved.startsAt.getTime(), moved.holds[0]!.startsAt.getTime(), moved.holds[0]!.active]).toEqual([
      "Physio",
      at(15, 7),
      at(15, 7),
      true,
    ]);
    expect((await db.blockedTime.findUniqueOrThrow({ where: { id: rows[2]!.id } })).startsAt.getTime()).toBe(at(10, 14));

    expect(await deleteBlockedTime({ actor: actorOf(t.member), blockedTimeId: rows[1]!.id, scope: "following" })).toBe(2);
    const left = await db.blockedTime.findMany({ where: { seriesId: rows[0]!.seriesId, deletedAt: null } });
    expect(left.map((r) => r.id)).toEqual([rows[0]!.id]);
    expect(await db.staffHold.count({ where: { blockedTimeId: { in: [rows[1]!.id, rows[2]!.id] }, active: true } })).toBe(0);
  });

  it("all day is the member's own local days", async () => {
    const org = await createOrganization();
    const tokyo = await createUser({ organizationId: org.id, timeZone: "Asia/Tokyo" });
    const { ids } = await createBlockedTime({
      actor: actorOf(tokyo),
      input: block(tokyo.id, { allDay: "on", startTime: null, endTime: null, endDate: date(1) }),
    });
    const row = await db.blockedTime.findUniqueOrThrow({ where: { id: ids[0]! } });
    // Tokyo is UTC+9: its midnight is 15:00 UTC the day before.
    expect([row.allDay, row.startsAt.getTime(), row.endsAt.getTime()]).toEqual([true, day - 9 * HOUR, day + 2 * DAY - 9 * HOUR]);
  });

  it("staff manage their own, admins anyone in their organization, nobody else's", async () => {
    const t = await team();
    const other = await createOrganization();
    const outsider = await createUser({ organizationId: other.id, role: "ADMIN" });
    await expect(createBlockedTime({ actor: actorOf(t.colleague), input: block(t.member.id) })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(createBlockedTime({ actor: actorOf(outsider), input: block(t.member.id) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const { ids } = await createBlockedTime({ actor: actorOf(t.admin), input: block(t.member.id) });
    await expect(
      updateBlockedTime({ actor: actorOf(t.colleague), blockedTimeId: ids[0]!, input: block(t.member.id, { title: "Mine now" }) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteBlockedTime({ actor: actorOf(t.colleague), blockedTimeId: ids[0]! })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(deleteBlockedTime({ actor: actorOf(outsider), blockedTimeId: ids[0]! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.blockedTime.findUniqueOrThrow({ where: { id: ids[0]! } })).deletedAt).toBeNull();
    await updateBlockedTime({ actor: actorOf(t.member), blockedTimeId: ids[0]!, input: block(t.member.id, { title: "Renamed" }) });
    expect(await deleteBlockedTime({ actor: actorOf(t.admin), blockedTimeId: ids[0]! })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectUserId: t.member.id, action: { startsWith: "blocked_time." } } })).toBe(3);
  });

  it("refuses impossible input with clear messages and stores nothing", async () => {
    const t = await team();
    const refuse = (fields: Record<string, string | null>) =>
      createBlockedTime({ actor: actorOf(t.member), input: block(t.member.id, fields) });
    await expect(refuse({ endTime: "09:00" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "The end must be after the start.",
    });
    await expect(refuse({ endDate: date(40) })).rejects.toMatchObject({ message: expect.stringMatching(/up to 31 days/) });
    await expect(refuse({ repeatWeeklyUntil: date(400) })).rejects.toMatchObject({ message: "A weekly repeat can run for up to a year." });
    await expect(refuse({ repeatWeeklyUntil: date(-1) })).rejects.toMatchObject({
      message: "The repeat must end on or after the first day.",
    });
    const parsed = BlockedTimeSchema.safeParse({
      userId: t.member.id,
      startDate: "tomorrow",
      endDate: date(),
      startTime: "10:00",
      endTime: "25:00",
    });
    expect(parsed.success).toBe(false);
    expect(Object.keys(parsed.error!.flatten().fieldErrors).sort()).toEqual(["endTime", "startDate"]);
    expect(await db.blockedTime.count({ where: { userId: t.member.id } })).toBe(0);
  });

  it("shows in the staff calendar's feed, editable by its member and admins", async () => {
    const t = await team();
    await createBlockedTime({ actor: actorOf(t.member), input: block(t.member.id, { title: "School run" }) });
    const range = { start: new Date(at(0)), end: new Date(at(24)) };
    const own = await getCalendarFeed({ actor: actorOf(t.member), ...range });
    expect(own.blockedTime.map((b) => [b.title, b.editable, b.local])).toEqual([
      ["School run", true, { startDate: date(), startTime: "10:00", endDate: date(), endTime: "12:00" }],
    ]);
    const asAdmin = await getCalendarFeed({ actor: actorOf(t.admin), staffId: "team", ...range });
    expect(asAdmin.blockedTime.map((b) => [b.title, b.editable])).toEqual([["School run", true]]);
    expect((await getCalendarFeed({ actor: actorOf(t.colleague), ...range })).blockedTime).toEqual([]);
  });
});
