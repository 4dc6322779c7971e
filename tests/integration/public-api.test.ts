// The public JSON API (docs/ARCHITECTURE.md), its route handlers called directly against the real
// PostgreSQL. The handlers use the clock, so bookings go on the first Wednesday of the coming
// January: always within the booking window, and always CET (+01:00) in Berlin.
import { describe, expect, it } from "vitest";
import { GET as icsGET } from "@/app/api/public/bookings/[id]/ics/route";
import { POST as cancelPOST } from "@/app/api/public/bookings/[id]/cancel/route";
import { POST as reschedulePOST } from "@/app/api/public/bookings/[id]/reschedule/route";
import { POST as bookingsPOST } from "@/app/api/public/calendars/[slug]/bookings/route";
import { GET as slotsGET } from "@/app/api/public/calendars/[slug]/slots/route";
import { getManageContext, getPublicCalendar } from "@/lib/booking/public";
import { publicStaffId } from "@/lib/booking/public-ids";
import { db } from "@/lib/db";
import { createBookingCalendar, newOrganizationWithStaff } from "../support/booking-factories";
import { uniqueSuffix } from "../support/factories";

const DATE = (() => {
  const d = new Date(Date.now() + 2 * 86_400_000);
  while (d.getUTCMonth() !== 0 || d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
})();
const berlin = (time: string) => `${DATE}T${time}:00+01:00`;
const BASE = "http://crm.test/api/public";

/** A fresh client address per call site, so the write rate limit of one test never hits another. */
const client = () => ({
  "x-forwarded-for": `198.18.${parseInt(uniqueSuffix().slice(0, 2), 16)}.${parseInt(uniqueSuffix().slice(0, 2), 16)}`,
});

async function slots(slug: string, query: Record<string, string>) {
  const res = await slotsGET(new Request(`${BASE}/calendars/${slug}/slots?${new URLSearchParams(query)}`), {
    params: Promise.resolve({ slug }),
  });
  return { status: res.status, text: await res.text() };
}
const day = { start: berlin("00:00"), end: `${DATE}T23:59:00+01:00`, timeZone: "Europe/Berlin" };

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;
async function post<P>(handler: Handler<P>, path: string, params: P, body: unknown, headers: Record<string, string> = client()) {
  const request = new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const res = await handler(request, { params: Promise.resolve(params) });
  return { status: res.status, headers: res.headers, body: await res.json() };
}
const person = () => ({ name: "Ada Customer", email: `ada-${uniqueSuffix()}@example.test`, timeZone: "Europe/Berlin" });
const book = (slug: string, start: string, headers?: Record<string, string>) =>
  post(bookingsPOST, `/calendars/${slug}/bookings`, { slug }, { ...person(), start }, headers);

async function calendar(members = 1) {
  const { org, staff } = await newOrganizationWithStaff(members);
  const cal = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: staff.map((s) => s.id) });
  return { org, staff, slug: cal.slug };
}

describe("GET slots", () => {
  it("200 with { timeZone, slots: [{ start, end }] } in the requested zone", async () => {
    const { slug } = await calendar();
    const res = await slots(slug, day);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(Object.keys(body).sort()).toEqual(["slots", "timeZone"]);
    expect(body.timeZone).toBe("Europe/Berlin");
    expect(body.slots).toHaveLength(16); // 09:00–17:00 in 30-minute slots
    expect(body.slots[2]).toEqual({ start: berlin("10:00"), end: berlin("10:30") });
    const ny = JSON.parse((await slots(slug, { ...day, timeZone: "America/New_York" })).text);
    expect(ny.slots[2]).toEqual({ start: `${DATE}T04:00:00-05:00`, end: `${DATE}T04:30:00-05:00` });
  });

  it.each([
    ["missing timeZone", { start: day.start, end: day.end }],
    ["unknown timeZone", { ...day, timeZone: "Mars/Olympus" }],
    ["end before start", { ...day, end: `${DATE}T00:00:00+02:00` }],
    ["range over 62 days", { ...day, end: new Date(Date.parse(day.start) + 63 * 86_400_000).toISOString() }],
    ["no offset", { ...day, start: `${DATE}T00:00:00` }],
  ])("422 for %s", async (_label, query) => {
    const { slug } = await calendar();
    const res = await slots(slug, query as Record<string, string>);
    expect(res.status).toBe(422);
    expect(JSON.parse(res.text)).toEqual({ error: { code: "INVALID_INPUT", message: expect.any(String) } });
  });

  it("404 for an unknown slug", async () => {
    expect((await slots(`nope-${uniqueSuffix()}`, day)).status).toBe(404);
    expect((await book(`nope-${uniqueSuffix()}`, berlin("10:00"))).body.error.code).toBe("NOT_FOUND");
  });

  it("404 for an archived calendar: its page, its slots and new bookings; restored, it answers again", async () => {
    const { slug } = await calendar();
    await db.bookingCalendar.update({ where: { slug }, data: { archivedAt: new Date() } });
    expect(await getPublicCalendar(slug)).toBeNull();
    expect((await slots(slug, day)).status).toBe(404);
    const refused = await book(slug, berlin("10:00"));
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("NOT_FOUND");
    expect(await db.appointment.count({ where: { bookingCalendar: { slug } } })).toBe(0);
    await db.bookingCalendar.update({ where: { slug }, data: { archivedAt: null } });
    expect((await getPublicCalendar(slug))?.slug).toBe(slug);
    expect((await slots(slug, day)).status).toBe(200);
  });

  it("never shows staff ids or busy-block titles; the busy time just disappears", async () => {
    const { org, staff, slug } = await calendar();
    const userId = staff[0]!.id;
    const connection = await db.calendarConnection.create({
      data: {
        organizationId: org.id,
        userId,
        appleId: "x@icloud.test",
        serverUrl: "https://caldav.test",
        principalUrl: "/p/",
        homeUrl: "/h/",
      },
    });
    const external = await db.externalCalendar.create({
      // Freshly read: stale or never-read iCloud data would make the member unavailable altogether.
      data: {
        organizationId: org.id,
        connectionId: connection.id,
        userId,
        url: "/h/work/",
        displayName: "Work",
        components: ["VEVENT"],
        checkConflicts: true,
        lastRefreshedAt: new Date(),
      },
    });
    const title = `Divorce lawyer ${uniqueSuffix()}`;
    await db.busyBlock.create({
      data: {
        organizationId: org.id,
        userId,
        externalCalendarId: external.id,
        objectUrl: "/h/work/1.ics",
        title,
        startsAt: new Date(berlin("10:00")),
        endsAt: new Date(berlin("11:00")),
      },
    });
    const res = await slots(slug, day);
    const starts = JSON.parse(res.text).slots.map((s: { start: string }) => s.start);
    expect(starts).toContain(berlin("09:30"));
    expect(starts).not.toContain(berlin("10:00"));
    expect(starts).not.toContain(berlin("10:30"));
    expect(starts).toContain(berlin("11:00"));
    for (const secret of [title, "Divorce", userId, "staff", connection.id, external.id]) expect(res.text).not.toContain(secret);
  });
});

describe("POST bookings", () => {
  it("201 { id, start, end, staff, manageToken }; 409 when taken; the same Idempotency-Key gives the same booking", async () => {
    const { staff, slug } = await calendar();
    const created = await book(slug, berlin("10:00"));
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(["end", "id", "manageToken", "staff", "start"]);
    expect(created.body).toMatchObject({
      start: berlin("10:00"),
      end: berlin("10:30"),
      staff: [{ id: publicStaffId(staff[0]!.id), name: staff[0]!.name }],
    });
    // The public handle is stable and is not the staff member's user id.
    expect(created.body.staff[0].id).toMatch(/^staff_[A-Za-z0-9_-]{22}$/);
    expect(JSON.stringify(created.body)).not.toContain(staff[0]!.id);

    const taken = await book(slug, berlin("10:00"));
    expect(taken.status).toBe(409);
    expect(taken.body).toEqual({ error: { code: "CONFLICT", message: expect.stringContaining("no longer available") } });

    const key = { ...client(), "idempotency-key": `retry-${uniqueSuffix()}` };
    const body = { ...person(), start: berlin("11:00") };
    const first = await post(bookingsPOST, `/calendars/${slug}/bookings`, { slug }, body, key);
    // A retry: the same body, the key's case-insensitive email spelled differently.
    const again = await post(bookingsPOST, `/calendars/${slug}/bookings`, { slug }, { ...body, email: body.email.toUpperCase() }, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await db.appointment.count({ where: { bookingCalendar: { slug }, startsAt: new Date(berlin("11:00")) } })).toBe(1);
    // The same key with another request is refused, and books nothing.
    for (const other of [
      { ...body, start: berlin("12:00") },
      { ...body, name: "Someone Else" },
      { ...person(), start: berlin("11:00") },
    ]) {
      const reused = await post(bookingsPOST, `/calendars/${slug}/bookings`, { slug }, other, key);
      expect(reused).toMatchObject({
        status: 422,
        body: { error: { code: "INVALID_INPUT", message: expect.stringContaining("Idempotency-Key was already used") } },
      });
    }
    expect(await db.appointment.count({ where: { bookingCalendar: { slug } } })).toBe(2);
  });

  it.each([
    ["not JSON", "{oops"],
    ["no name", { email: "a@example.test", timeZone: "Europe/Berlin", start: "2030-01-01T10:00:00+01:00" }],
    ["a bad email", { ...{ name: "A", timeZone: "Europe/Berlin", start: "2030-01-01T10:00:00+01:00" }, email: "nope" }],
    ["a start without offset", { name: "A", email: "a@example.test", timeZone: "Europe/Berlin", start: "2030-01-01T10:00" }],
  ])("422 for %s", async (_label, body) => {
    const { slug } = await calendar();
    const res = await post(bookingsPOST, `/calendars/${slug}/bookings`, { slug }, body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("INVALID_INPUT");
  });
});

describe("manage links", () => {
  it("reschedule 200/409/403, the .ics, and cancel 200/403", async () => {
    const { slug } = await calendar();
    const { body: booking } = await book(slug, berlin("10:00"));
    await book(slug, berlin("12:00")); // someone else takes 12:00
    const path = `/bookings/${booking.id}`;
    const params = { id: booking.id };
    const reschedule = (start: string, token = booking.manageToken) => post(reschedulePOST, `${path}/reschedule`, params, { token, start });

    expect(await reschedule(berlin("11:00"))).toMatchObject({
      status: 200,
      body: { id: booking.id, status: "CONFIRMED", start: berlin("11:00") },
    });
    expect(await reschedule(berlin("12:00"))).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });
    expect(await reschedule(berlin("13:00"), "forged")).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });

    const ics = await icsGET(new Request(`${BASE}${path}/ics?token=${booking.manageToken}`), { params: Promise.resolve(params) });
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toMatch(/^text\/calendar/);
    const text = await ics.text();
    expect(text).toContain("BEGIN:VEVENT");
    expect(text).toContain(`DTSTART:${DATE.replaceAll("-", "")}T100000Z`); // 11:00 in Berlin
    const forged = await icsGET(new Request(`${BASE}${path}/ics?token=forged`), { params: Promise.resolve(params) });
    expect(forged.status).toBe(403);

    expect(await post(cancelPOST, `${path}/cancel`, params, { token: "forged" })).toMatchObject({ status: 403 });
    expect(await post(cancelPOST, `${path}/cancel`, params, { token: booking.manageToken })).toMatchObject({
      status: 200,
      body: { id: booking.id, status: "CANCELLED", start: berlin("11:00") },
    });
  });

  it("once the calendar is archived its bookings can't be moved (409; a wrong link still 403) but can be cancelled", async () => {
    const { slug } = await calendar();
    const { body: booking } = await book(slug, berlin("10:00"));
    await db.bookingCalendar.update({ where: { slug }, data: { archivedAt: new Date() } });
    const path = `/bookings/${booking.id}`;
    const params = { id: booking.id };

    expect(await post(reschedulePOST, `${path}/reschedule`, params, { token: "forged", start: berlin("11:00") })).toMatchObject({
      status: 403,
    });
    expect(await post(reschedulePOST, `${path}/reschedule`, params, { token: booking.manageToken, start: berlin("11:00") })).toMatchObject({
      status: 409,
      body: { error: { code: "CONFLICT", message: expect.stringContaining("can still be cancelled") } },
    });
    expect((await db.appointment.findUniqueOrThrow({ where: { id: booking.id } })).startsAt.toISOString()).toBe(
      new Date(berlin("10:00")).toISOString(),
    );
    expect(await post(cancelPOST, `${path}/cancel`, params, { token: booking.manageToken })).toMatchObject({
      status: 200,
      body: { status: "CANCELLED" },
    });
  });

  it("rate limits writes per client: 429 with Retry-After", async () => {
    const { slug } = await calendar();
    const saved = process.env.PUBLIC_WRITE_RATE_LIMIT;
    process.env.PUBLIC_WRITE_RATE_LIMIT = "3";
    try {
      const me = client();
      for (const time of ["10:00", "10:30", "11:00"]) expect((await book(slug, berlin(time), me)).status).toBe(201);
      const limited = await book(slug, berlin("11:30"), me);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe("RATE_LIMITED");
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect((await book(slug, berlin("11:30"), client())).status).toBe(201); // another client is unaffected
    } finally {
      if (saved === undefined) delete process.env.PUBLIC_WRITE_RATE_LIMIT;
      else process.env.PUBLIC_WRITE_RATE_LIMIT = saved;
    }
  });
});

describe("what the customer's pages show", () => {
  it("a class calendar's length is its sessions' own: one length, or the range; past one-off sessions don't count", async () => {
    const { org, staff } = await newOrganizationWithStaff(1);
    const cal = await createBookingCalendar({ organizationId: org.id, type: "CLASS", memberIds: [staff[0]!.id], durationMinutes: 30 });
    const session = (durationMinutes: number, startsAt: string, recurrence: "NONE" | "WEEKLY" = "NONE") =>
      db.classSession.create({
        data: {
          organizationId: org.id,
          bookingCalendarId: cal.id,
          instructorId: staff[0]!.id,
          title: "C",
          startsAt: new Date(startsAt),
          durationMinutes,
          capacity: 4,
          recurrence,
        },
      });
    expect((await getPublicCalendar(cal.slug))?.lengthLabel).toBeNull(); // no sessions: no length to claim
    await session(60, berlin("10:00"));
    expect((await getPublicCalendar(cal.slug))?.lengthLabel).toBe("60 minutes");
    await session(45, berlin("18:00"), "WEEKLY");
    expect((await getPublicCalendar(cal.slug))?.lengthLabel).toBe("45–60 minutes");
    await session(120, "2020-01-01T10:00:00Z"); // long over
    expect((await getPublicCalendar(cal.slug))?.lengthLabel).toBe("45–60 minutes");

    const simple = await calendar();
    expect((await getPublicCalendar(simple.slug))?.lengthLabel).toBe("30 minutes");
  });

  it("the manage page names the organization, keeps who a cancelled booking was with, and drops the booking page once archived", async () => {
    const { org, staff, slug } = await calendar();
    const { body: booking } = await book(slug, berlin("10:00"));
    const organization = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    const who = [{ id: publicStaffId(staff[0]!.id), name: staff[0]!.name }];
    expect(await getManageContext(booking.id)).toEqual({ organizationName: organization.name, bookingPageSlug: slug, staff: who });

    await post(
      reschedulePOST,
      `/bookings/${booking.id}/reschedule`,
      { id: booking.id },
      { token: booking.manageToken, start: berlin("11:00") },
    );
    await post(cancelPOST, `/bookings/${booking.id}/cancel`, { id: booking.id }, { token: booking.manageToken });
    expect((await getManageContext(booking.id))?.staff).toEqual(who);

    await db.bookingCalendar.update({ where: { slug }, data: { archivedAt: new Date() } });
    expect((await getManageContext(booking.id))?.bookingPageSlug).toBeNull();
    expect(await getManageContext(`nope-${uniqueSuffix()}`)).toBeNull();
  });
});
