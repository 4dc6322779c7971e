// Calendar Settings' "Recent activity": each line shows the appointment's time as it was when the
// line was written. An "Add to iCloud" for 09:00 keeps saying 09:00 after a reschedule to 11:00;
// only the newer "Update in iCloud" line says 11:00. Real PostgreSQL, Radicale behind the proxy.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { cancelAppointment } from "@/lib/booking/cancel";
import { createBooking } from "@/lib/booking/create";
import { rescheduleAppointment } from "@/lib/booking/reschedule";
import type { CalDavSettings } from "@/lib/connections/config";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud } from "@/lib/connections/connect";
import { listConnections } from "@/lib/connections/queries";
import { db } from "@/lib/db";
import { pushAppointment } from "@/lib/sync/push/push-appointment";
import type { IcloudProxy } from "../fixtures/icloud-proxy";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser } from "../support/factories";
import { withICloudServers } from "../support/icloud-servers";

let proxy: IcloudProxy;
let settings: CalDavSettings;
withICloudServers((servers) => ({ proxy, settings } = servers));

const DAY = 86_400_000;
const HOUR = 3_600_000;
const slot = Math.floor(Date.now() / DAY) * DAY + 3 * DAY + 9 * HOUR;

describe("Recent activity keeps each line's own appointment time", () => {
  it("book, push, reschedule, push, cancel, push: every line keeps the time it was written with", async () => {
    const org = await createOrganization();
    const user = await withWorkingHours(await createUser({ organizationId: org.id, timeZone: "UTC" }), [0, 1, 2, 3, 4, 5, 6], 0, 1440);
    const actor: Actor = { userId: user.id, organizationId: org.id, role: "STAFF", name: user.name, email: user.email };
    const account = await proxy.createAccount();
    const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
    const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
    await saveCalendarConfiguration({ actor, input: { userId: user.id, primaryCalendarId: home.id, conflictCalendarIds: [home.id] } });
    await db.externalCalendar.updateMany({ where: { connectionId }, data: { lastRefreshedAt: new Date() } });

    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "ROUND_ROBIN",
      memberIds: [user.id],
      durationMinutes: 30,
      timeZone: "UTC",
    });
    const booking = await createBooking({ slug: calendar.slug, start: slot, timeZone: "UTC", customer: customer("activity") });
    expect(await pushAppointment({ appointmentId: booking.id, userId: user.id, settings })).toEqual({ outcome: "synced" });

    await rescheduleAppointment({ appointmentId: booking.id, start: slot + 2 * HOUR });
    expect(await pushAppointment({ appointmentId: booking.id, userId: user.id, settings })).toEqual({ outcome: "synced" });

    await cancelAppointment({ appointmentId: booking.id });
    expect(await pushAppointment({ appointmentId: booking.id, userId: user.id, settings })).toEqual({ outcome: "deleted" });

    // What the page is given, newest first.
    const [connection] = await listConnections({ organizationId: org.id, userId: user.id });
    const lines = connection!.recentActivity.map((row) => [
      row.operation,
      row.outcome,
      row.appointment?.id,
      row.appointment?.startsAt.getTime(),
    ]);
    expect(lines).toEqual([
      ["delete", "deleted", booking.id, slot + 2 * HOUR],
      ["update", "synced", booking.id, slot + 2 * HOUR],
      ["create", "synced", booking.id, slot],
    ]);

    // Stored on the row itself when it was written, not looked up when the page is drawn.
    const rows = await db.syncActivity.findMany({ where: { connectionId }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.appointmentStartsAt?.getTime())).toEqual([slot, slot + 2 * HOUR, slot + 2 * HOUR]);
  });
});
