// One source for iCloud sync words (lib/sync/push/status.ts): the appointment list's summary, the
// appointment page's per-member labels and the staff calendar's events are made from the same
// member states, so they can't contradict each other. Real PostgreSQL; connection and RemoteEvent
// rows are written directly (no CalDAV needed to read states).
import { describe, expect, it } from "vitest";
import { zonedTimeToInstant } from "@/lib/availability";
import { createBooking } from "@/lib/booking/create";
import { listAppointmentItems } from "@/lib/calendar-view/queries";
import { db } from "@/lib/db";
import {
  memberLabel,
  pushStatesFor,
  pushStatesForAppointments,
  summarizePushStates,
  type AppointmentPushStates,
  type MemberPushState,
  type PushState,
} from "@/lib/sync/push/status";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";

const ZONE = "Europe/Berlin";
const DATE = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
const at = (hour: number) => zonedTimeToInstant(DATE, hour * 60, ZONE);

type User = Awaited<ReturnType<typeof createUser>>;

async function clearJobs(prefix: string) {
  const rows = await db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker.jobs WHERE key LIKE ${`${prefix}%`}`;
  for (const { key } of rows) await db.$queryRaw`SELECT graphile_worker.remove_job(${key})`;
}

/** A connected iCloud account with a primary calendar, as connect and Save leave it. */
async function connectWithPrimary(user: User) {
  const base = `https://caldav.icloud.com/${uniqueSuffix()}/`;
  const connection = await db.calendarConnection.create({
    data: {
      organizationId: user.organizationId,
      userId: user.id,
      appleId: `${uniqueSuffix()}@icloud.test`,
      serverUrl: base,
      principalUrl: base,
      homeUrl: base,
      status: "ACTIVE",
    },
  });
  return db.externalCalendar.create({
    data: {
      organizationId: user.organizationId,
      connectionId: connection.id,
      userId: user.id,
      url: `${base}home/`,
      displayName: "Home",
      components: ["VEVENT"],
      isPrimary: true,
      checkConflicts: true,
    },
  });
}

const member = (state: PushState, assigned = true, lastError: string | null = null): MemberPushState => ({
  userId: uniqueSuffix(),
  name: "M",
  state,
  label: memberLabel(state, lastError),
  note: null,
  lastError,
  lastSyncedAt: null,
  assigned,
});
const summary = (...members: MemberPushState[]) => summarizePushStates({ syncs: true, members }).label;

/** What the appointment page lists, as "Name: label" lines. */
const pageLines = (states: AppointmentPushStates) => (states.syncs ? states.members.map((m) => `${m.name}: ${m.label}`) : [states.label]);

describe("summarizePushStates: the list's line, made from the page's member states", () => {
  it("synced, k of n synced, no iCloud sync, and the worst news first", () => {
    expect(summary(member("SYNCED"), member("SYNCED"))).toBe("iCloud: Synced");
    expect(summary(member("SYNCED"), member("NO_CONNECTION"), member("NO_PRIMARY"))).toBe("iCloud: 1 of 3 synced");
    expect(summary(member("NO_CONNECTION"))).toBe("No iCloud sync");
    expect(summary(member("NO_PRIMARY"), member("NO_CONNECTION"))).toBe("No iCloud sync");
    expect(summary(member("SYNCED"), member("PENDING"), member("NO_CONNECTION"))).toBe("iCloud: Pending");
    expect(summary(member("PENDING"), member("FAILED", true, "HTTP 403"))).toBe("iCloud: Failed");
    expect(summary(member("SYNCED"), member("CHANGED_IN_ICLOUD"))).toBe("iCloud: Changed in iCloud");
    expect(summary(member("NEEDS_REAUTH"))).toBe("iCloud: Waiting for reconnect");
    // A copy still to be removed from a former member keeps the appointment pending.
    expect(summary(member("SYNCED"), member("PENDING", false))).toBe("iCloud: Pending");
    expect(summarizePushStates({ syncs: true, members: [] }).label).toBe("Not in iCloud");
    expect(summarizePushStates({ syncs: false, label: "No iCloud sync: Simple calendar" }).label).toBe("No iCloud sync");
  });

  it('a member without iCloud reads "No iCloud sync", never "Pending"', () => {
    expect(memberLabel("NO_CONNECTION", null)).toBe("No iCloud sync");
    expect(memberLabel("NO_PRIMARY", null)).toBe("No iCloud sync");
    expect(memberLabel("FAILED", "HTTP 500")).toBe("Failed: HTTP 500");
  });
});

describe("list, page and calendar agree", () => {
  it("a collective booking with one member connected (synced) and two without iCloud", async () => {
    const org = await createOrganization();
    const [alice, bob, carol] = await Promise.all(
      ["Alice", "Bob", "Carol"].map(async (name) =>
        withWorkingHours(
          await createUser({ organizationId: org.id, timeZone: ZONE, name: `${name} ${uniqueSuffix()}` }),
          [0, 1, 2, 3, 4, 5, 6],
        ),
      ),
    );
    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "COLLECTIVE",
      memberIds: [alice!.id, bob!.id, carol!.id],
      timeZone: ZONE,
    });
    const booking = await createBooking({ slug: calendar.slug, start: at(10), timeZone: ZONE, customer: customer() });
    await clearJobs(`push_appointment:${booking.id}:`);
    const home = await connectWithPrimary(alice!);
    await db.remoteEvent.create({
      data: {
        organizationId: org.id,
        appointmentId: booking.id,
        userId: alice!.id,
        uid: `crm-${booking.id}-${alice!.id}`,
        externalCalendarId: home.id,
        state: "SYNCED",
        url: `${home.url}x.ics`,
        lastSyncedAt: new Date(),
      },
    });

    const page = await pushStatesFor({ organizationId: org.id, appointmentId: booking.id });
    const list = (await pushStatesForAppointments({ organizationId: org.id, appointmentIds: [booking.id] })).get(booking.id)!;
    expect(list).toEqual(page);
    expect(pageLines(page).sort()).toEqual(
      [`${alice!.name}: Synced`, `${bob!.name}: No iCloud sync`, `${carol!.name}: No iCloud sync`].sort(),
    );
    expect(page.syncs && page.members.find((m) => m.userId === bob!.id)).toMatchObject({
      note: "No iCloud calendar connected",
      lastSyncedAt: null,
    });
    expect(summarizePushStates(list).label).toBe("iCloud: 1 of 3 synced");

    // The staff calendar's events say the same per member.
    const members = [alice!, bob!, carol!].map((u) => ({ id: u.id, name: u.name, timeZone: ZONE }));
    const items = await listAppointmentItems({ organizationId: org.id, members, start: new Date(at(0)), end: new Date(at(24)) });
    expect(items.map((i) => `${i.staff.name}: ${i.iCloud?.label}`).sort()).toEqual(pageLines(page).sort());
  });

  it('a class booking whose instructor has no iCloud: "No iCloud sync" everywhere, even with a session row waiting; then synced everywhere', async () => {
    const org = await createOrganization();
    const instructor = await withWorkingHours(
      await createUser({ organizationId: org.id, timeZone: ZONE, name: `Ivy ${uniqueSuffix()}` }),
      [0, 1, 2, 3, 4, 5, 6],
    );
    const calendar = await createBookingCalendar({ organizationId: org.id, type: "CLASS", memberIds: [instructor.id], timeZone: ZONE });
    await db.classSession.create({
      data: {
        organizationId: org.id,
        bookingCalendarId: calendar.id,
        instructorId: instructor.id,
        title: "Yoga",
        startsAt: new Date(at(14)),
        durationMinutes: 60,
        capacity: 4,
      },
    });
    const booking = await createBooking({ slug: calendar.slug, start: at(14), timeZone: ZONE, customer: customer() });
    const { classOccurrenceId } = await db.appointment.findUniqueOrThrow({
      where: { id: booking.id },
      select: { classOccurrenceId: true },
    });
    await clearJobs(`push_class_occurrence:${classOccurrenceId}:`);
    // What a push attempt leaves for an instructor without iCloud: a RemoteEvent still PENDING.
    const remote = await db.remoteEvent.create({
      data: {
        organizationId: org.id,
        classOccurrenceId,
        userId: instructor.id,
        uid: `crm-${classOccurrenceId}-${instructor.id}`,
        state: "PENDING",
      },
    });

    const read = async () => {
      const page = await pushStatesFor({ organizationId: org.id, appointmentId: booking.id });
      const list = (await pushStatesForAppointments({ organizationId: org.id, appointmentIds: [booking.id] })).get(booking.id)!;
      const items = await listAppointmentItems({
        organizationId: org.id,
        members: [{ id: instructor.id, name: instructor.name, timeZone: ZONE }],
        start: new Date(at(0)),
        end: new Date(at(24)),
      });
      expect(list).toEqual(page);
      return {
        page: pageLines(page),
        list: summarizePushStates(list).label,
        calendar: items.map((i) => `${i.staff.name}: ${i.iCloud?.label}`),
        states: page,
      };
    };
    const before = await read();
    expect(before).toMatchObject({
      page: [`${instructor.name}: No iCloud sync`],
      list: "No iCloud sync",
      calendar: [`${instructor.name}: No iCloud sync`],
    });
    expect(before.states).toMatchObject({ syncs: true, classOccurrenceId });

    const home = await connectWithPrimary(instructor);
    await db.remoteEvent.update({
      where: { id: remote.id },
      data: { state: "SYNCED", externalCalendarId: home.id, url: `${home.url}y.ics`, lastSyncedAt: new Date() },
    });
    const after = await read();
    expect(after).toMatchObject({ page: [`${instructor.name}: Synced`], list: "iCloud: Synced", calendar: [`${instructor.name}: Synced`] });
  });
});
