// Blocked time as a staff member uses it: "Block time" on /calendar, the booking page no longer
// offers that time, then edit and delete it from the calendar. Its own organization only.
import { expect, test, type Page } from "@playwright/test";
import { db } from "@/lib/db";
import { createBookingCalendar, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";
import { signIn, snap } from "./helpers";

const ZONE = "Europe/Berlin";
const PASSWORD = "blocked time e2e";
test.use({ timezoneId: ZONE });

async function slotsOn(slug: string, date: string): Promise<string[]> {
  const params = new URLSearchParams({ start: `${date}T00:00:00+01:00`, end: `${date}T23:59:00+01:00`, timeZone: ZONE });
  const res = await fetch(`${process.env.E2E_BASE_URL}/api/public/calendars/${slug}/slots?${params}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { slots: { start: string }[] };
  return body.slots.map((s) => new Date(s.start).toLocaleTimeString("en-GB", { timeZone: ZONE, hour: "2-digit", minute: "2-digit" }));
}

async function openCalendarOn(page: Page, date: string) {
  await page.goto(`/calendar?view=timeGridDay&date=${date}`);
  await expect(page.getByRole("button", { name: "Block time" })).toBeVisible();
}

test("a member blocks time, customers can't book it, and it can be edited and deleted", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const org = await createOrganization(`Blocked ${uniqueSuffix()}`);
  const eva = await withWorkingHours(
    await createUser({ organizationId: org.id, timeZone: ZONE, name: `Eva Blocked ${uniqueSuffix()}`, password: PASSWORD }),
    [0, 1, 2, 3, 4, 5, 6],
    9 * 60,
    17 * 60,
  );
  const calendar = await createBookingCalendar({
    organizationId: org.id,
    type: "SIMPLE",
    memberIds: [eva.id],
    durationMinutes: 60,
    timeZone: ZONE,
  });
  // Four days ahead (never a DST change in December in Berlin: UTC+1).
  const date = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
  expect(await slotsOn(calendar.slug, date)).toEqual(["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"]);

  await signIn(page, eva.email, PASSWORD);
  await openCalendarOn(page, date);
  await page.getByRole("button", { name: "Block time" }).click();
  const dialog = page.getByRole("dialog", { name: "Block time" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Title").fill("Dentist");
  await dialog.getByLabel("Start date").fill(date);
  await dialog.getByLabel("Start time").fill("11:00");
  await dialog.getByLabel("End date").fill(date);
  await dialog.getByLabel("End time").fill("13:00");
  await expect(dialog.getByText(/Times in Europe\/Berlin/)).toBeVisible();
  await snap(page, testInfo, "block-time-dialog");
  await dialog.getByRole("button", { name: "Block time" }).click();
  await expect(dialog).toBeHidden();
  const event = page.locator(".blocked-time").filter({ hasText: "Dentist" });
  await expect(event).toBeVisible();
  await snap(page, testInfo, "calendar-with-blocked-time");

  // Customers no longer get 11:00 or 12:00.
  expect(await slotsOn(calendar.slug, date)).toEqual(["09:00", "10:00", "13:00", "14:00", "15:00", "16:00"]);

  // Edit: move it to 15:00–16:00.
  await event.click();
  const edit = page.getByRole("dialog", { name: "Blocked time" });
  await expect(edit.getByLabel("Title")).toHaveValue("Dentist");
  await expect(edit.getByLabel("Start time")).toHaveValue("11:00");
  await edit.getByLabel("Start time").fill("15:00");
  await edit.getByLabel("End time").fill("16:00");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(page.locator(".blocked-time").filter({ hasText: "Dentist" })).toBeVisible();
  expect(await slotsOn(calendar.slug, date)).toEqual(["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "16:00"]);

  // A clash is refused in words, and nothing changes.
  await page.locator(".blocked-time").filter({ hasText: "Dentist" }).click();
  await edit.getByLabel("End time").fill("14:00");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit.getByRole("alert")).toContainText("The end must be after the start.");
  await edit.getByRole("button", { name: "Cancel" }).click();
  await expect(edit).toBeHidden();

  // Delete.
  await page.locator(".blocked-time").filter({ hasText: "Dentist" }).click();
  await edit.getByRole("button", { name: "Delete blocked time" }).click();
  await expect(edit).toBeHidden();
  await expect(page.locator(".blocked-time")).toHaveCount(0);
  expect(await slotsOn(calendar.slug, date)).toHaveLength(8);
  expect(await db.blockedTime.count({ where: { userId: eva.id, deletedAt: null } })).toBe(0);
});

test("on a phone the dialog fits the screen", async ({ page }, testInfo) => {
  const org = await createOrganization(`Blocked phone ${uniqueSuffix()}`);
  const finn = await createUser({ organizationId: org.id, timeZone: ZONE, name: `Finn Phone ${uniqueSuffix()}`, password: PASSWORD });
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, finn.email, PASSWORD);
  await openCalendarOn(page, new Date().toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Block time" }).click();
  const dialog = page.getByRole("dialog", { name: "Block time" });
  await expect(dialog).toBeVisible();
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await snap(page, testInfo, "block-time-dialog-phone");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});
