// `npm run sync:reconcile` (lib/sync/push/reconcile.ts) against Radicale behind the iCloud-shaped
// proxy: what the CRM expects in a primary calendar versus the CRM events really there.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { cancelAppointment } from "@/lib/booking/cancel";
import { createBooking } from "@/lib/booking/create";
import type { CalDavSettings } from "@/lib/connections/config";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud } from "@/lib/connections/connect";
import { db } from "@/lib/db";
import { pushEventUid } from "@/lib/ical/push-event";
import { pushAppointment } from "@/lib/sync/push/push-appointment";
import { crmUids, reconcileAll } from "@/lib/sync/push/reconcile";
import { type IcloudProxy } from "../fixtures/icloud-proxy";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser } from "../support/factories";
import { getObject, putObject, type RadicaleServer } from "../support/radicale";
import { withICloudServers } from "../support/icloud-servers";

let radicale: RadicaleServer;
let proxy: IcloudProxy;
let settings: CalDavSettings;
const DAY = 86_400_000;
const HOUR = 3_600_000;

withICloudServers((servers) => ({ radicale, proxy, settings } = servers));

const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
/** A CRM-looking event, its UID folded across lines as iCloud may send it. */
function crmEvent(uid: string, start: number, minutes = 30): string {
  const folded = `UID:${uid}`.replace(/^(.{20})/, "$1\r\n ");
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//CRM Calendar//Push//EN",
    "BEGIN:VEVENT",
    folded,
    `DTSTAMP:${utc(Date.now())}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(start + minutes * 60_000)}`,
    "SUMMARY:Consultation",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

async function jobKeys(appointmentIds: string[]): Promise<string[]> {
  const rows = await db.$queryRaw<{ key: string }[]>`SELECT key FROM graphile_worker.jobs WHERE key LIKE 'push_appointment:%' ORDER BY key`;
  return rows.map((r) => r.key).filter((key) => appointmentIds.some((id) => key.includes(`:${id}:`)));
}
async function clearJobs(appointmentIds: string[]) {
  for (const key of await jobKeys(appointmentIds)) await db.$queryRaw`SELECT graphile_worker.remove_job(${key})`;
}

/** A member with iCloud connected through the proxy ("Home" primary) and two bookings: one confirmed, one cancelled. */
async function world() {
  const org = await createOrganization();
  const user = await withWorkingHours(await createUser({ organizationId: org.id, timeZone: "UTC" }), [0, 1, 2, 3, 4, 5, 6], 0, 1440);
  const actor: Actor = { userId: user.id, organizationId: org.id, role: "STAFF", name: user.name, email: user.email };
  const account = await proxy.createAccount();
  const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
  const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
  await saveCalendarConfiguration({ actor, input: { userId: user.id, primaryCalendarId: home.id, conflictCalendarIds: [home.id] } });
  // Busy time counts as freshly read: this test is about the CRM's own events.
  await db.externalCalendar.updateMany({ where: { connectionId }, data: { lastRefreshedAt: new Date() } });
  const calendar = await createBookingCalendar({
    organizationId: org.id,
    type: "ROUND_ROBIN",
    memberIds: [user.id],
    timeZone: "UTC",
    durationMinutes: 30,
  });
  const slot = Math.floor(Date.now() / DAY) * DAY + 3 * DAY + 9 * HOUR;
  const confirmed = await createBooking({ slug: calendar.slug, start: slot, timeZone: "UTC", customer: customer("kept") });
  const cancelled = await createBooking({ slug: calendar.slug, start: slot + 2 * HOUR, timeZone: "UTC", customer: customer("cancelled") });
  await cancelAppointment({ appointmentId: cancelled.id });
  const ids = [confirmed.id, cancelled.id];
  await clearJobs(ids);
  const reconcile = () => reconcileAll({ settings, organizationId: org.id });
  return { org, user, account, connectionId, home, slot, confirmed, cancelled, ids, reconcile };
}

describe("sync:reconcile", () => {
  it("enqueues a push for the missing event and for the one left behind by a cancellation, and the push removes it", async () => {
    const w = await world();
    const strayUid = pushEventUid(w.cancelled.id, w.user.id);
    await putObject(radicale, w.account, "home", "left-behind.ics", crmEvent(strayUid, w.slot + 2 * HOUR));

    const report = await w.reconcile();
    expect(report.skipped).toEqual([]);
    expect(report.failed).toEqual([]);
    expect(report.members).toHaveLength(1);
    expect(report.members[0]).toMatchObject({
      userId: w.user.id,
      found: 1,
      expected: 1,
      missing: 1,
      unexpected: 1,
      duplicates: [],
      unknown: 0,
      enqueued: 2,
    });
    expect(await jobKeys(w.ids)).toEqual(w.ids.map((id) => `push_appointment:${id}:${w.user.id}`).sort());

    // The push job (here called directly) deletes the stray copy, whose href reconcile recorded.
    expect(await pushAppointment({ appointmentId: w.cancelled.id, userId: w.user.id, settings })).toEqual({ outcome: "deleted" });
    expect((await getObject(radicale, w.account, "home", "left-behind.ics")).status).toBe(404);
    expect(await pushAppointment({ appointmentId: w.confirmed.id, userId: w.user.id, settings })).toEqual({ outcome: "synced" });
    await clearJobs(w.ids);
    expect((await w.reconcile()).members[0]).toMatchObject({ found: 1, expected: 1, missing: 0, unexpected: 0, enqueued: 0 });
    expect(await jobKeys(w.ids)).toEqual([]);
  });

  it("leaves other members' and unknown appointments' CRM events alone", async () => {
    const w = await world();
    await putObject(radicale, w.account, "home", "one.ics", crmEvent(pushEventUid(w.confirmed.id, w.user.id), w.slot));
    await putObject(radicale, w.account, "home", "colleague.ics", crmEvent(pushEventUid(w.confirmed.id, "someoneElse1"), w.slot + HOUR));
    await putObject(radicale, w.account, "home", "unknown.ics", crmEvent(pushEventUid("noSuchAppointment1", w.user.id), w.slot + 3 * HOUR));
    const [member] = (await w.reconcile()).members;
    expect(member).toMatchObject({ found: 2, expected: 1, missing: 0, unexpected: 1, duplicates: [], unknown: 2, enqueued: 0 });
    expect(await jobKeys(w.ids)).toEqual([]);
  });

  it("reports one UID at two hrefs as a duplicate, and enqueues nothing for it", async () => {
    const w = await world();
    const uid = pushEventUid(w.confirmed.id, w.user.id);
    // Radicale refuses a second object with the same UID in one calendar (RFC 4791 no-uid-conflict),
    // so the calendar-query answer that holds both copies is served by the proxy.
    const path = new URL(w.home.url).pathname;
    const escaped = crmEvent(uid, w.slot).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/\r/g, "&#13;");
    const response = (name: string) =>
      `<d:response><d:href>${path}${name}</d:href><d:propstat><d:prop><d:getetag>"${name}"</d:getetag><c:calendar-data>${escaped}</c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`;
    const body = `<?xml version="1.0" encoding="utf-8"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">${response("one.ics")}${response("two.ics")}</d:multistatus>`;
    proxy.addFault({
      match: { method: "REPORT" },
      fault: { kind: "status", status: 207, headers: { "content-type": "application/xml; charset=utf-8" }, body },
    });
    const [member] = (await w.reconcile()).members;
    expect(member).toMatchObject({ found: 1, expected: 1, missing: 0, unexpected: 0, duplicates: [{ uid, copies: 2 }], enqueued: 0 });
    expect(await jobKeys(w.ids)).toEqual([]);
  });

  it("skips a connection waiting for reconnect, and reports a calendar it could not read instead of reading it as empty", async () => {
    const w = await world();
    proxy.addFault({ match: { method: "REPORT" }, fault: { kind: "unavailable", retryAfter: 60 } });
    const failed = await w.reconcile();
    expect(failed.members).toEqual([]);
    expect(failed.failed).toEqual([{ userId: w.user.id, name: w.user.name, connectionId: w.connectionId, reason: expect.any(String) }]);
    expect(await jobKeys(w.ids)).toEqual([]);

    proxy.reset();
    await db.calendarConnection.update({ where: { id: w.connectionId }, data: { status: "NEEDS_REAUTH" } });
    const skipped = await w.reconcile();
    expect(skipped.skipped).toEqual([expect.objectContaining({ userId: w.user.id, reason: expect.stringContaining("reconnect") })]);
    expect(proxy.stats().requests).toBe(0);
    expect(await jobKeys(w.ids)).toEqual([]);
  });
});

describe("crmUids", () => {
  it("unfolds lines, ignores other events' UIDs and repeats", () => {
    const ics = [
      "BEGIN:VEVENT",
      "UID:crm-abc-",
      " user1@crm-calendar",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:crm-abc-user1@crm-calendar",
      "RECURRENCE-ID:20300101T000000Z",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "UID:dentist-1",
      "END:VEVENT",
    ].join("\r\n");
    expect(crmUids(ics)).toEqual(["crm-abc-user1@crm-calendar"]);
  });
});
