// The customer's path end to end. Every test that books books its own calendar (its own
// organization and staff), so specs running in parallel never take each other's times; the demo
// pages are only read.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { openDay, ownCalendar, ownClientHeaders, timeButtons, ZONE } from "./booking-page-data";
import { snap } from "./helpers";

test.use({ timezoneId: ZONE, extraHTTPHeaders: ownClientHeaders() });

test("the demo booking pages show their calendar in the customer's zone (read-only)", async ({ page }, testInfo) => {
  await page.goto("/book/demo-round-robin");
  await expect(page.getByRole("heading", { level: 1, name: "Consultation" })).toBeVisible();
  await expect(page.getByText("Demo Salon")).toBeVisible();
  await expect(page.getByText("30 minutes")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue("Europe/Paris");
  await expect(page.getByText("Loading available times…")).toHaveCount(0);
  await snap(page, testInfo, "demo-round-robin");
  // The demo class lasts 90 minutes, as its session says.
  await page.goto("/book/demo-class");
  await expect(page.getByRole("heading", { level: 1, name: "Braiding class" })).toBeVisible();
  await expect(page.getByText("90 minutes")).toBeVisible();
});

test("a customer books a round-robin slot, downloads the .ics and cancels through the manage link", async ({ page }, testInfo) => {
  const { calendar } = await ownCalendar({ type: "ROUND_ROBIN", name: "Consultation", staffNames: ["Alex Archer", "Billie Brown"] });
  await page.goto(`/book/${calendar.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: "Consultation" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue(ZONE);
  await openDay(page);
  await snap(page, testInfo, "1-month-and-times");
  const firstTime = timeButtons(page).first();
  const chosen = (await firstTime.textContent())!.trim();
  await firstTime.click();

  await page.getByLabel("Name").fill("Jamie Customer");
  await page.getByLabel("Email").fill(`jamie-${Date.now()}@example.test`);
  await snap(page, testInfo, "2-details");
  await page.getByRole("button", { name: "Confirm booking" }).click();

  await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await expect(page).toHaveURL(/\/booking\/\w+\?token=[\w%-]+&booked=1$/);
  await expect(page.getByText(chosen.slice(0, 5), { exact: false }).first()).toBeVisible();
  await expect(page.getByText(/Alex Archer|Billie Brown/)).toBeVisible();
  await snap(page, testInfo, "3-confirmation");

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Add to calendar (.ics)" }).click();
  const download = await downloadPromise;
  const ics = await readFile((await download.path())!, "utf8");
  expect(ics).toContain("BEGIN:VEVENT");
  expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/);

  await page.getByRole("link", { name: "Reschedule or cancel" }).click();
  await expect(page.getByRole("heading", { name: "Your booking" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Confirmed");
  await page.getByRole("button", { name: "Cancel booking" }).click();
  await snap(page, testInfo, "4-cancel-confirm");
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.getByRole("status")).toHaveText("Cancelled");
  await snap(page, testInfo, "5-cancelled");
});

test("the booking page works on a phone and with the keyboard alone", async ({ page }, testInfo) => {
  const { calendar } = await ownCalendar({
    type: "SERVICE",
    name: "Salon services",
    staffNames: ["Kit Keys"],
    durationMinutes: 45,
    slotIntervalMinutes: 15,
    services: [
      { name: "Hair Cut", durationMinutes: 45 },
      { name: "Beard Trim", durationMinutes: 30 },
    ],
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/book/${calendar.slug}`);
  const service = page.getByRole("combobox", { name: "Service" });
  await expect(service).toBeVisible();
  await expect(page.getByText("Loading available times…")).toHaveCount(0);

  await service.selectOption({ label: "Beard Trim (30 min)" });
  await expect(page.getByText("Loading available times…")).toHaveCount(0);

  // The month is one Tab stop after "Next month"; the arrows move by day.
  await page.getByRole("button", { name: "Next month" }).focus();
  await page.keyboard.press("Tab");
  const focusedDay = page.locator("[role=grid] button:focus");
  await expect(focusedDay).toHaveAccessibleName(/times available/);
  const first = (await focusedDay.getAttribute("data-date"))!;
  // The next day: open all day, whatever the time now (the staff work every day).
  await page.keyboard.press("ArrowRight");
  await expect(focusedDay).not.toHaveAttribute("data-date", first);
  await expect(focusedDay).toHaveAccessibleName(/times available/);
  await page.keyboard.press("Enter");
  await expect(page.locator("#times-title")).toBeFocused();
  await snap(page, testInfo, "phone-times");
  await page.keyboard.press("Tab");
  await expect(timeButtons(page).first()).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page.getByLabel("Name")).toBeVisible();
  await page.getByLabel("Name").focus();
  await page.keyboard.type("Kim Keyboard");
  await page.keyboard.press("Tab");
  await page.keyboard.type(`kim-${Date.now()}@example.test`);
  await snap(page, testInfo, "phone-details");
  await page.keyboard.press("Enter"); // submits the form from the email field
  await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await expect(page.getByText("Beard Trim · Salon services")).toBeVisible();
  await snap(page, testInfo, "phone-confirmation");
});
