// Booking calendar administration against the real PostgreSQL: each type with its specifics, the
// validation rules, slug uniqueness, archiving with upcoming appointments, and who may do what.
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import {
  archiveBookingCalendar,
  createBookingCalendar,
  restoreBookingCalendar,
  updateBookingCalendar,
} from "@/lib/booking-calendars/calendars";
import { createClassSession } from "@/lib/booking-calendars/class-sessions";
import { getBookingCalendarForEdit } from "@/lib/booking-calendars/queries";
import { BookingCalendarSchema, ClassSessionSchema, ServiceSchema } from "@/lib/booking-calendars/schemas";
import { createService, deleteService, updateService } from "@/lib/booking-calendars/services";
import { db } from "@/lib/db";
import { book, calendar, DAY, errorsOf, org } from "../support/booking-calendars";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";

describe("each type", () => {
  it("round robin: members with priorities, the mode and every setting are stored", async () => {
    const o = await org();
    const input = calendar({
      members: [
        { userId: o.alice.id, priority: "5" },
        { userId: o.bob.id, priority: "1" },
      ],
      roundRobinMode: "EQUAL_DISTRIBUTION",
      slotIntervalMinutes: "15",
      bufferAfterMinutes: "10",
      windowStartDate: "2031-01-01",
      windowEndDate: "2031-03-31",
      maxPerDayPerStaff: "4",
      maxPerDayTotal: "",
      reminderMinutes: "60",
    });
    const { id } = await createBookingCalendar({ actor: o.admin, input });
    const view = await getBookingCalendarForEdit({ actor: o.admin, bookingCalendarId: id });
    expect(view?.values).toMatchObject({
      type: "ROUND_ROBIN",
      roundRobinMode: "EQUAL_DISTRIBUTION",
      slotIntervalMinutes: "15",
      bufferAfterMinutes: "10",
      windowStartDate: "2031-01-01",
      windowEndDate: "2031-03-31",
      maxPerDayPerStaff: "4",
      maxPerDayTotal: "",
      reminderMinutes: "60",
    });
    expect(view?.members).toEqual([
      { userId: o.alice.id, priority: 5 },
      { userId: o.bob.id, priority: 1 },
    ]);

    await updateBookingCalendar({
      actor: o.admin,
      bookingCalendarId: id,
      input: { ...input, bufferBeforeMinutes: 15, members: [{ userId: o.bob.id, priority: 9 }] },
    });
    const saved = await db.bookingCalendar.findUniqueOrThrow({ where: { id }, include: { members: true } });
    expect(saved.bufferBeforeMinutes).toBe(15);
    expect(saved.reminderMinutes).toBe(60);
    // "Off" stores no reminder; a new calendar reminds 24 hours before.
    await updateBookingCalendar({ actor: o.admin, bookingCalendarId: id, input: { ...input, reminderMinutes: null } });
    expect((await db.bookingCalendar.findUniqueOrThrow({ where: { id } })).reminderMinutes).toBeNull();
    expect(calendar().reminderMinutes).toBe(1440);
    expect(() => calendar({ reminderMinutes: "30" as "60" })).toThrow(/when the reminder goes out/);
    expect(saved.members.map((m) => [m.userId, m.priority])).toEqual([[o.bob.id, 9]]);
  });

  it.each(["ROUND_ROBIN", "COLLECTIVE"] as const)("%s needs at least one member", async (type) => {
    const o = await org();
    await expect(createBookingCalendar({ actor: o.admin, input: calendar({ type, members: [] }) })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      field: "members",
    });
    const { id } = await createBookingCalendar({
      actor: o.admin,
      input: calendar({ type, members: [{ userId: o.alice.id, priority: 0 }] }),
    });
    await expect(
      updateBookingCalendar({ actor: o.admin, bookingCalendarId: id, input: calendar({ type, members: [] }) }),
    ).rejects.toMatchObject({ field: "members" });
  });

  it("simple: members are optional", async () => {
    const o = await org();
    const { id } = await createBookingCalendar({ actor: o.admin, input: calendar({ type: "SIMPLE", members: [] }) });
    expect(await db.bookingCalendar.findUniqueOrThrow({ where: { id } })).toMatchObject({ type: "SIMPLE" });
  });

  it("service: services need staff of the organization; members mirror the services' staff", async () => {
    const o = await org();
    const { id } = await createBookingCalendar({
      actor: o.admin,
      input: calendar({ type: "SERVICE", members: [{ userId: o.alice.id, priority: 0 }] }),
    });
    expect(await db.bookingCalendarMember.count({ where: { bookingCalendarId: id } })).toBe(0);
    expect(errorsOf(ServiceSchema, { name: "Cut", durationMinutes: "45", staffIds: [] }).staffIds).toBeDefined();
    expect(errorsOf(ServiceSchema, { name: "Cut", durationMinutes: "721", staffIds: [o.alice.id] }).durationMinutes).toBeDefined();

    const cut = await createService({
      actor: o.admin,
      bookingCalendarId: id,
      input: ServiceSchema.parse({ name: "Cut", durationMinutes: "45", staffIds: [o.alice.id] }),
    });
    const colour = await createService({
      actor: o.admin,
      bookingCalendarId: id,
      input: { name: "Colour", durationMinutes: 90, staffIds: [o.alice.id, o.bob.id] },
    });
    let view = await getBookingCalendarForEdit({ actor: o.admin, bookingCalendarId: id });
    expect(view?.services).toEqual([
      { id: colour.id, name: "Colour", durationMinutes: 90, staffIds: expect.arrayContaining([o.alice.id, o.bob.id]) },
      { id: cut.id, name: "Cut", durationMinutes: 45, staffIds: [o.alice.id] },
    ]);
    expect(view?.members.map((m) => m.userId).sort()).toEqual([o.alice.id, o.bob.id].sort());

    await expect(
      createService({ actor: o.admin, bookingCalendarId: id, input: { name: "cut", durationMinutes: 30, staffIds: [o.bob.id] } }),
    ).rejects.toMatchObject({ code: "CONFLICT", field: "name" });
    const outsider = await createUser({ organizationId: (await createOrganization()).id });
    await expect(
      updateService({
        actor: o.admin,
        bookingCalendarId: id,
        serviceId: cut.id,
        input: { name: "Cut", durationMinutes: 45, staffIds: [outsider.id] },
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", field: "staffIds" });

    await updateService({
      actor: o.admin,
      bookingCalendarId: id,
      serviceId: colour.id,
      input: { name: "Colour", durationMinutes: 120, staffIds: [o.alice.id] },
    });
    view = await getBookingCalendarForEdit({ actor: o.admin, bookingCalendarId: id });
    expect(view?.members.map((m) => m.userId)).toEqual([o.alice.id]);

    await book(id, o.id, new Date(Date.now() + 2 * DAY), { serviceId: cut.id });
    await expect(deleteService({ actor: o.admin, bookingCalendarId: id, serviceId: cut.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("1 upcoming appointment"),
    });
    await deleteService({ actor: o.admin, bookingCalendarId: id, serviceId: colour.id });
    expect(await db.service.count({ where: { bookingCalendarId: id } })).toBe(1);
  });

  it("services and classes only belong to their own type", async () => {
    const o = await org();
    const { id } = await createBookingCalendar({ actor: o.admin, input: calendar({ members: [{ userId: o.alice.id, priority: 0 }] }) });
    await expect(
      createService({ actor: o.admin, bookingCalendarId: id, input: { name: "Cut", durationMinutes: 30, staffIds: [o.alice.id] } }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const session = ClassSessionSchema.parse({
      title: "Yoga",
      instructorId: o.alice.id,
      date: "2031-01-06",
      time: "18:00",
      durationMinutes: "60",
      capacity: "10",
      recurrence: "NONE",
    });
    await expect(createClassSession({ actor: o.admin, bookingCalendarId: id, input: session })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });
});

describe("validation", () => {
  const base = {
    type: "SIMPLE",
    name: "Call",
    slug: "a-call",
    timeZone: "UTC",
    durationMinutes: "30",
    bufferBeforeMinutes: "0",
    bufferAfterMinutes: "0",
    minimumNoticeMinutes: "0",
    windowRollingDays: "30",
  };
  const errors = (fields: Record<string, unknown>) => errorsOf(BookingCalendarSchema, { ...base, ...fields });

  it("accepts the bounds and normalises the link and the zone", () => {
    expect(errors({})).toEqual({});
    const parsed = BookingCalendarSchema.parse({
      ...base,
      slug: " My-Call-2 ",
      timeZone: "america/new_york",
      durationMinutes: "720",
      slotIntervalMinutes: "5",
      bufferBeforeMinutes: "240",
      minimumNoticeMinutes: "43200",
      windowRollingDays: "730",
      maxPerDayTotal: "1",
    });
    expect(parsed).toMatchObject({
      slug: "my-call-2",
      timeZone: "America/New_York",
      slotIntervalMinutes: 5,
      maxPerDayPerStaff: null,
      maxPerDayTotal: 1,
      windowStartDate: null,
    });
  });

  it.each([
    ["slug", "ab"],
    ["slug", "x".repeat(61)],
    ["slug", "bad slug!"],
    ["slug", "-abc"],
    ["slug", "abc-"],
    ["name", "  "],
    ["durationMinutes", "4"],
    ["durationMinutes", "721"],
    ["durationMinutes", ""],
    ["durationMinutes", "30.5"],
    ["slotIntervalMinutes", "4"],
    ["bufferBeforeMinutes", "241"],
    ["bufferAfterMinutes", "-1"],
    ["minimumNoticeMinutes", "43201"],
    ["windowRollingDays", "0"],
    ["windowRollingDays", "731"],
    ["maxPerDayPerStaff", "0"],
    ["maxPerDayTotal", "abc"],
    ["timeZone", "Mars/Phobos"],
    ["timeZone", "+01:00"],
    ["type", "WEEKLY"],
  ])("refuses %s = %j", (field, value) => {
    expect(errors({ [field]: value })[field]?.[0]).toEqual(expect.any(String));
  });

  it("a fixed range needs both dates, the last not before the first", () => {
    expect(errors({ windowStartDate: "2031-05-01" }).windowEndDate).toBeDefined();
    expect(errors({ windowEndDate: "2031-05-01" }).windowStartDate).toBeDefined();
    expect(errors({ windowStartDate: "2031-05-02", windowEndDate: "2031-05-01" }).windowEndDate).toEqual([
      "The last day can't be before the first day.",
    ]);
    expect(errors({ windowStartDate: "2031-05-01", windowEndDate: "2031-05-01" })).toEqual({});
  });

  it("members must be people of the organization", async () => {
    const o = await org();
    const outsider = await createUser({ organizationId: (await createOrganization()).id });
    await expect(
      createBookingCalendar({ actor: o.admin, input: calendar({ members: [{ userId: outsider.id, priority: 0 }] }) }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", field: "members" });
    expect(await db.bookingCalendar.count({ where: { organizationId: o.id } })).toBe(0);
  });
});

describe("the link", () => {
  it("is unique across organizations, with a friendly message", async () => {
    const a = await org();
    const b = await org();
    const slug = `shared-${uniqueSuffix()}`;
    await createBookingCalendar({ actor: a.admin, input: calendar({ type: "SIMPLE", slug }) });
    await expect(createBookingCalendar({ actor: b.admin, input: calendar({ type: "SIMPLE", slug }) })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "slug",
      message: "That link is already used by another calendar.",
    });
    const { id } = await createBookingCalendar({ actor: b.admin, input: calendar({ type: "SIMPLE" }) });
    await expect(
      updateBookingCalendar({ actor: b.admin, bookingCalendarId: id, input: calendar({ type: "SIMPLE", slug }) }),
    ).rejects.toMatchObject({ field: "slug" });
  });

  it("two simultaneous creations with one link: one wins, the other gets the friendly message", async () => {
    const o = await org();
    const slug = `race-${uniqueSuffix()}`;
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => createBookingCalendar({ actor: o.admin, input: calendar({ type: "SIMPLE", slug }) })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ field: "slug" });
  });
});

describe("type changes and deletion", () => {
  it("the type can change while there are no appointments; services of the old type go", async () => {
    const o = await org();
    const { id } = await createBookingCalendar({ actor: o.admin, input: calendar({ type: "SERVICE" }) });
    await createService({ actor: o.admin, bookingCalendarId: id, input: { name: "Cut", durationMinutes: 30, staffIds: [o.alice.id] } });
    await updateBookingCalendar({
      actor: o.admin,
      bookingCalendarId: id,
      input: calendar({ type: "COLLECTIVE", members: [{ userId: o.bob.id, priority: 0 }] }),
    });
    expect(await db.service.count({ where: { bookingCalendarId: id } })).toBe(0);
    expect((await db.bookingCalendarMember.findMany({ where: { bookingCalendarId: id } })).map((m) => m.userId)).toEqual([o.bob.id]);
  });

  it("the type can't change once the calendar has appointments, even past or cancelled ones", async () => {
    const o = await org();
    const input = calendar({ members: [{ userId: o.alice.id, priority: 0 }] });
    const { id } = await createBookingCalendar({ actor: o.admin, input });
    await book(id, o.id, new Date(Date.now() - 3 * DAY), { status: "CANCELLED" });
    await expect(
      updateBookingCalendar({ actor: o.admin, bookingCalendarId: id, input: { ...input, type: "COLLECTIVE" } }),
    ).rejects.toMatchObject({ code: "CONFLICT", field: "type" });
    expect(await db.bookingCalendar.findUniqueOrThrow({ where: { id } })).toMatchObject({ type: "ROUND_ROBIN" });
    await updateBookingCalendar({ actor: o.admin, bookingCalendarId: id, input: { ...input, name: "Renamed" } });
    expect(await db.bookingCalendar.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: "Renamed" });
  });

  it("archiving is refused while a confirmed appointment is ahead, and keeps the calendar and its history", async () => {
    const o = await org();
    const { id } = await createBookingCalendar({
      actor: o.admin,
      input: calendar({ type: "SIMPLE", members: [{ userId: o.alice.id, priority: 0 }] }),
    });
    const past = await book(id, o.id, new Date(Date.now() - DAY));
    await book(id, o.id, new Date(Date.now() + DAY), { status: "CANCELLED" });
    const upcoming = await book(id, o.id, new Date(Date.now() + 2 * DAY));
    await book(id, o.id, new Date(Date.now() + 3 * DAY));
    await expect(archiveBookingCalendar({ actor: o.admin, bookingCalendarId: id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("has 2 upcoming appointments. Cancel or move them first; nothing was archived."),
    });
    expect((await db.bookingCalendar.findUniqueOrThrow({ where: { id } })).archivedAt).toBeNull();

    await db.appointment.updateMany({ where: { bookingCalendarId: id, startsAt: { gt: new Date() } }, data: { status: "CANCELLED" } });
    await archiveBookingCalendar({ actor: o.admin, bookingCalendarId: id });
    const archived = await db.bookingCalendar.findUniqueOrThrow({ where: { id }, include: { appointments: true, members: true } });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    // Nothing is deleted: the past appointment, the cancelled ones and the members stay.
    expect(archived.appointments.map((a) => a.id).sort()).toEqual(expect.arrayContaining([past.id, upcoming.id]));
    expect(archived.appointments).toHaveLength(4);
    expect(archived.members.length).toBeGreaterThan(0);
    expect((await getBookingCalendarForEdit({ actor: o.admin, bookingCalendarId: id }))?.archivedAt).toEqual(archived.archivedAt);

    // Archiving again changes nothing; restoring brings it back at the same link.
    await archiveBookingCalendar({ actor: o.admin, bookingCalendarId: id });
    expect((await db.bookingCalendar.findUniqueOrThrow({ where: { id } })).archivedAt).toEqual(archived.archivedAt);
    await restoreBookingCalendar({ actor: o.admin, bookingCalendarId: id });
    expect(await db.bookingCalendar.findUniqueOrThrow({ where: { id } })).toMatchObject({ archivedAt: null, slug: archived.slug });
  });

  it("an archived calendar's link stays reserved, and the admin is told which calendar holds it", async () => {
    const o = await org();
    const input = calendar({ type: "SIMPLE", name: "Old consultation" });
    const { id } = await createBookingCalendar({ actor: o.admin, input });
    await archiveBookingCalendar({ actor: o.admin, bookingCalendarId: id });
    await expect(createBookingCalendar({ actor: o.admin, input: { ...input, name: "New consultation" } })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "slug",
      message: "That link belongs to the archived calendar “Old consultation”. Restore it, or choose another link.",
    });
    // Another organization learns nothing about it.
    const other = await org();
    await expect(createBookingCalendar({ actor: other.admin, input })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "slug",
      message: "That link is already used by another calendar.",
    });
  });

  it("no appointment can be written on an archived calendar, even by a booking that read it just before", async () => {
    const o = await org();
    const { id } = await createBookingCalendar({ actor: o.admin, input: calendar({ type: "SIMPLE" }) });
    // The archiving transaction holds the row; a booking inserting meanwhile waits, then is refused.
    const archiving = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await archiving.connect();
    try {
      await archiving.query("BEGIN");
      await archiving.query(`SELECT id FROM "BookingCalendar" WHERE id = $1 FOR UPDATE`, [id]);
      await archiving.query(`UPDATE "BookingCalendar" SET "archivedAt" = now() WHERE id = $1`, [id]);
      const racing = book(id, o.id, new Date(Date.now() + DAY)).then(
        () => "booked",
        (error: { code?: string }) => error.code,
      );
      await new Promise((r) => setTimeout(r, 300));
      await archiving.query("COMMIT");
      expect(await racing).toBe("P2003"); // the trigger's foreign_key_violation
    } finally {
      await archiving.end();
    }
    await expect(book(id, o.id, new Date(Date.now() + 2 * DAY))).rejects.toMatchObject({ code: "P2003" });
    expect(await db.appointment.count({ where: { bookingCalendarId: id } })).toBe(0);
  });
});

describe("who may", () => {
  async function world() {
    const a = await org();
    const b = await org();
    const { id } = await createBookingCalendar({ actor: a.admin, input: calendar({ type: "SERVICE" }) });
    const service = await createService({
      actor: a.admin,
      bookingCalendarId: id,
      input: { name: "Cut", durationMinutes: 30, staffIds: [a.alice.id] },
    });
    const before = await db.bookingCalendar.findUniqueOrThrow({
      where: { id },
      include: { services: { include: { staff: true } }, members: true },
    });
    return { a, b, id, serviceId: service.id, before };
  }
  const calls = (actor: Actor, id: string, serviceId: string) => ({
    update: () => updateBookingCalendar({ actor, bookingCalendarId: id, input: calendar({ type: "SERVICE", name: "Hijacked" }) }),
    archive: () => archiveBookingCalendar({ actor, bookingCalendarId: id }),
    restore: () => restoreBookingCalendar({ actor, bookingCalendarId: id }),
    createService: () =>
      createService({ actor, bookingCalendarId: id, input: { name: "Other", durationMinutes: 30, staffIds: [actor.userId] } }),
    updateService: () =>
      updateService({
        actor,
        bookingCalendarId: id,
        serviceId,
        input: { name: "Hijacked", durationMinutes: 30, staffIds: [actor.userId] },
      }),
    deleteService: () => deleteService({ actor, bookingCalendarId: id, serviceId }),
  });

  it("an admin of another organization finds nothing and changes nothing", async () => {
    const w = await world();
    expect(await getBookingCalendarForEdit({ actor: w.b.admin, bookingCalendarId: w.id })).toBeNull();
    for (const [name, call] of Object.entries(calls(w.b.admin, w.id, w.serviceId))) {
      await expect(call(), name).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(
      await db.bookingCalendar.findUniqueOrThrow({
        where: { id: w.id },
        include: { services: { include: { staff: true } }, members: true },
      }),
    ).toEqual(w.before);
  });

  it("staff are refused everything, even in their own organization", async () => {
    const w = await world();
    await expect(getBookingCalendarForEdit({ actor: w.a.staff, bookingCalendarId: w.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createBookingCalendar({ actor: w.a.staff, input: calendar({ type: "SIMPLE" }) })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    for (const [name, call] of Object.entries(calls(w.a.staff, w.id, w.serviceId))) {
      await expect(call(), name).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(
      await db.bookingCalendar.findUniqueOrThrow({
        where: { id: w.id },
        include: { services: { include: { staff: true } }, members: true },
      }),
    ).toEqual(w.before);
  });
});
