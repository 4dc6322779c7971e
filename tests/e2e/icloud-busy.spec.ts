import { expect, test } from "@playwright/test";
import { signIn, snap } from "./helpers";
import { connect, createICloudAccount, putEvent, type ProxyAccount } from "./proxy";

// Bob's iCloud, connected by the first test and written to by the second: they run in order.
test.describe.configure({ mode: "serial" });
let account: ProxyAccount;

const base = () => process.env.E2E_BASE_URL!;
const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

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

  account = await createICloudAccount();
  await putEvent(
    account,
    "home",
    "school.ics",
    [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Apple Inc.//iCloud 2.0//EN",
      "BEGIN:VEVENT",
      "UID:school-run-1",
      `DTSTAMP:${stamp(Date.now())}`,
      `DTSTART:${stamp(target)}`,
      `DTEND:${stamp(target + 3_600_000)}`,
      "SUMMARY:Pick up John from school",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ].join("\r\n"),
  );

  await signIn(page, "bob@demo.test");
  await connect(page, account);
  await expect(page.getByRole("status").filter({ hasText: "iCloud is connected" })).toBeVisible();
  await page.getByLabel("Primary calendar").selectOption({ label: "Home" });
  await page.getByRole("button", { name: "Save", exact: true }).click();
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

test("a customer's booking then appears in the staff member's iCloud calendar, shown as Synced", async ({ page }, testInfo) => {
  await signIn(page, "bob@demo.test");
  // Between 10:00 and 15:00 Berlin time Alice (New York) is not working yet and Bob (London)
  // outranks Carol in the round robin, so the booking goes to Bob, connected above.
  const from = Date.now() + 2 * 86_400_000;
  const params = new URLSearchParams({
    start: new Date(from).toISOString(),
    end: new Date(from + 7 * 86_400_000).toISOString(),
    timeZone: "Europe/Berlin",
  });
  const slots = (await (await fetch(`${base()}/api/public/calendars/demo-round-robin/slots?${params}`)).json()) as {
    slots: { start: string }[];
  };
  const early = slots.slots.find((s) => /T1[1-4]:/.test(s.start));
  expect(early).toBeDefined();
  const res = await fetch(`${base()}/api/public/calendars/demo-round-robin/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      start: early!.start,
      timeZone: "Europe/Berlin",
      name: "Sync Customer",
      email: `sync-${Date.now()}@example.test`,
    }),
  });
  expect(res.status).toBe(201);
  const booking = (await res.json()) as { id: string; staff: { name: string }[] };
  expect(booking.staff.map((s) => s.name)).toEqual(["Bob Brown"]);

  await page.goto(`/appointments/${booking.id}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("Synced", { exact: true }).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await snap(page, testInfo, "appointment-synced");

  // The event is on the CalDAV server, in the chosen primary calendar.
  const report = await fetch(`${process.env.E2E_PROXY_URL!.replace(/\/$/, "")}/${account.dsid}/calendars/home/`, {
    method: "REPORT",
    headers: {
      authorization: `Basic ${Buffer.from(`${account.appleId}:${account.password}`).toString("base64")}`,
      depth: "1",
      "content-type": "application/xml",
    },
    body: `<?xml version="1.0"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>`,
  });
  const xml = await report.text();
  expect(xml).toContain(`UID:crm-${booking.id}-`);
  expect(xml).toContain("Sync Customer");
});
