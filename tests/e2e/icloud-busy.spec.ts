import { expect, test } from "@playwright/test";
import { signIn, snap } from "./helpers";
import { connect, createICloudAccount, putEvent } from "./proxy";

const base = () => process.env.E2E_BASE_URL!;
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

async function collectiveSlots(from: number, to: number): Promise<{ start: string; end: string }[]> {
  const params = new URLSearchParams({ start: new Date(from).toISOString(), end: new Date(to).toISOString(), timeZone: "UTC" });
  const res = await fetch(`${base()}/api/public/calendars/demo-collective/slots?${params}`);
  expect(res.status).toBe(200);
  const body = await res.text();
  expect(body).not.toContain("Pick up John");
  return (JSON.parse(body) as { slots: { start: string; end: string }[] }).slots;
}

test("an iCloud event blocks availability and shows read-only in its owner's calendar", async ({ page }, testInfo) => {
  // A collective slot two or more days out: it needs Bob, who is about to become busy then.
  const from = Date.now() + 2 * 86_400_000;
  const before = await collectiveSlots(from, from + 14 * 86_400_000);
  expect(before.length).toBeGreaterThan(0);
  const target = Date.parse(before[0]!.start);

  const account = await createICloudAccount();
  await putEvent(account, "home", "school.ics", [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Apple Inc.//iCloud 2.0//EN", "BEGIN:VEVENT", "UID:school-run-1",
    `DTSTAMP:${stamp(Date.now())}`, `DTSTART:${stamp(target)}`, `DTEND:${stamp(target + 3_600_000)}`,
    "SUMMARY:Pick up John from school", "END:VEVENT", "END:VCALENDAR", "",
  ].join("\r\n"));

  await signIn(page, "bob@demo.test");
  await connect(page, account);
  await expect(page.getByRole("status").filter({ hasText: "iCloud is connected" })).toBeVisible();
  await page.getByLabel("Primary calendar").selectOption({ label: "Home" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText("Sync finished.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Home · last refreshed/)).toBeVisible();
  await snap(page, testInfo, "settings-synced");

  // The public API no longer offers that time, and never shows the title.
  const after = await collectiveSlots(from, from + 14 * 86_400_000);
  expect(after.map((s) => s.start)).not.toContain(before[0]!.start);

  // Bob sees it on his calendar, read-only and marked as from iCloud.
  const date = new Date(target).toISOString().slice(0, 10);
  await page.goto(`/calendar?view=timeGridDay&date=${date}`);
  const busy = page.getByText("Pick up John from school").first();
  await expect(busy).toBeVisible();
  await expect(page.getByText(/from iCloud · Home/).first()).toBeVisible();
  await snap(page, testInfo, "calendar-busy-block");

  // The customer's booking page shows nothing of it.
  await page.goto("/book/demo-collective");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("Pick up John");
});
