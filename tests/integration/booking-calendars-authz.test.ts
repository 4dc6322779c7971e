// Server actions are public POST endpoints: each must check the session and the permission itself.
// Calls the booking-calendar and working-hours actions directly with a chosen session (next-auth's
// auth() mocked) against the real PostgreSQL, and checks that refused calls change nothing.
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as calendarActions from "@/components/booking-calendars/actions";
import * as hoursActions from "@/components/working-hours/actions";
import type { FormState } from "@/lib/auth/form-state";
import { createBookingCalendar } from "@/lib/booking-calendars/calendars";
import { createClassSession } from "@/lib/booking-calendars/class-sessions";
import { createService } from "@/lib/booking-calendars/services";
import { db } from "@/lib/db";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";

type User = Awaited<ReturnType<typeof createUser>>;

const session = vi.hoisted(() => ({
  user: null as null | { id: string; organizationId: string; role: string; name: string; email: string },
}));
vi.mock("@/lib/auth/config", () => ({
  auth: async () => (session.user ? { user: { ...session.user }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
}));
const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath, revalidateTag: vi.fn() }));

beforeEach(() => {
  session.user = null;
  revalidatePath.mockClear();
});

const actorOf = (u: User) => ({ userId: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email });
const signIn = (u: User | null) => {
  session.user = u && { id: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email };
};

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

const settings = (fields: Record<string, string>) => ({
  timeZone: "Europe/Berlin",
  durationMinutes: "30",
  bufferBeforeMinutes: "0",
  bufferAfterMinutes: "0",
  minimumNoticeMinutes: "60",
  windowRollingDays: "60",
  ...fields,
});

/** Organization A (admin, staff, a service calendar and a class calendar) and an admin of B. */
async function world() {
  const a = await createOrganization();
  const b = await createOrganization();
  const admin = await createUser({ organizationId: a.id, role: "ADMIN" });
  const staff = await createUser({ organizationId: a.id });
  const foreignAdmin = await createUser({ organizationId: b.id, role: "ADMIN" });
  const base = {
    type: "SERVICE" as const,
    name: "Salon",
    slug: `salon-${uniqueSuffix()}`,
    description: "",
    timeZone: "Europe/Berlin",
    durationMinutes: 30,
    slotIntervalMinutes: null,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNoticeMinutes: 60,
    windowRollingDays: 60,
    windowStartDate: null,
    windowEndDate: null,
    maxPerDayPerStaff: null,
    maxPerDayTotal: null,
    roundRobinMode: "OPTIMIZE_AVAILABILITY" as const,
    reminderMinutes: 1440,
    members: [],
  };
  const services = await createBookingCalendar({ actor: actorOf(admin), input: base });
  const classes = await createBookingCalendar({
    actor: actorOf(admin),
    input: { ...base, type: "CLASS", name: "Classes", slug: `classes-${uniqueSuffix()}` },
  });
  const service = await createService({
    actor: actorOf(admin),
    bookingCalendarId: services.id,
    input: { name: "Cut", durationMinutes: 30, staffIds: [staff.id] },
  });
  const klass = await createClassSession({
    actor: actorOf(admin),
    bookingCalendarId: classes.id,
    input: {
      title: "Yoga",
      instructorId: staff.id,
      date: "2031-01-06",
      time: "18:00",
      durationMinutes: 60,
      capacity: 10,
      recurrence: "WEEKLY",
      repeatUntil: null,
    },
  });
  const retired = await createBookingCalendar({
    actor: actorOf(admin),
    input: { ...base, type: "SIMPLE", name: "Retired", slug: `retired-${uniqueSuffix()}` },
  });
  await db.bookingCalendar.update({ where: { id: retired.id }, data: { archivedAt: new Date() } });
  const slug = `new-${uniqueSuffix()}`;
  const forms = {
    create: () => form({ type: "ROUND_ROBIN", name: "New", slug, memberIds: [staff.id], [`priority.${staff.id}`]: "3", ...settings({}) }),
    update: () =>
      form({
        bookingCalendarId: services.id,
        type: "SERVICE",
        name: "Hijacked",
        slug: base.slug,
        ...settings({ bufferAfterMinutes: "15" }),
      }),
    archive: () => form({ bookingCalendarId: classes.id }),
    restore: () => form({ bookingCalendarId: retired.id }),
    addService: () => form({ bookingCalendarId: services.id, name: "Colour", durationMinutes: "90", staffIds: [staff.id] }),
    editService: () =>
      form({ bookingCalendarId: services.id, serviceId: service.id, name: "Hijacked", durationMinutes: "15", staffIds: [staff.id] }),
    removeService: () => form({ bookingCalendarId: services.id, serviceId: service.id }),
    addClass: () =>
      form({
        bookingCalendarId: classes.id,
        title: "Pilates",
        instructorId: staff.id,
        date: "2031-02-03",
        time: "09:00",
        durationMinutes: "45",
        capacity: "8",
        recurrence: "NONE",
      }),
    editClass: () =>
      form({
        bookingCalendarId: classes.id,
        sessionId: klass.id,
        title: "Hijacked",
        instructorId: staff.id,
        date: "2031-01-06",
        time: "18:00",
        durationMinutes: "60",
        capacity: "3",
        recurrence: "WEEKLY",
      }),
    removeClass: () => form({ bookingCalendarId: classes.id, sessionId: klass.id }),
  };
  return { a, admin, staff, foreignAdmin, slug, forms };
}
type Name = keyof Awaited<ReturnType<typeof world>>["forms"];
const NAMES: Name[] = [
  "create",
  "update",
  "archive",
  "restore",
  "addService",
  "editService",
  "removeService",
  "addClass",
  "editClass",
  "removeClass",
];

function call(name: Name, data: FormData): Promise<FormState> {
  const a = calendarActions;
  const byName = {
    create: a.createBookingCalendarAction,
    update: a.updateBookingCalendarAction,
    archive: a.archiveBookingCalendarAction,
    restore: a.restoreBookingCalendarAction,
    addService: a.saveServiceAction,
    editService: a.saveServiceAction,
    removeService: a.deleteServiceAction,
    addClass: a.saveClassSessionAction,
    editClass: a.saveClassSessionAction,
    removeClass: a.deleteClassSessionAction,
  };
  return byName[name](null, data);
}

/** Everything the actions could change in organization A. */
async function snapshot(organizationId: string, slug: string) {
  const [calendars, created] = await Promise.all([
    db.bookingCalendar.findMany({
      where: { organizationId },
      orderBy: { id: "asc" },
      include: {
        members: { orderBy: { id: "asc" } },
        services: { orderBy: { id: "asc" }, include: { staff: true } },
        classSessions: { orderBy: { id: "asc" } },
      },
    }),
    db.bookingCalendar.count({ where: { slug } }),
  ]);
  return { calendars, created };
}

/** A success is `{ ok: true }` or, for actions that leave the page, Next's redirect (thrown). */
async function succeeded(promise: Promise<FormState>) {
  const outcome = await promise.catch((e: unknown) => e);
  if (outcome && typeof outcome === "object" && "digest" in outcome) expect(String(outcome.digest)).toMatch(/^NEXT_REDIRECT/);
  else expect(outcome).toMatchObject({ ok: true });
}

describe("booking-calendar actions", () => {
  it.each(NAMES)("anonymous %s → UNAUTHENTICATED, nothing changed", async (name) => {
    const w = await world();
    const before = await snapshot(w.a.id, w.slug);
    signIn(null);
    expect(await call(name, w.forms[name]())).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await snapshot(w.a.id, w.slug)).toEqual(before);
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it.each(NAMES)("staff %s → FORBIDDEN, nothing changed", async (name) => {
    const w = await world();
    const before = await snapshot(w.a.id, w.slug);
    signIn(w.staff);
    expect(await call(name, w.forms[name]())).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await snapshot(w.a.id, w.slug)).toEqual(before);
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it.each(NAMES)("an admin of another organization: %s is refused, nothing changed", async (name) => {
    const w = await world();
    const before = await snapshot(w.a.id, w.slug);
    signIn(w.foreignAdmin);
    const result = await call(name, w.forms[name]());
    // Creating lands in the admin's own organization, where A's staff can't be members.
    const codes = name === "create" ? ["INVALID_INPUT"] : ["FORBIDDEN", "NOT_FOUND"];
    expect(result).toMatchObject({ ok: false });
    expect(codes).toContain((result as { code?: string }).code);
    expect(await snapshot(w.a.id, w.slug)).toEqual(before);
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it.each(NAMES)("the organization's admin: the same %s form succeeds (the refusals above are about who, not what)", async (name) => {
    const w = await world();
    const before = await snapshot(w.a.id, w.slug);
    signIn(w.admin);
    await succeeded(call(name, w.forms[name]()));
    expect(await snapshot(w.a.id, w.slug)).not.toEqual(before);
    expect(revalidatePath).toHaveBeenCalled();
  });
});

describe("working-hours actions", () => {
  const hours = (userId: string) => form({ userId, timeZone: "Asia/Tokyo", "start-5": "10:00", "end-5": "14:00" });
  const override = (userId: string) => form({ userId, date: "2099-01-02", kind: "off" });
  const stored = async (userId: string) => ({
    user: await db.user.findUniqueOrThrow({ where: { id: userId }, select: { timeZone: true } }),
    hours: await db.workingHours.findMany({ where: { userId } }),
    overrides: await db.workingHoursOverride.findMany({ where: { userId } }),
  });

  it("anonymous, another staff member and another organization's admin are refused; nothing changes", async () => {
    const w = await world();
    const colleague = await createUser({ organizationId: w.a.id });
    const before = await stored(w.staff.id);
    for (const [who, code] of [
      [null, "UNAUTHENTICATED"],
      [colleague, "FORBIDDEN"],
      [w.foreignAdmin, "FORBIDDEN"],
    ] as const) {
      signIn(who);
      expect(await hoursActions.saveWorkingHoursAction(null, hours(w.staff.id))).toMatchObject({ ok: false, code });
      expect(await hoursActions.setOverrideAction(null, override(w.staff.id))).toMatchObject({ ok: false, code });
      expect(await hoursActions.removeOverrideAction(null, form({ userId: w.staff.id, date: "2099-01-02" }))).toMatchObject({
        ok: false,
        code,
      });
    }
    expect(await stored(w.staff.id)).toEqual(before);
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("the staff member and their admin succeed", async () => {
    const w = await world();
    signIn(w.staff);
    expect(await hoursActions.saveWorkingHoursAction(null, hours(w.staff.id))).toMatchObject({ ok: true });
    signIn(w.admin);
    expect(await hoursActions.setOverrideAction(null, override(w.staff.id))).toMatchObject({ ok: true });
    const after = await stored(w.staff.id);
    expect(after.user.timeZone).toBe("Asia/Tokyo");
    expect(after.hours).toMatchObject([{ weekday: 5, startMinute: 600, endMinute: 840 }]);
    expect(after.overrides).toMatchObject([{ startMinute: null, endMinute: null }]);
    signIn(w.staff);
    expect(await hoursActions.removeOverrideAction(null, form({ userId: w.staff.id, date: "2099-01-02" }))).toMatchObject({ ok: true });
    expect(revalidatePath).toHaveBeenCalledWith(`/admin/team/${w.staff.id}`);
  });
});
