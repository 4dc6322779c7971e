// What a customer's page says before any booking: a class calendar's own lengths, and a
// customer-facing "not found" for addresses that open nothing (no way into the staff login).
import { expect, test, type Page } from "@playwright/test";
import { db } from "@/lib/db";
import { uniqueSuffix } from "../support/factories";
import { openDay, ownCalendar, ownClientHeaders, timeButtons, ZONE } from "./booking-page-data";
import { snap } from "./helpers";

test.use({ timezoneId: ZONE, extraHTTPHeaders: ownClientHeaders() });

test("a class calendar shows its sessions' lengths, and each time's length when they differ", async ({ page }, testInfo) => {
  const mixed = await ownCalendar({
    type: "CLASS",
    name: "Yoga classes",
    staffNames: ["Yael Yoga"],
    durationMinutes: 30,
    classes: [
      { title: "Morning stretch", minuteOfDay: 10 * 60, durationMinutes: 45 },
      { title: "Evening flow", minuteOfDay: 18 * 60, durationMinutes: 60 },
    ],
  });
  await page.goto(`/book/${mixed.calendar.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: "Yoga classes" })).toBeVisible();
  await expect(page.locator("header")).toContainText("45–60 minutes");
  await expect(page.getByText("30 minutes")).toHaveCount(0);
  await openDay(page, 0);
  await expect(timeButtons(page)).toHaveCount(2);
  await expect(timeButtons(page).nth(0)).toHaveText(/^10:0045 min · 5 seats left$/);
  await expect(timeButtons(page).nth(1)).toHaveText(/^18:0060 min · 5 seats left$/);
  await snap(page, testInfo, "class-mixed-lengths");

  const single = await ownCalendar({
    type: "CLASS",
    name: "Pilates",
    staffNames: ["Pat Pilates"],
    durationMinutes: 30,
    classes: [{ title: "Core", minuteOfDay: 11 * 60, durationMinutes: 60 }],
  });
  await page.goto(`/book/${single.calendar.slug}`);
  await expect(page.locator("header")).toContainText("60 minutes");
  await expect(page.getByText("30 minutes")).toHaveCount(0);
  await openDay(page, 0);
  await expect(timeButtons(page).first()).toHaveText(/^11:005 seats left$/);
  await snap(page, testInfo, "class-one-length");
});

async function expectCustomerNotFound(page: Page, path: string, heading: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  // Nothing here is for staff: no start page, no sign-in, no links at all.
  await expect(page.getByRole("link")).toHaveCount(0);
  await expect(page.getByText("Go to the start page")).toHaveCount(0);
}

test("unknown and archived booking links answer a customer-facing not found, with no staff links", async ({ page, request }, testInfo) => {
  await expectCustomerNotFound(page, `/book/does-not-exist-${uniqueSuffix()}`, "This booking page isn't available");
  await snap(page, testInfo, "1-unknown-calendar");
  // A link cut short or with something appended is still the customer's page, never the staff one.
  await expectCustomerNotFound(page, "/book", "This booking page isn't available");
  await expectCustomerNotFound(page, "/book/demo-round-robin/extra", "This booking page isn't available");
  await expectCustomerNotFound(page, "/booking", "This link doesn't open a booking");

  const { calendar } = await ownCalendar({ type: "SIMPLE", name: "Retired service", staffNames: ["Ari Archive"] });
  const from = new Date(Date.now() + 86_400_000);
  const slots = await request.get(`/api/public/calendars/${calendar.slug}/slots`, {
    params: { start: from.toISOString(), end: new Date(from.getTime() + 2 * 86_400_000).toISOString(), timeZone: ZONE },
  });
  const first = ((await slots.json()) as { slots: { start: string }[] }).slots[0]!;
  const booked = await request.post(`/api/public/calendars/${calendar.slug}/bookings`, {
    headers: ownClientHeaders(),
    data: { start: first.start, timeZone: ZONE, name: "Nia Notfound", email: `notfound-${uniqueSuffix()}@example.test` },
  });
  expect(booked.status()).toBe(201);
  const { id, manageToken } = (await booked.json()) as { id: string; manageToken: string };

  await expectCustomerNotFound(page, `/booking/${id}?token=not-the-token`, "This link doesn't open a booking");
  await snap(page, testInfo, "2-wrong-token");
  await expectCustomerNotFound(
    page,
    `/booking/no-such-booking-${uniqueSuffix()}?token=${encodeURIComponent(manageToken)}`,
    "This link doesn't open a booking",
  );
  await expectCustomerNotFound(page, `/booking/${id}`, "This link doesn't open a booking");
  await expectCustomerNotFound(page, `/booking/${id}/x?token=${encodeURIComponent(manageToken)}`, "This link doesn't open a booking");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, "2-wrong-token-phone");

  await db.bookingCalendar.update({ where: { id: calendar.id }, data: { archivedAt: new Date() } });
  await expectCustomerNotFound(page, `/book/${calendar.slug}`, "This booking page isn't available");
  await snap(page, testInfo, "3-archived-calendar-phone");
  // The booking itself still opens with its own link.
  await page.goto(`/booking/${id}?token=${encodeURIComponent(manageToken)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Your booking" })).toBeVisible();
});
