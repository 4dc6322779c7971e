import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn, snap } from "./helpers";

const LOGINS: Record<string, string> = {
  "Alice Archer": "alice@demo.test",
  "Bob Brown": "bob@demo.test",
  "Carol Clarke": "carol@demo.test",
};

/** Books the first free slot of demo-round-robin through the public API, as a customer would. */
async function bookThroughApi(customerName: string) {
  const api = `${process.env.E2E_BASE_URL}/api/public/calendars/demo-round-robin`;
  // A client address of its own, so the public write limit never meets another test's.
  const headers = { "content-type": "application/json", "x-forwarded-for": `198.19.${randomBytes(1)[0]}.${randomBytes(1)[0]}` };
  const start = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const end = new Date(Date.now() + 9 * 86_400_000).toISOString();
  const slotsRes = await fetch(`${api}/slots?${new URLSearchParams({ start, end, timeZone: "America/New_York" })}`);
  expect(slotsRes.status).toBe(200);
  const { slots } = (await slotsRes.json()) as { slots: { start: string }[] };
  expect(slots.length).toBeGreaterThan(0);
  const email = `e2e-${randomBytes(4).toString("hex")}@example.test`;
  const res = await fetch(`${api}/bookings`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      start: slots[0]!.start,
      timeZone: "America/New_York",
      name: customerName,
      email,
      notes: "Prefers the window seat",
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; start: string; staff: { id: string; name: string }[] };
}

async function openAppointments(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Appointments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Appointments" })).toBeVisible();
}

test("staff see, reschedule and cancel a booked appointment; the admin sees it too", async ({ page, browser }, testInfo) => {
  const customerName = `Grace E2E ${randomBytes(3).toString("hex")}`;
  const booking = await bookThroughApi(customerName);
  const member = booking.staff[0]!;
  const login = LOGINS[member.name];
  expect(login, `a demo login for ${member.name}`).toBeDefined();

  await signIn(page, login!);
  await openAppointments(page);
  const row = page.getByRole("link", { name: new RegExp(customerName) });
  await expect(row).toContainText("Confirmed");
  await expect(row).toContainText(member.name);
  await snap(page, testInfo, "1-list");

  await row.click();
  await expect(page.getByRole("heading", { level: 1, name: customerName })).toBeVisible();
  await expect(page.getByText("Prefers the window seat")).toBeVisible();
  // The demo members have no iCloud connection: the sync state says so, with the way to fix it.
  const sync = page.getByRole("list", { name: "iCloud sync per staff member" });
  await expect(sync).toContainText(`${member.name}: No iCloud sync`);
  await expect(sync.getByRole("link", { name: "Open Calendar Settings" })).toBeVisible();
  await snap(page, testInfo, "2-detail");

  // Reschedule: the date defaults to the appointment's; pick a free time that keeps the member.
  await page.getByRole("button", { name: "Show free times" }).click();
  const times = page.getByRole("group", { name: /Free times on/ });
  await expect(times).toBeVisible();
  const choice = times.locator("label").filter({ hasNotText: "*" }).last();
  const label = (await choice.innerText()).trim();
  await snap(page, testInfo, "3-free-times");
  await choice.click();
  await page.getByRole("button", { name: "Reschedule", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rescheduled." })).toBeVisible();
  await expect(page.locator("main header")).toContainText(`${label}–`);
  await snap(page, testInfo, "4-rescheduled");

  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, "5-detail-mobile");
  await page.setViewportSize({ width: 1280, height: 720 });

  await page.getByRole("button", { name: "Cancel appointment" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Cancel this appointment?" });
  await expect(dialog).toContainText(customerName);
  await snap(page, testInfo, "6-cancel-dialog");
  await dialog.getByRole("button", { name: "Cancel appointment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Cancelled." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel appointment" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Show free times" })).toHaveCount(0);
  await snap(page, testInfo, "7-cancelled");

  // The admin sees everyone's appointments, and can narrow them to the member.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin@demo.test");
  await openAppointments(admin);
  await admin.getByLabel("Staff member").selectOption({ label: member.name });
  await admin.getByRole("button", { name: "Show", exact: true }).click();
  // The public answer names the member by a public handle, not their user id: the filter uses the id.
  await expect(admin).toHaveURL(/staff=[^&]+/);
  const adminRow = admin.getByRole("link", { name: new RegExp(customerName) });
  await expect(adminRow).toContainText("Cancelled");
  await snap(admin, testInfo, "8-admin-list");
  await admin.setViewportSize({ width: 390, height: 844 });
  await snap(admin, testInfo, "9-admin-list-mobile");
  await adminRow.click();
  await expect(admin.getByRole("heading", { level: 1, name: customerName })).toBeVisible();
  await snap(admin, testInfo, "10-admin-detail-mobile");
  await adminContext.close();
});
