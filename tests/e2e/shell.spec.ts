import { expect, test } from "@playwright/test";
import { signIn, snap } from "./helpers";

test("the demo admin signs in, visits every shell page and signs out", async ({ page }, testInfo) => {
  await page.goto("/login");
  await snap(page, testInfo, "login");
  await signIn(page, "admin@demo.test");

  await expect(page.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
  await expect(page.getByText("Monday")).toBeVisible();
  await snap(page, testInfo, "calendar");

  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Calendar Settings" }).click();
  await expect(page).toHaveURL(/\/settings\/profile\/calendars$/);
  await expect(page.getByRole("heading", { level: 1, name: "Calendar Settings" })).toBeVisible();
  await snap(page, testInfo, "calendar-settings");

  await nav.getByRole("link", { name: "Team" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();
  for (const name of ["Alice Archer", "Bob Brown", "Carol Clarke", "Dana Admin"]) {
    await expect(page.getByRole("link", { name })).toBeVisible();
  }
  await snap(page, testInfo, "team");

  await page.getByRole("link", { name: "Bob Brown" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bob Brown" })).toBeVisible();
  await expect(page.getByText("Europe/London").first()).toBeVisible();
  await snap(page, testInfo, "team-member");

  await nav.getByRole("link", { name: "Booking calendars" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Booking calendars" })).toBeVisible();
  for (const slug of ["demo-round-robin", "demo-collective", "demo-class", "demo-service", "demo-simple"]) {
    await expect(page.getByText(`/book/${slug}`)).toBeVisible();
  }
  await expect(page.getByText("Simple calendars don't sync with iCloud.")).toBeVisible();
  await snap(page, testInfo, "booking-calendars");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/admin/team");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password is explained and nothing opens", async ({ page }, testInfo) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@demo.test");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Next's route announcer is also an alert region: pick ours by its text.
  await expect(page.getByRole("alert").filter({ hasText: "don't match" })).toHaveText("That email and password don't match an account.");
  await expect(page.getByLabel("Email")).toHaveValue("admin@demo.test");
  await snap(page, testInfo, "login-wrong-password");
  await page.goto("/calendar");
  await expect(page).toHaveURL(/\/login/);
});

test("staff see no admin navigation and get a 403 on admin pages", async ({ page }, testInfo) => {
  await signIn(page, "alice@demo.test");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Calendar Settings" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Team" })).toHaveCount(0);
  const response = await page.goto("/admin/team");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Only administrators can open this page" })).toBeVisible();
  await snap(page, testInfo, "staff-forbidden");
});

test("the app's icon is served: /favicon.ico and /icon.svg, linked from every page", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  const bytes = await ico.body();
  // ICONDIR: reserved 0, type 1 (icon), at least one image.
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);

  const svg = await request.get("/icon.svg");
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toMatch(/^image\/svg\+xml/);

  await page.goto("/login");
  await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
});
