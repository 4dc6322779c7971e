// Disconnecting with "remove the CRM's events": the events leave iCloud before the password is
// deleted, against Radicale behind the iCloud-shaped proxy. What the server holds is read back
// over plain HTTP, apart from the writer.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { createBooking } from "@/lib/booking/create";
import type { CalDavSettings } from "@/lib/connections/config";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud } from "@/lib/connections/connect";
import { disconnectICloud } from "@/lib/connections/disconnect";
import {
  CREDENTIAL_GRACE_MS,
  finishDisconnect,
  PASSWORD_REJECTED_EXPLANATION,
  TransientDisconnectError,
} from "@/lib/connections/finish-disconnect";
import { listDisconnectsInProgress } from "@/lib/connections/queries";
import { db } from "@/lib/db";
import { pushAppointment } from "@/lib/sync/push/push-appointment";
import { type IcloudAccount, type IcloudProxy } from "../fixtures/icloud-proxy";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser } from "../support/factories";
import { collectionUrl, getObject, putObject, type RadicaleServer } from "../support/radicale";
import { withICloudServers } from "../support/icloud-servers";

let radicale: RadicaleServer;
let proxy: IcloudProxy;
let settings: CalDavSettings;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const slot = Math.floor(Date.now() / DAY) * DAY + 2 * DAY + 9 * HOUR;

withICloudServers((servers) => ({ radicale, proxy, settings } = servers));

const auth = (a: IcloudAccount) => `Basic ${Buffer.from(`${a.username}:${a.password}`).toString("base64")}`;

/** The UIDs of the events in the account's Home calendar, read straight from Radicale. */
async function uidsOnServer(account: IcloudAccount): Promise<string[]> {
  const res = await fetch(collectionUrl(radicale, account, "home"), {
    method: "REPORT",
    headers: { authorization: auth(account), depth: "1", "content-type": "application/xml" },
    body: `<?xml version="1.0"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>`,
  });
  return [...(await res.text()).matchAll(/UID:([^\r\n&]+)/g)].map((m) => m[1]!).sort();
}

/** A member with Home as primary calendar and two appointments pushed there. */
async function memberWithPushedEvents() {
  const org = await createOrganization();
  const user = await withWorkingHours(
    await createUser({ organizationId: org.id, timeZone: "Europe/Berlin" }),
    [0, 1, 2, 3, 4, 5, 6],
    0,
    1440,
  );
  const actor: Actor = { userId: user.id, organizationId: org.id, role: "STAFF", name: user.name, email: user.email };
  const account = await proxy.createAccount();
  const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
  const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
  await saveCalendarConfiguration({ actor, input: { userId: user.id, primaryCalendarId: home.id, conflictCalendarIds: [home.id] } });
  await db.externalCalendar.updateMany({ where: { connectionId }, data: { lastRefreshedAt: new Date() } });
  const calendar = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: [user.id], timeZone: "UTC" });
  const bookings = [];
  for (const [i, start] of [slot, slot + 2 * HOUR].entries()) {
    const booking = await createBooking({ slug: calendar.slug, start, timeZone: "UTC", customer: customer(`disconnect-${i}`) });
    expect(await pushAppointment({ appointmentId: booking.id, userId: user.id, settings })).toEqual({ outcome: "synced" });
    bookings.push(booking);
  }
  expect(await uidsOnServer(account)).toHaveLength(2);
  return { org, user, actor, account, connectionId, bookings };
}

const connectionRow = (id: string) => db.calendarConnection.findUniqueOrThrow({ where: { id } });
const queuedJobs = async (connectionId: string) =>
  Number(
    (
      await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ${`finish_disconnect:${connectionId}`}`
    )[0]!.n,
  );

describe("disconnect and remove the CRM's events", () => {
  it("keeps the password until the events are deleted from iCloud, then deletes it and records it", async () => {
    const m = await memberWithPushedEvents();
    // One event was changed in iCloud meanwhile: its ETag no longer matches, the member still asked for it to go.
    const changed = await db.remoteEvent.findFirstOrThrow({ where: { appointmentId: m.bookings[0]!.id } });
    const file = decodeURIComponent(new URL(changed.url!).pathname.split("/").pop()!);
    const current = await getObject(radicale, m.account, "home", file);
    await putObject(radicale, m.account, "home", file, current.body.replace(/SUMMARY:[^\r\n]*/, "SUMMARY:Edited in iCloud"));

    await disconnectICloud({ actor: m.actor, connectionId: m.connectionId, removeEvents: true });
    const pending = await connectionRow(m.connectionId);
    expect(pending).toMatchObject({ status: "DISCONNECTED", removeEventsOnDisconnect: true });
    expect(pending.passwordCiphertext).not.toBeNull();
    expect(pending.passwordKeyId).not.toBeNull();
    expect(await queuedJobs(m.connectionId)).toBe(1);
    expect(await listDisconnectsInProgress({ organizationId: m.org.id, userId: m.user.id })).toMatchObject([
      { id: m.connectionId, state: "removing" },
    ]);
    // Nothing else uses the connection meanwhile.
    expect(await pushAppointment({ appointmentId: m.bookings[1]!.id, userId: m.user.id, settings })).toEqual({ outcome: "nothing" });
    expect(await uidsOnServer(m.account)).toHaveLength(2);

    expect(await finishDisconnect({ connectionId: m.connectionId, settings })).toEqual({ outcome: "removed", removed: 2, failed: 0 });
    expect(await uidsOnServer(m.account)).toEqual([]);
    expect(await connectionRow(m.connectionId)).toMatchObject({ passwordCiphertext: null, passwordKeyId: null, lastError: null });
    for (const remote of await db.remoteEvent.findMany({ where: { userId: m.user.id } }))
      expect(remote).toMatchObject({ url: null, etag: null });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { subjectUserId: m.user.id, action: "connection.events_removed" } });
    expect(audit).toMatchObject({ actorId: null, details: { appleId: m.account.appleId, removed: 2, failed: 0 } });
    expect(JSON.stringify(audit)).not.toContain(m.account.password);
    const activity = await db.syncActivity.findMany({
      where: { connectionId: m.connectionId, detail: "removed from iCloud on disconnect" },
    });
    expect(activity.map((a) => a.appointmentId).sort()).toEqual(m.bookings.map((b) => b.id).sort());
    expect(await listDisconnectsInProgress({ organizationId: m.org.id, userId: m.user.id })).toEqual([]);

    // A second run (a retried job) has nothing left to do.
    expect(await finishDisconnect({ connectionId: m.connectionId, settings })).toEqual({ outcome: "nothing" });
    expect(await db.auditEvent.count({ where: { subjectUserId: m.user.id, action: "connection.events_removed" } })).toBe(1);
  });

  it("deletes the password at once when there is nothing to remove", async () => {
    const org = await createOrganization();
    const user = await createUser({ organizationId: org.id });
    const actor: Actor = { userId: user.id, organizationId: org.id, role: "STAFF", name: user.name, email: user.email };
    const account = await proxy.createAccount();
    const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
    await disconnectICloud({ actor, connectionId, removeEvents: true });
    expect(await connectionRow(connectionId)).toMatchObject({
      passwordCiphertext: null,
      passwordKeyId: null,
      removeEventsOnDisconnect: true,
    });
    expect(await queuedJobs(connectionId)).toBe(0);
  });
});

describe("disconnect and keep the CRM's events", () => {
  it("deletes the password at once and leaves the events in iCloud", async () => {
    const m = await memberWithPushedEvents();
    await disconnectICloud({ actor: m.actor, connectionId: m.connectionId, removeEvents: false });
    expect(await connectionRow(m.connectionId)).toMatchObject({
      status: "DISCONNECTED",
      removeEventsOnDisconnect: false,
      passwordCiphertext: null,
      passwordKeyId: null,
    });
    expect(await queuedJobs(m.connectionId)).toBe(0);
    expect(await finishDisconnect({ connectionId: m.connectionId, settings })).toEqual({ outcome: "nothing" });
    expect(await uidsOnServer(m.account)).toHaveLength(2);
  });
});

describe("when the removal cannot be done", () => {
  it("on a rejected password: deletes the password anyway and explains, without retrying", async () => {
    const m = await memberWithPushedEvents();
    await disconnectICloud({ actor: m.actor, connectionId: m.connectionId, removeEvents: true });
    const revoked = proxy.addFault({ match: { method: "DELETE" }, fault: { kind: "unauthorized" } });
    expect(await finishDisconnect({ connectionId: m.connectionId, settings })).toEqual({
      outcome: "gave_up",
      removed: 0,
      reason: PASSWORD_REJECTED_EXPLANATION,
    });
    expect(revoked.hits).toBe(1);
    expect(await connectionRow(m.connectionId)).toMatchObject({
      passwordCiphertext: null,
      passwordKeyId: null,
      lastError: PASSWORD_REJECTED_EXPLANATION,
    });
    expect(await uidsOnServer(m.account)).toHaveLength(2);
    expect(
      await db.syncActivity.count({ where: { connectionId: m.connectionId, outcome: "failed", detail: PASSWORD_REJECTED_EXPLANATION } }),
    ).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { subjectUserId: m.user.id, action: "connection.events_removed" } });
    expect(audit.details).toMatchObject({ removed: 0, reason: PASSWORD_REJECTED_EXPLANATION });
    expect(await listDisconnectsInProgress({ organizationId: m.org.id, userId: m.user.id })).toMatchObject([
      { state: "failed", reason: PASSWORD_REJECTED_EXPLANATION },
    ]);
  });

  it("on transient failures: keeps the password for retries, but no longer than an hour", async () => {
    const m = await memberWithPushedEvents();
    await disconnectICloud({ actor: m.actor, connectionId: m.connectionId, removeEvents: true });
    proxy.addFault({ match: { method: "DELETE" }, fault: { kind: "server-error" } });
    const error = await finishDisconnect({ connectionId: m.connectionId, settings }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientDisconnectError);
    expect((await connectionRow(m.connectionId)).passwordKeyId).not.toBeNull();

    const { disconnectedAt } = await connectionRow(m.connectionId);
    const later = new Date(disconnectedAt!.getTime() + CREDENTIAL_GRACE_MS);
    const result = await finishDisconnect({ connectionId: m.connectionId, settings, now: later });
    expect(result).toMatchObject({ outcome: "gave_up", removed: 0 });
    const row = await connectionRow(m.connectionId);
    expect(row).toMatchObject({ passwordCiphertext: null, passwordKeyId: null });
    expect(row.lastError).toMatch(/kept failing for an hour.*remove them in the Calendar app/);
  });

  it("does not try a password iCloud already rejected", async () => {
    const m = await memberWithPushedEvents();
    await db.calendarConnection.update({ where: { id: m.connectionId }, data: { status: "NEEDS_REAUTH" } });
    await disconnectICloud({ actor: m.actor, connectionId: m.connectionId, removeEvents: true });
    expect(await connectionRow(m.connectionId)).toMatchObject({ passwordCiphertext: null, lastError: PASSWORD_REJECTED_EXPLANATION });
    expect(await queuedJobs(m.connectionId)).toBe(0);
  });
});
