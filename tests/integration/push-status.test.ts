// The iCloud sync state shown per staff member on an appointment (lib/sync/push/status.ts), from
// RemoteEvent rows and connection rows made directly, and who may ask for a push: the server
// action called with a chosen session (next-auth's auth() mocked), against the real PostgreSQL.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { requestPushAction } from "@/components/appointments/actions";
import { zonedTimeToInstant } from "@/lib/availability";
import { cancelAppointment } from "@/lib/booking/cancel";
import { createBooking } from "@/lib/booking/create";
import { db } from "@/lib/db";
import type { BookingCalendarType } from "@/lib/generated/prisma/client";
import { pushStatesFor } from "@/lib/sync/push/status";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";

const session = vi.hoisted(() => ({
  user: null as null | { id: string; organizationId: string; role: string; name: string; email: string },
}));
vi.mock("@/lib/auth/config", () => ({
  auth: async () => (session.user ? { user: { ...session.user }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
}));
const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath, revalidateTag: vi.fn() }));

type User = Awaited<ReturnType<typeof createUser>>;
const signIn = (u: User | null) => {
  session.user = u && { id: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email };
};
beforeEach(() => {
  session.user = null;
  revalidatePath.mockClear();
});

const ZONE = "Europe/Berlin";
const DATE = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10);
const at = (hour: number) => zonedTimeToInstant(DATE, hour * 60, ZONE);

async function jobKeys(appointmentId: string): Promise<string[]> {
  const rows = await db.$queryRaw<
    { key: string }[]
  >`SELECT key FROM graphile_worker.jobs WHERE key LIKE ${`push_appointment:${appointmentId}:%`} ORDER BY key`;
  return rows.map((r) => r.key);
}
async function clearJobs(appointmentId: string) {
  for (const key of await jobKeys(appointmentId)) await db.$queryRaw`SELECT graphile_worker.remove_job(${key})`;
}

/** An iCloud connection row as connect would leave it (no CalDAV needed to read states). */
async function connection(user: User, options: { status?: "ACTIVE" | "NEEDS_REAUTH"; primary?: boolean } = {}) {
  const row = await db.calendarConnection.create({
    data: {
      organizationId: user.organizationId,
      userId: user.id,
      appleId: `${uniqueSuffix()}@icloud.test`,
      serverUrl: "https://caldav.icloud.com/",
      principalUrl: "https://caldav.icloud.com/1/principal/",
      homeUrl: "https://caldav.icloud.com/1/calendars/",
      status: options.status ?? "ACTIVE",
    },
  });
  const calendar = await db.externalCalendar.create({
    data: {
      organizationId: user.organizationId,
      connectionId: row.id,
      userId: user.id,
      url: `https://caldav.icloud.com/1/calendars/${uniqueSuffix()}/`,
      displayName: "Home",
      components: ["VEVENT"],
      isPrimary: options.primary ?? true,
    },
  });
  return { connectionId: row.id, calendarId: calendar.id };
}

/** Staff A and B, an admin, and an admin of another organization; `members` share one appointment with no push job waiting. */
async function world(members = 1, type: BookingCalendarType = "COLLECTIVE") {
  const org = await createOrganization();
  const staff = await Promise.all(
    Array.from({ length: members + 1 }, async (_, i) =>
      withWorkingHours(
        await createUser({ organizationId: org.id, timeZone: ZONE, name: `Member ${"ABCDE"[i]} ${uniqueSuffix()}` }),
        [0, 1, 2, 3, 4, 5, 6],
      ),
    ),
  );
  const admin = await createUser({ organizationId: org.id, role: "ADMIN" });
  const foreignAdmin = await createUser({ organizationId: (await createOrganization()).id, role: "ADMIN" });
  const assigned = staff.slice(0, members);
  const calendar = await createBookingCalendar({ organizationId: org.id, type, memberIds: assigned.map((s) => s.id), timeZone: ZONE });
  const booking = await createBooking({ slug: calendar.slug, start: at(10), timeZone: ZONE, customer: customer() });
  await clearJobs(booking.id);
  return {
    org,
    assigned,
    other: staff[members]!,
    admin,
    foreignAdmin,
    booking,
    states: () => pushStatesFor({ organizationId: org.id, appointmentId: booking.id }),
  };
}

type RemoteData = {
  state: "SYNCED" | "PENDING" | "FAILED" | "CHANGED_IN_ICLOUD" | "REMOVED_IN_ICLOUD";
  calendarId?: string;
  lastError?: string;
  lastSyncedAt?: Date;
  url?: string;
};
const remote = (w: Awaited<ReturnType<typeof world>>, user: User, { calendarId, ...data }: RemoteData) =>
  db.remoteEvent.create({
    data: {
      organizationId: w.org.id,
      appointmentId: w.booking.id,
      userId: user.id,
      uid: `crm-${w.booking.id}-${user.id}@crm-calendar`,
      externalCalendarId: calendarId,
      ...data,
    },
  });

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

describe("sync states in plain words", () => {
  it("names what keeps each member's copy from iCloud: no connection, no primary, waiting for reconnect", async () => {
    const w = await world(3);
    const [a, b, c] = w.assigned as [User, User, User];
    await connection(b, { primary: false });
    await connection(c, { status: "NEEDS_REAUTH" });
    await remote(w, c, { state: "PENDING", lastError: "Waiting for the iCloud connection to be reconnected." });
    const states = await w.states();
    expect(states.syncs).toBe(true);
    const byUser = new Map(states.syncs ? states.members.map((m) => [m.userId, m]) : []);
    // Without a connection or a primary calendar nothing waits to be written: "No iCloud sync", with the reason.
    expect(byUser.get(a.id)).toMatchObject({
      state: "NO_CONNECTION",
      label: "No iCloud sync",
      note: "No iCloud calendar connected",
      lastSyncedAt: null,
      assigned: true,
      name: a.name,
    });
    expect(byUser.get(b.id)).toMatchObject({ state: "NO_PRIMARY", label: "No iCloud sync", note: "No primary iCloud calendar chosen" });
    expect(byUser.get(c.id)).toMatchObject({ state: "NEEDS_REAUTH", label: "Waiting for reconnect" });
    expect(states.syncs && states.members.map((m) => m.name)).toEqual([a.name, b.name, c.name].sort((x, y) => x.localeCompare(y)));
  });

  it("reads the RemoteEvent: synced, failed with its reason, changed and removed in iCloud", async () => {
    const w = await world(4);
    const [a, b, c, d] = w.assigned as [User, User, User, User];
    const syncedAt = new Date(Date.now() - 60_000);
    const calendars = await Promise.all([a, b, c, d].map((u) => connection(u)));
    await remote(w, a, {
      state: "SYNCED",
      calendarId: calendars[0]!.calendarId,
      lastSyncedAt: syncedAt,
      url: "https://caldav.icloud.com/a.ics",
    });
    await remote(w, b, { state: "FAILED", calendarId: calendars[1]!.calendarId, lastError: "iCloud refused the event (HTTP 403)." });
    await remote(w, c, { state: "CHANGED_IN_ICLOUD", calendarId: calendars[2]!.calendarId, lastSyncedAt: syncedAt });
    await remote(w, d, { state: "REMOVED_IN_ICLOUD", calendarId: calendars[3]!.calendarId, lastSyncedAt: syncedAt });
    const states = await w.states();
    if (!states.syncs) throw new Error("expected an iCloud-enabled appointment");
    const byUser = new Map(states.members.map((m) => [m.userId, m]));
    expect(byUser.get(a.id)).toMatchObject({ state: "SYNCED", label: "Synced", lastSyncedAt: syncedAt, lastError: null });
    expect(byUser.get(b.id)).toMatchObject({
      state: "FAILED",
      label: "Failed: iCloud refused the event (HTTP 403).",
      lastError: "iCloud refused the event (HTTP 403).",
    });
    expect(byUser.get(c.id)).toMatchObject({ state: "CHANGED_IN_ICLOUD", label: "Changed in iCloud" });
    expect(byUser.get(d.id)).toMatchObject({ state: "REMOVED_IN_ICLOUD", label: "Removed in iCloud" });
  });

  it("is pending with no RemoteEvent yet, while a push job waits, and when the primary calendar changed", async () => {
    const w = await world(2);
    const [a, b] = w.assigned as [User, User];
    await connection(a);
    const old = await connection(b, { primary: false });
    await connection(b);
    await remote(w, b, { state: "SYNCED", calendarId: old.calendarId, lastSyncedAt: new Date() });
    const states = await w.states();
    expect(states.syncs && states.members.map((m) => [m.userId, m.label])).toEqual(
      expect.arrayContaining([
        [a.id, "Pending"],
        [b.id, "Pending"],
      ]),
    );

    const w2 = await world(1);
    const { calendarId } = await connection(w2.assigned[0]!);
    await remote(w2, w2.assigned[0]!, { state: "SYNCED", calendarId, lastSyncedAt: new Date() });
    expect(await w2.states()).toMatchObject({ syncs: true, members: [{ state: "SYNCED" }] });
    await db.$executeRaw`SELECT graphile_worker.add_job('push_appointment', '{}'::json, job_key => ${`push_appointment:${w2.booking.id}:${w2.assigned[0]!.id}`})`;
    expect(await w2.states()).toMatchObject({ syncs: true, members: [{ state: "PENDING", label: "Pending" }] });
  });

  it("keeps a cancelled appointment's copy visible until it is removed from iCloud", async () => {
    const w = await world(1);
    const [a] = w.assigned as [User];
    const { calendarId } = await connection(a);
    await remote(w, a, { state: "SYNCED", calendarId, lastSyncedAt: new Date(), url: "https://caldav.icloud.com/x.ics" });
    await cancelAppointment({ appointmentId: w.booking.id });
    await clearJobs(w.booking.id);
    expect(await w.states()).toMatchObject({ syncs: true, members: [{ userId: a.id, assigned: false, state: "PENDING" }] });
    // Removed (or never written, as when the push found no connection): nothing left to show.
    await db.remoteEvent.updateMany({ where: { appointmentId: w.booking.id }, data: { url: null, state: "PENDING" } });
    expect(await w.states()).toEqual({ syncs: true, members: [] });
  });

  it("says a Simple calendar's appointment is not synced, and hides another organization's", async () => {
    const w = await world(1, "SIMPLE");
    expect(await w.states()).toEqual({ syncs: false, label: "No iCloud sync: Simple calendar" });
    await expect(pushStatesFor({ organizationId: w.foreignAdmin.organizationId, appointmentId: w.booking.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("requestPushAction: who may ask for a push", () => {
  const ask = (w: Awaited<ReturnType<typeof world>>, userId?: string) =>
    requestPushAction(null, form({ appointmentId: w.booking.id, ...(userId ? { userId } : {}) }));

  it("the assigned member: enqueues the push for one member or for every member", async () => {
    const w = await world(2);
    const [a, b] = w.assigned as [User, User];
    await connection(a);
    await connection(b);
    signIn(a);
    expect(await ask(w, b.id)).toMatchObject({ ok: true, message: expect.stringContaining("Queued") });
    expect(await jobKeys(w.booking.id)).toEqual([`push_appointment:${w.booking.id}:${b.id}`]);
    expect(revalidatePath).toHaveBeenCalledWith(`/appointments/${w.booking.id}`);
    expect(await ask(w)).toMatchObject({ ok: true });
    expect(await jobKeys(w.booking.id)).toEqual([a.id, b.id].map((id) => `push_appointment:${w.booking.id}:${id}`).sort());
  });

  it("an admin of the organization may; other staff are FORBIDDEN, another organization NOT_FOUND, no session UNAUTHENTICATED", async () => {
    const w = await world(1);
    const [a] = w.assigned as [User];
    await connection(a);
    for (const [who, code] of [
      [w.other, "FORBIDDEN"],
      [w.foreignAdmin, "NOT_FOUND"],
      [null, "UNAUTHENTICATED"],
    ] as const) {
      signIn(who);
      expect(await ask(w, a.id)).toMatchObject({ ok: false, code });
      expect(await jobKeys(w.booking.id)).toEqual([]);
    }
    expect(revalidatePath).not.toHaveBeenCalled();
    signIn(w.admin);
    expect(await ask(w, a.id)).toMatchObject({ ok: true });
    expect(await jobKeys(w.booking.id)).toEqual([`push_appointment:${w.booking.id}:${a.id}`]);
  });

  it("refuses what a push can't fix: a Simple calendar, a member without iCloud, someone not on the appointment", async () => {
    const simple = await world(1, "SIMPLE");
    signIn(simple.admin);
    expect(await ask(simple)).toMatchObject({ ok: false, code: "CONFLICT" });
    const w = await world(1);
    signIn(w.admin);
    expect(await ask(w, w.assigned[0]!.id)).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: expect.stringContaining("no iCloud connection"),
    });
    expect(await ask(w, w.other.id)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await jobKeys(w.booking.id)).toEqual([]);
  });
});
