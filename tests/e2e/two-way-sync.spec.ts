// Two-way sync, as a staff member lives it: she turns it on in Calendar Settings, a customer
// books her, she drags the event to another time in iCloud (here: straight on the CalDAV server,
// through the iCloud-shaped proxy), presses Sync now, and the CRM shows the appointment at the
// new time. Everything here belongs to this spec's own organization.
import { expect, test } from "@playwright/test";
import { db } from "@/lib/db";
import { formatWhen } from "@/lib/time-format";
import { createBookingCalendar, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";
import { signIn, snap } from "./helpers";
import { connect, createICloudAccount, putEvent } from "./proxy";

const ZONE = "Europe/London";
const PASSWORD = "two way e2e";
test.use({ timezoneId: ZONE });

const HOUR = 3_600_000;
const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
/**
 * The event dragged by `hours` in the Calendar app: its VEVENT's DTSTART and DTEND move, whether
 * written in UTC ("…Z") or as wall time in a TZID (the wall time moves; fine away from DST changes).
 */
function dragged(ics: string, hours: number): string {
  const at = ics.indexOf("BEGIN:VEVENT");
  const event = ics
    .slice(at)
    .replace(/^(DTSTART|DTEND)([^:\r\n]*):(\d{8}T\d{6})(Z?)\r?$/gm, (_m, name: string, params: string, value: string, z: string) => {
      const t = Date.parse(value.replace(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})/, "$1-$2-$3T$4:$5:$6Z")) + hours * HOUR;
      return `${name}${params}:${stamp(t).replace(/Z$/, "")}${z}\r`;
    });
  return ics.slice(0, at) + event;
}
const basic = (account: { appleId: string; password: string }) =>
  `Basic ${Buffer.from(`${account.appleId}:${account.password}`).toString("base64")}`;

test("a move made in iCloud reschedules the appointment once two-way sync is on", async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const org = await createOrganization(`Two-way ${uniqueSuffix()}`);
  const dana = await withWorkingHours(
    await createUser({ organizationId: org.id, timeZone: ZONE, name: `Dana Two-Way ${uniqueSuffix()}`, password: PASSWORD }),
    [0, 1, 2, 3, 4, 5, 6],
    0,
    24 * 60,
  );
  const calendar = await createBookingCalendar({
    organizationId: org.id,
    type: "ROUND_ROBIN",
    memberIds: [dana.id],
    durationMinutes: 30,
    timeZone: ZONE,
  });

  // Dana connects iCloud, writes CRM appointments to Home, and turns two-way sync on.
  const account = await createICloudAccount();
  await signIn(page, dana.email, PASSWORD);
  await connect(page, account);
  await expect(page.getByRole("status").filter({ hasText: "iCloud is connected" })).toBeVisible();
  await page.getByLabel("Primary calendar").selectOption({ label: "Home" });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved. Your calendar configuration" })).toBeVisible();
  await expect(page.getByLabel("Sync direction")).toHaveValue("ONE_WAY");
  await page.getByLabel("Sync direction").selectOption({ label: "Two-way" });
  await expect(page.getByLabel("When I delete a CRM event in iCloud")).toHaveValue("RESTORE");
  await page.getByRole("button", { name: "Save sync options" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Moves you make in iCloud now reschedule" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Sync direction")).toHaveValue("TWO_WAY");
  expect((await db.user.findUniqueOrThrow({ where: { id: dana.id } })).syncDirection).toBe("TWO_WAY");
  await snap(page, testInfo, "sync-options-two-way");

  // A customer books Dana three days from now at 10:00 UTC; the worker writes it to her iCloud.
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const start = Date.parse(`${day}T10:00:00Z`);
  const res = await fetch(`${process.env.E2E_BASE_URL}/api/public/calendars/${calendar.slug}/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      start: new Date(start).toISOString(),
      timeZone: ZONE,
      name: "Moved Customer",
      email: `${uniqueSuffix()}@example.test`,
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const bookingId = ((await res.json()) as { id: string }).id;
  await expect
    .poll(async () => (await db.remoteEvent.findFirst({ where: { appointmentId: bookingId, userId: dana.id } }))?.state, {
      timeout: 30_000,
    })
    .toBe("SYNCED");
  const remote = await db.remoteEvent.findFirstOrThrow({ where: { appointmentId: bookingId, userId: dana.id } });
  // The reads that connecting and saving started are over (Sync now below must do the reading).
  const home = await db.externalCalendar.findFirstOrThrow({ where: { connection: { userId: dana.id }, displayName: "Home" } });
  await expect
    .poll(
      async () =>
        (
          await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ${`refresh_calendar:${home.id}`}`
        )[0]!.n,
      { timeout: 30_000 },
    )
    .toBe(0n);

  // In iCloud, Dana drags it two hours later.
  const fileName = remote.url!.split("/").pop()!;
  const current = await fetch(remote.url!.replace(/^https?:\/\/[^/]+/, process.env.E2E_PROXY_URL!.replace(/\/$/, "")), {
    headers: { authorization: basic(account) },
  });
  expect(current.status).toBe(200);
  const body = await current.text();
  const movedIcs = dragged(body, 2);
  expect(movedIcs).not.toEqual(body);
  await putEvent(account, "home", fileName, movedIcs);

  // Sync now reads it, and the appointment shows the new time.
  await page.goto("/settings/profile/calendars");
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText("Sync finished.")).toBeVisible({ timeout: 30_000 });
  const moved = await db.appointment.findUniqueOrThrow({ where: { id: bookingId } });
  expect(moved.startsAt.getTime()).toBe(start + 2 * HOUR);
  await page.goto(`/appointments/${bookingId}`);
  await expect(page.getByText(formatWhen(new Date(start + 2 * HOUR), new Date(start + 2.5 * HOUR), ZONE)).first()).toBeVisible();
  await snap(page, testInfo, "appointment-moved-in-icloud");
  // The customer was told once.
  await expect.poll(() => db.emailMessage.count({ where: { appointmentId: bookingId, kind: "booking_rescheduled" } })).toBe(1);

  // A move onto a time outside the booking window is put back, and the banner says why.
  // (after the CRM's own update of the event, which the reschedule queued, has been written)
  await expect
    .poll(
      async () =>
        (
          await db.$queryRaw<
            { n: bigint }[]
          >`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ${`push_appointment:${bookingId}:${dana.id}`}`
        )[0]!.n,
      { timeout: 30_000 },
    )
    .toBe(0n);
  const back = await fetch(remote.url!.replace(/^https?:\/\/[^/]+/, process.env.E2E_PROXY_URL!.replace(/\/$/, "")), {
    headers: { authorization: basic(account) },
  });
  const farIcs = dragged(await back.text(), 400 * 24);
  await putEvent(account, "home", fileName, farIcs);
  await page.goto("/settings/profile/calendars");
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText("Sync finished.")).toBeVisible({ timeout: 30_000 });
  await page.goto("/calendar");
  const banner = page.getByRole("alert").filter({ hasText: "A change you made in iCloud was not applied" });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("outside the booking window");
  await snap(page, testInfo, "calendar-icloud-notice");
  expect((await db.appointment.findUniqueOrThrow({ where: { id: bookingId } })).startsAt.getTime()).toBe(start + 2 * HOUR);
  await banner.getByRole("button", { name: "Dismiss" }).click();
  await expect(banner).toBeHidden();
});
