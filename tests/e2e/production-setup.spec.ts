// A business's own installation: the production run command against an empty PostgreSQL
// (started by scripts/e2e.ts). No demo account exists; /setup creates the organization and its
// first admin, then closes; /api/health follows the database.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { snap } from "./helpers";

const baseURL = process.env.E2E_EMPTY_BASE_URL!;
const pgData = process.env.E2E_EMPTY_PG_DATA!;
test.use({ baseURL });
// One installation, one story: each step needs the one before.
test.describe.configure({ mode: "serial" });

const admin = { email: "owner@harbour.test", password: "harbour physio 2026" };

test("there is no demo account, and /login leads to /setup", async ({ page, request }) => {
  expect(baseURL, "scripts/e2e.ts starts the empty installation").toBeTruthy();
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@demo.test");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password don't match an account.")).toBeVisible();
  await page.getByRole("link", { name: "Set up this installation" }).click();
  await expect(page).toHaveURL(/\/setup$/);
  expect((await request.get("/api/health")).status()).toBe(200);
});

test("/setup creates the organization and its admin, signs them in, then answers 404", async ({ page, browser }, testInfo) => {
  await page.goto("/setup");
  await expect(page.getByRole("heading", { name: "Set up your organization" })).toBeVisible();
  await snap(page, testInfo, "setup-desktop");
  await page.getByLabel("Organization name").fill("Harbour Physio");
  await page.getByLabel("Time zone").selectOption("Europe/Lisbon");
  await page.getByLabel("Your name").fill("Hana Harbour");
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByLabel("Confirm password").fill("not the same password");
  await page.getByRole("button", { name: "Create organization" }).click();
  // A refusal keeps what was typed (but the passwords).
  await expect(page.getByText("The passwords don't match.")).toBeVisible();
  await expect(page.getByLabel("Organization name")).toHaveValue("Harbour Physio");
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Lisbon");
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByLabel("Confirm password").fill(admin.password);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/admin\/team$/);
  await expect(page.getByText("Hana Harbour").first()).toBeVisible();
  // This installation has no SMTP_URL: its admin is told plainly.
  await expect(page.getByText("Email is not configured: customers and staff receive no emails.")).toBeVisible();
  await snap(page, testInfo, "after-setup-team");

  const again = await page.request.get("/setup");
  expect(again.status()).toBe(404);

  // The new admin signs in from a fresh browser.
  const context = await browser.newContext({ baseURL });
  const fresh = await context.newPage();
  await fresh.goto("/login");
  await expect(fresh.getByRole("link", { name: "Set up this installation" })).toHaveCount(0);
  await fresh.getByLabel("Email").fill(admin.email);
  await fresh.getByLabel("Password").fill(admin.password);
  await fresh.getByRole("button", { name: "Sign in" }).click();
  await expect(fresh).toHaveURL(/\/calendar$/);
  await context.close();
});

test("/api/health answers 200 while everything runs and 503 within 10 s after the database stops", async ({ request }) => {
  const ok = await request.get("/api/health");
  expect(ok.status()).toBe(200);
  const body = await ok.json();
  expect(body).toMatchObject({ status: "ok", database: "ok", queue: { pending: expect.any(Number), failed: expect.any(Number) } });
  expect(body.worker.lastBeatSecondsAgo).toBeGreaterThanOrEqual(0);
  expect(JSON.stringify(body)).not.toMatch(/postgres(ql)?:\/\/|password|secret/i);

  // Stop the installation's PostgreSQL the way an outage would (its postmaster, fast shutdown).
  const pid = Number(readFileSync(path.join(pgData, "postmaster.pid"), "utf8").split("\n")[0]);
  process.kill(pid, "SIGINT");
  const stoppedAt = Date.now();
  await expect
    .poll(async () => (await request.get("/api/health", { timeout: 9_000 })).status(), { timeout: 10_000, intervals: [250] })
    .toBe(503);
  expect(Date.now() - stoppedAt).toBeLessThan(10_000);
  const down = await (await request.get("/api/health")).json();
  expect(down).toMatchObject({ status: "error", database: "unreachable", failing: ["database"] });
});
