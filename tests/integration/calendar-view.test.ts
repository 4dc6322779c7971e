// The staff calendar view's data: lib/calendar-view/queries.ts against the real PostgreSQL, and the
// route handler GET /calendar/events called directly with a chosen session (auth() mocked).
// Times are real (bookings use the clock): a Wednesday at least a week ahead, in Berlin.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/(staff)/calendar/events/route";
import { addDays, zonedTimeToInstant } from "@/lib/availability";
import type { Actor } from "@/lib/auth/session";
import { cancelAppointment } from "@/lib/booking/cancel";
import { createBooking } from "@/lib/booking/create";
import { getCalendarFeed, listAppointmentItems, listBusyBlockItems, resolveViewedMembers } from "@/lib/calendar-view/queries";
import { db } from "@/lib/db";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";

const session = vi.hoisted(() => ({
  user: null as null | { id: string; organizationId: string; role: string; name: string; email: string },
}));
vi.mock("@/lib/auth/config", () => ({
  auth: async () => (session.user ? { user: { ...session.user }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
}));

type User = Awaited<ReturnType<typeof createUser>>;
const actorOf = (u: User): Actor => ({ userId: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email });
const signIn = (u: User | null) => {
  session.user = u && { id: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email };
};
beforeEach(() => signIn(null));

const ZONE = "Europe/Berlin";
const DATE = (() => {
  const d = new Date(Date.now() + 7 * 86_400_000);
  while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
})();
const at = (hour: number, date = DATE) => new Date(zonedTimeToInstant(date, hour * 60, ZONE));
const DAY = { start: at(0), end: at(24) };
const TWO_DAYS = { start: at(0), end: at(24, addDays(DATE, 1)) };

async function connection(
  user: User,
  calendars: { name: string; checkConflicts: boolean; missing?: boolean }[],
  status: "ACTIVE" | "DISCONNECTED" = "ACTIVE",
) {
  const base = `https://caldav.example.test/${uniqueSuffix()}/`;
  const conn = await db.calendarConnection.create({
    data: {
      organizationId: user.organizationId,
      userId: user.id,
      appleId: `${uniqueSuffix()}@icloud.test`,
      serverUrl: base,
      principalUrl: base,
      homeUrl: base,
      status,
    },
  });
  const rows = [];
  for (const c of calendars) {
    rows.push(
      await db.externalCalendar.create({
        data: {
          organizationId: user.organizationId,
          connectionId: conn.id,
          userId: user.id,
          url: `${base}${c.name}/`,
          displayName: c.name,
          color: "#ff2968",
          checkConflicts: c.checkConflicts,
          missingSince: c.missing ? new Date() : null,
          lastRefreshedAt: new Date(Date.now() - 120_000),
        },
      }),
    );
  }
  return rows;
}

async function block(
  calendar: { id: string; userId: string; organizationId: string },
  title: string,
  start: Date,
  end: Date,
  allDay = false,
) {
  await db.busyBlock.create({
    data: {
      organizationId: calendar.organizationId,
      userId: calendar.userId,
      externalCalendarId: calendar.id,
      objectUrl: `${title}.ics`,
      startsAt: start,
      endsAt: end,
      allDay,
      title,
    },
  });
}

/** Org with staff A and B and an admin; A has appointments of each kind and busy time on every kind of calendar. */
async function world() {
  const org = await createOrganization();
  const available = async () =>
    withWorkingHours(await createUser({ organizationId: org.id, timeZone: ZONE }), [0, 1, 2, 3, 4, 5, 6], 0, 24 * 60);
  const [a, b] = [await available(), await available()];
  const admin = await createUser({ organizationId: org.id, role: "ADMIN" });
  const book = async (memberId: string, start: Date, type: "ROUND_ROBIN" | "SIMPLE" | "CLASS" = "ROUND_ROBIN", seats = 1) => {
    const calendar = await createBookingCalendar({ organizationId: org.id, type, memberIds: [memberId] });
    if (type === "CLASS") {
      await db.classSession.create({
        data: {
          organizationId: org.id,
          bookingCalendarId: calendar.id,
          instructorId: memberId,
          title: "Pilates",
          startsAt: start,
          durationMinutes: 60,
          capacity: 4,
        },
      });
    }
    const results = [];
    for (let i = 0; i < seats; i++)
      results.push(await createBooking({ slug: calendar.slug, start: start.getTime(), timeZone: ZONE, customer: customer() }));
    return { calendar, ids: results.map((r) => r.id) };
  };
  const roundRobin = await book(a.id, at(10));
  const simple = await book(a.id, at(12), "SIMPLE");
  const pilates = await book(a.id, at(14), "CLASS", 2);
  const cancelled = await book(a.id, at(15));
  await cancelAppointment({ appointmentId: cancelled.ids[0]! });
  const tomorrow = await book(a.id, at(10, addDays(DATE, 1)));
  const ofB = await book(b.id, at(11));
  await db.remoteEvent.create({
    data: { organizationId: org.id, userId: a.id, appointmentId: roundRobin.ids[0]!, uid: `uid-${uniqueSuffix()}`, state: "FAILED" },
  });

  const [home, work, gone] = await connection(a, [
    { name: "Home", checkConflicts: true },
    { name: "Work", checkConflicts: false },
    { name: "Gone", checkConflicts: true, missing: true },
  ]);
  const [stale] = await connection(a, [{ name: "Stale", checkConflicts: true }], "DISCONNECTED");
  const [homeB] = await connection(b, [{ name: "B Home", checkConflicts: true }]);
  await block(home!, "Dentist", at(8), at(9));
  await block(home!, "Vacation", at(0), at(24), true);
  await block(home!, "Tomorrow thing", at(8, addDays(DATE, 1)), at(9, addDays(DATE, 1)));
  await block(home!, "Last week", at(8, addDays(DATE, -7)), at(9, addDays(DATE, -7)));
  await block(work!, "Work meeting", at(16), at(17));
  await block(gone!, "Old calendar", at(16), at(17));
  await block(stale!, "Disconnected", at(16), at(17));
  await block(homeB!, "B private", at(16), at(17));
  return { org, a, b, admin, roundRobin, simple, pilates, tomorrow, ofB };
}

/** Another organization with its own admin, staff, appointment and busy time on the same day. */
async function elsewhere() {
  const org = await createOrganization();
  const x = await withWorkingHours(await createUser({ organizationId: org.id, timeZone: ZONE }), [0, 1, 2, 3, 4, 5, 6], 0, 24 * 60);
  const admin = await createUser({ organizationId: org.id, role: "ADMIN" });
  const calendar = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: [x.id] });
  await createBooking({ slug: calendar.slug, start: at(9).getTime(), timeZone: ZONE, customer: customer() });
  const [cal] = await connection(x, [{ name: "Foreign", checkConflicts: true }]);
  await block(cal!, "Foreign secret", at(13), at(14));
  return { x, admin };
}

let w: Awaited<ReturnType<typeof world>>;
let other: Awaited<ReturnType<typeof elsewhere>>;
beforeAll(async () => {
  w = await world();
  other = await elsewhere();
});
const titles = (blocks: { title: string }[]) => blocks.map((b) => b.title);

describe("lib/calendar-view/queries.ts", () => {
  it("the owner sees their appointments of every kind and their busy titles, only from counted calendars", async () => {
    const feed = await getCalendarFeed({ actor: actorOf(w.a), ...DAY });
    expect(feed.members.map((m) => m.id)).toEqual([w.a.id]);
    expect(feed.appointments.map((i) => [i.kind, i.calendarName, i.href, i.iCloud])).toEqual([
      // A has connections but no primary calendar: in the appointment page's words, "No iCloud sync".
      ["appointment", w.roundRobin.calendar.name, `/appointments/${w.roundRobin.ids[0]}`, { state: "NO_PRIMARY", label: "No iCloud sync" }],
      ["appointment", w.simple.calendar.name, `/appointments/${w.simple.ids[0]}`, null],
      ["class", w.pilates.calendar.name, `/appointments/${w.pilates.ids[0]}`, { state: "NO_PRIMARY", label: "No iCloud sync" }],
    ]);
    expect(feed.appointments[0]).toMatchObject({
      start: at(10),
      customerName: expect.stringMatching(/^Customer /),
      staff: { id: w.a.id, name: w.a.name },
    });
    expect(feed.appointments[2]).toMatchObject({ classTitle: "Pilates", seatsBooked: 2, capacity: 4, customerName: null });
    expect(titles(feed.busyBlocks)).toEqual(["Vacation", "Dentist"]);
    expect(feed.busyBlocks[0]).toMatchObject({ allDay: { start: DATE, end: addDays(DATE, 1) }, calendarName: "Home", color: "#ff2968" });
    expect(feed.busyBlocks[1]).toMatchObject({ allDay: null, start: at(8), end: at(9), lastRefreshedAt: expect.any(Date) });
    expect(feed.calendars.map((c) => [c.displayName, c.connectionStatus])).toEqual([["Home", "ACTIVE"]]);
  });

  it("filters by range: what lies outside is left out, a longer range takes it in", async () => {
    const feed = await getCalendarFeed({ actor: actorOf(w.a), ...TWO_DAYS });
    expect(titles(feed.busyBlocks)).toEqual(["Vacation", "Dentist", "Tomorrow thing"]);
    expect(feed.appointments.map((i) => i.href)).toContain(`/appointments/${w.tomorrow.ids[0]}`);
    const day = await getCalendarFeed({ actor: actorOf(w.a), ...DAY });
    expect(day.appointments.map((i) => i.href)).not.toContain(`/appointments/${w.tomorrow.ids[0]}`);
    const edge = await getCalendarFeed({ actor: actorOf(w.a), start: at(9), end: at(10) });
    expect(titles(edge.busyBlocks)).toEqual(["Vacation"]); // Dentist ends at 9: touching is not overlapping
    expect(edge.appointments).toEqual([]);
  });

  it('an admin sees a member\'s busy time as "Busy" only; another staff member is refused, and sees only "Busy" even when asked directly', async () => {
    const asAdmin = await getCalendarFeed({ actor: actorOf(w.admin), staffId: w.a.id, ...DAY });
    expect(titles(asAdmin.busyBlocks)).toEqual(["Busy", "Busy"]);
    expect(JSON.stringify(asAdmin)).not.toMatch(/Dentist|Vacation/);
    // The member's own view of the same blocks keeps the titles.
    expect(titles((await getCalendarFeed({ actor: actorOf(w.a), ...DAY })).busyBlocks)).toEqual(["Vacation", "Dentist"]);
    await expect(getCalendarFeed({ actor: actorOf(w.b), staffId: w.a.id, ...DAY })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getCalendarFeed({ actor: actorOf(w.b), staffId: "team", ...DAY })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const members = await resolveViewedMembers({ actor: actorOf(w.a) });
    const asColleague = await listBusyBlockItems({ actor: actorOf(w.b), members, ...DAY });
    expect(asColleague).toHaveLength(2);
    expect(titles(asColleague)).toEqual(["Busy", "Busy"]);
    expect(JSON.stringify(asColleague)).not.toMatch(/Dentist|Vacation/);
  });

  it("the team view returns every member's items, each with its member, titles hidden from the admin", async () => {
    const feed = await getCalendarFeed({ actor: actorOf(w.admin), staffId: "team", ...DAY });
    expect(new Set(feed.members.map((m) => m.id))).toEqual(new Set([w.a.id, w.b.id, w.admin.id]));
    expect(titles(feed.busyBlocks)).toEqual(["Busy", "Busy", "Busy"]);
    expect(JSON.stringify(feed)).not.toMatch(/B private|Dentist|Vacation/);
    expect(feed.busyBlocks.filter((b) => b.staff.id === w.b.id).map((b) => b.staff)).toEqual([{ id: w.b.id, name: w.b.name }]);
    expect(feed.appointments.map((i) => i.staff.id).sort()).toEqual([w.a.id, w.a.id, w.a.id, w.b.id].sort());
    expect(feed.calendars.map((c) => c.displayName).sort()).toEqual(["B Home", "Home"]);
  });

  it("never shows another organization's data", async () => {
    const own = await getCalendarFeed({ actor: actorOf(w.admin), staffId: "team", ...DAY });
    expect(JSON.stringify(own)).not.toMatch(/Foreign/);
    expect(JSON.stringify(own)).not.toContain(other.x.id);
    await expect(getCalendarFeed({ actor: actorOf(w.admin), staffId: other.x.id, ...DAY })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getCalendarFeed({ actor: actorOf(other.admin), staffId: w.a.id, ...DAY })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const foreignTeam = await getCalendarFeed({ actor: actorOf(other.admin), staffId: "team", ...DAY });
    expect(titles(foreignTeam.busyBlocks)).toEqual(["Busy"]);
    expect(foreignTeam.busyBlocks.map((b) => b.staff.id)).toEqual([other.x.id]);
    expect(foreignTeam.appointments.map((i) => i.staff.id)).toEqual([other.x.id]);
    // Even handed another organization's member directly, the queries stay inside the actor's organization.
    const foreigner = [{ id: other.x.id, name: "x", timeZone: ZONE }];
    expect(await listBusyBlockItems({ actor: actorOf(w.admin), members: foreigner, ...DAY })).toEqual([]);
    expect(await listAppointmentItems({ organizationId: w.org.id, members: foreigner, ...DAY })).toEqual([]);
  });
});

describe("GET /calendar/events", () => {
  const url = (params: Record<string, string>) =>
    new Request(
      `http://localhost/calendar/events?${new URLSearchParams({ start: DAY.start.toISOString(), end: DAY.end.toISOString(), ...params })}`,
    );

  it("anonymous → 401", async () => {
    const response = await GET(url({}));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });

  it("staff asking for another member or the team → 403; for themselves → 200", async () => {
    signIn(w.b);
    for (const staffId of [w.a.id, "team"]) {
      const response = await GET(url({ staffId }));
      expect(response.status).toBe(403);
      expect(JSON.stringify(await response.json())).not.toMatch(/Dentist|Vacation/);
    }
    const own = await GET(url({}));
    expect(own.status).toBe(200);
    expect((await own.json()).busyBlocks.map((b: { title: string }) => b.title)).toEqual(["B private"]);
  });

  it("an admin gets a member's feed without titles, or the team's; bad input → 422", async () => {
    signIn(w.admin);
    const response = await GET(url({ staffId: w.a.id }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const body = await response.json();
    expect(body.busyBlocks.map((b: { title: string }) => b.title)).toEqual(["Busy", "Busy"]);
    expect(JSON.stringify(body)).not.toMatch(/Dentist|Vacation/);
    expect(body.appointments[0]).toMatchObject({ start: at(10).toISOString(), iCloud: { state: "NO_PRIMARY", label: "No iCloud sync" } });
    expect((await GET(url({ staffId: "team" }))).status).toBe(200);
    expect((await GET(url({ start: "yesterday" }))).status).toBe(422);
    expect((await GET(url({ end: new Date(DAY.start.getTime() + 90 * 86_400_000).toISOString() }))).status).toBe(422);
  });
});
