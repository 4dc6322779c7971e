import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { snap } from "./helpers";

test.use({ timezoneId: "Europe/Paris" });

/** Opens the first day with open times (this month or the next) and returns its time buttons. */
async function openFirstAvailableDay(page: Page) {
  const openDays = page.getByRole("button", { name: /times available/ });
  await expect(page.getByText("Loading available times…")).toHaveCount(0);
  if ((await openDays.count()) === 0) {
    await page.getByRole("button", { name: "Next month" }).click();
    await expect(page.getByText("Loading available times…")).toHaveCount(0);
  }
  await openDays.first().click();

}

test("a customer books a round-robin slot, downloads the .ics and cancels through the manage link", async ({ page }, testInfo) => {
  await page.goto("/book/demo-round-robin");
  await expect(page.getByRole("heading", { level: 1, name: "Consultation" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Time zone" })).toHaveValue("Europe/Paris");
  await openFirstAvailableDay(page);
  await snap(page, testInfo, "1-month-and-times");
  const firstTime = page.locator("section[aria-labelledby=times-title] button").first();
  const chosen = (await firstTime.textContent())!.trim();
  await firstTime.click();

  await page.getByLabel("Name").fill("Jamie Customer");
  await page.getByLabel("Email").fill(`jamie-${Date.now()}@example.test`);
  await snap(page, testInfo, "2-details");
  await page.getByRole("button", { name: "Confirm booking" }).click();

  await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await expect(page.getByText(chosen.slice(0, 5), { exact: false }).first()).toBeVisible();
  await expect(page.getByText(/Alice Archer|Bob Brown|Carol Clarke/)).toBeVisible();
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
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/book/demo-service");
  await expect(page.getByRole("combobox", { name: "Service" })).toBeVisible();
  await page.getByRole("combobox", { name: "Service" }).selectOption({ label: "Beard Trim (30 min)" });
  await openFirstAvailableDay(page);
  await snap(page, testInfo, "phone-times");
  const firstTime = page.locator("section[aria-labelledby=times-title] button").first();
  await firstTime.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Name")).toBeVisible();
  await page.getByLabel("Name").focus();
  await page.keyboard.type("Kim Keyboard");
  await page.keyboard.press("Tab");
  await page.keyboard.type(`kim-${Date.now()}@example.test`);
  await snap(page, testInfo, "phone-details");
  await page.getByRole("button", { name: "Confirm booking" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await expect(page.getByText("Beard Trim · Salon services")).toBeVisible();
  await snap(page, testInfo, "phone-confirmation");
});
