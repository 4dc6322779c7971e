// iCloud sync words agree between the appointment list and the appointment page (one function
// makes both, lib/sync/push/status.ts): a collective booking where one member's iCloud is
// connected (and the worker really pushes to it) and two members have none, and a class booking
// whose instructor has no iCloud. Along the way, "Sync now" moves the connection's "Last checked"
// and the page shows it without a reload. Everything here belongs to this spec's own organization.
import { expect, test, type Page } from "@playwright/test";
import { db } from "@/lib/db";
import { createBookingCalendar, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";
import { signIn, snap } from "./helpers";
import { connect, createICloudAccount } from "./proxy";

const ZONE = "Europe/Berlin";
const PASSWORD = "sync labels e2e";
test.use({ timezoneId: ZONE });

/** Three days ahead at 10:00 and 14:00 UTC: inside everyone's all-day working hours. */
function startAt(hourUtc: number): string {
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${day}T${String(hourUtc).padStart(2, "0")}:00:00Z`).toISOString();
}

async function book(slug: string, start: string, name: string): Promise<string> {
  const res = await fetch(`${process.env.E2E_BASE_URL}/api/public/calendars/${slug}/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ start, timeZone: ZONE, name, email: `${uniqueSuffix()}@example.test` }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const row = (page: Page, customer: string) => page.getByRole("link", { name: new RegExp(customer) });

test("the list's iCloud line and the appointment page's member lines agree", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const org = await createOrganization(`Sync Labels ${uniqueSuffix()}`);
  const staff = async (name: string) =>
    withWorkingHours(
      await createUser({ organizationId: org.id, timeZone: ZONE, name, password: PASSWORD }),
      [0, 1, 2, 3, 4, 5, 6],
      0,
      24 * 60,
    );
  const ada = await staff(`Ada Connected ${uniqueSuffix()}`);
  const ben = await staff(`Ben Offline ${uniqueSuffix()}`);
  const cleo = await staff(`Cleo Offline ${uniqueSuffix()}`);
  const admin = await createUser({ organizationId: org.id, role: "ADMIN", timeZone: ZONE, name: "Sync Admin", password: PASSWORD });

  // Ada connects her iCloud and writes CRM appointments to Home.
  const account = await createICloudAccount();
  await signIn(page, ada.email, PASSWORD);
  await connect(page, account);
  await expect(page.getByRole("status").filter({ hasText: "iCloud is connected" })).toBeVisible();
  await page.getByLabel("Primary calendar").selectOption({ label: "Home" });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  // Sync now: "Last checked" moves from an old time to now, shown once the sync finishes, without a reload.
  const connection = await db.calendarConnection.findFirstOrThrow({ where: { userId: ada.id, status: "ACTIVE" } });
  // The reads that connecting and saving started must be over first, or one of them would move it back.
  const calendarKeys = (await db.externalCalendar.findMany({ where: { connectionId: connection.id }, select: { id: true } })).map(
    (c) => `refresh_calendar:${c.id}`,
  );
  await expect
    .poll(
      async () =>
        (await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ANY(${calendarKeys}::text[])`)[0]!
          .n,
      { timeout: 30_000 },
    )
    .toBe(0n);
  await db.calendarConnection.update({ where: { id: connection.id }, data: { lastCheckedAt: new Date("2026-01-05T08:00:00Z") } });
  await page.reload();
  const card = page.getByRole("listitem", { name: `iCloud Calendar ${account.appleId}` });
  await expect(card).toContainText("Last checked Mon 5 Jan 2026");
  const clicked = Date.now();
  await card.getByRole("button", { name: "Sync now" }).click();
  await expect(card.getByText("Sync finished.")).toBeVisible({ timeout: 30_000 });
  await expect(card).not.toContainText("Last checked Mon 5 Jan 2026");
  const checked = (await db.calendarConnection.findUniqueOrThrow({ where: { id: connection.id } })).lastCheckedAt!;
  expect(checked.getTime()).toBeGreaterThanOrEqual(clicked - 5_000);
  await snap(page, testInfo, "1-settings-after-sync-now");

  // A collective booking for all three, and a class whose instructor (Ben) has no iCloud.
  const collective = await createBookingCalendar({
    organizationId: org.id,
    type: "COLLECTIVE",
    memberIds: [ada.id, ben.id, cleo.id],
    timeZone: ZONE,
  });
  const classes = await createBookingCalendar({ organizationId: org.id, type: "CLASS", memberIds: [ben.id], timeZone: ZONE });
  await db.classSession.create({
    data: {
      organizationId: org.id,
      bookingCalendarId: classes.id,
      instructorId: ben.id,
      title: "Evening Yoga",
      startsAt: new Date(startAt(14)),
      durationMinutes: 60,
      capacity: 6,
    },
  });
  const together = `Together ${uniqueSuffix()}`;
  const yogi = `Yogi ${uniqueSuffix()}`;
  const collectiveId = await book(collective.slug, startAt(10), together);
  const classId = await book(classes.slug, startAt(14), yogi);

  await page.context().clearCookies(); // sign out Ada
  await signIn(page, admin.email, PASSWORD);
  await page.goto("/appointments");
  // The worker pushes Ada's copy to iCloud; Ben's and Cleo's calendars take nothing.
  await expect(async () => {
    await page.reload();
    await expect(row(page, together).getByTestId("sync-summary")).toHaveText("iCloud: 1 of 3 synced", { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await expect(row(page, yogi).getByTestId("sync-summary")).toHaveText("No iCloud sync");
  await snap(page, testInfo, "2-list");

  await row(page, together).click();
  await expect(page).toHaveURL(new RegExp(`/appointments/${collectiveId}$`));
  const members = page.getByRole("list", { name: "iCloud sync per staff member" });
  await expect(members.getByRole("listitem")).toHaveCount(3);
  await expect(members.getByRole("listitem").filter({ hasText: ada.name })).toContainText(`${ada.name}: Synced`);
  for (const offline of [ben, cleo]) {
    const line = members.getByRole("listitem").filter({ hasText: offline.name });
    await expect(line).toContainText(`${offline.name}: No iCloud sync`);
    await expect(line).toContainText("No iCloud calendar connected");
    await expect(line).not.toContainText("Not synced yet");
    await expect(line).not.toContainText("Pending");
  }
  await snap(page, testInfo, "3-collective-detail");

  await page.goto(`/appointments/${classId}`);
  const instructor = page.getByRole("list", { name: "iCloud sync per staff member" }).getByRole("listitem");
  await expect(instructor).toHaveCount(1);
  await expect(instructor).toContainText(`${ben.name}: No iCloud sync`);
  await expect(instructor).not.toContainText("Pending");
  await expect(instructor).not.toContainText("Not synced yet");
  await snap(page, testInfo, "4-class-detail");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/appointments");
  await expect(row(page, together).getByTestId("sync-summary")).toHaveText("iCloud: 1 of 3 synced");
  await snap(page, testInfo, "5-list-phone");
  await page.goto(`/appointments/${collectiveId}`);
  await expect(page.getByRole("list", { name: "iCloud sync per staff member" })).toBeVisible();
  await snap(page, testInfo, "6-collective-detail-phone");
});
