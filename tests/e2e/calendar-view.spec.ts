import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn, snap } from "./helpers";

// The browser's zone is the one the grid shows; Alice works 09:00–17:00 in New York.
const ZONE = "America/New_York";
test.use({ timezoneId: ZONE });

/** Books the first free slot of demo-simple (Alice only) through the public API. */
async function bookForAlice(request: APIRequestContext, name: string) {
  const base = `${process.env.E2E_BASE_URL}/api/public/calendars/demo-simple`;
  const start = new Date();
  const end = new Date(start.getTime() + 21 * 86_400_000);
  const slots = await request.get(`${base}/slots`, { params: { start: start.toISOString(), end: end.toISOString(), timeZone: ZONE } });
  expect(slots.status()).toBe(200);
  const offered = (await slots.json()).slots as { start: string }[];
  expect(offered.length, "demo-simple offers slots in the next three weeks").toBeGreaterThan(0);
  // Tests run in parallel on one database: a slot another test just took answers 409, so try the next.
  for (const slot of offered.slice(0, 10)) {
    const booked = await request.post(`${base}/bookings`, {
      data: { start: slot.start, timeZone: ZONE, name, email: `calendar-${Date.now()}@example.test` },
    });
    if (booked.status() === 409) continue;
    expect(booked.status()).toBe(201);
    const body = (await booked.json()) as { id: string; start: string };
    // The slot's ISO time carries New York's offset, so its date part is the local date the grid shows.
    return { id: body.id, date: body.start.slice(0, 10) };
  }
  throw new Error("every offered slot was taken");
}

/** From month view, pages forward until the appointment's day is on screen, then opens that day. */
async function openDay(page: Page, date: string) {
  await page.getByRole("button", { name: "Month", exact: true }).click();
  const day = page.locator(`td.fc-daygrid-day[data-date="${date}"]`);
  for (let i = 0; i < 3 && !(await day.isVisible()); i++) await page.getByRole("button", { name: "Next month" }).click();
  await expect(day).toBeVisible();
  return day;
}

test("Alice sees her new appointment in month, week and day view, and on a phone", async ({ page, request }, testInfo) => {
  const name = `Calendar Check ${Date.now()}`;
  const booking = await bookForAlice(request, name);

  await signIn(page, "alice@demo.test");
  await expect(page.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
  await expect(page.getByText(`Times in ${ZONE}`)).toBeVisible();
  await expect(page.getByRole("list", { name: "Legend" })).toContainText("Busy in iCloud (read-only)");
  await expect(page.getByRole("combobox", { name: "Show" })).toHaveCount(0); // staff see only themselves
  for (const button of ["Today", "Month", "Week", "Day"])
    await expect(page.getByRole("button", { name: button, exact: true })).toBeVisible();

  const day = await openDay(page, booking.date);
  await expect(day.locator(".fc-event", { hasText: name })).toBeVisible();
  await snap(page, testInfo, "1-month");

  await day.locator("a.fc-daygrid-day-number").click();
  const event = page.locator(".fc-timegrid-event", { hasText: name });
  await expect(event).toBeVisible();
  await expect(event).toContainText("Quick call");
  await expect(event).not.toContainText("iCloud:"); // Simple calendars don't sync with iCloud
  await expect(page).toHaveURL(new RegExp(`view=timeGridDay&date=${booking.date}`));
  await snap(page, testInfo, "2-day");

  await page.getByRole("button", { name: "Week", exact: true }).click();
  await expect(page.locator(".fc-timegrid-event", { hasText: name })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "iCloud calendars" })).toBeVisible();
  await expect(page.getByText("No iCloud calendars are checked for conflicts")).toBeVisible();
  await snap(page, testInfo, "3-week");

  // The appointment opens its page; Back returns to the same week.
  await page.locator(".fc-timegrid-event", { hasText: name }).click();
  await expect(page).toHaveURL(new RegExp(`/appointments/${booking.id}$`));
  await page.goBack();
  await expect(page.locator(".fc-timegrid-event", { hasText: name })).toBeVisible();
  await expect(page.getByRole("button", { name: "Week", exact: true })).toHaveClass(/fc-button-active/);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/calendar?date=${booking.date}`);
  await expect(page.locator(".fc-timegrid-event", { hasText: name })).toBeVisible();
  await expect(page.getByRole("button", { name: "Day", exact: true })).toHaveClass(/fc-button-active/); // phones start on the day
  await snap(page, testInfo, "4-phone-day");
});

test("an admin shows the team, each event with its member", async ({ page, request }, testInfo) => {
  const name = `Team Check ${Date.now()}`;
  const booking = await bookForAlice(request, name);
  await signIn(page, "admin@demo.test");
  const show = page.getByRole("combobox", { name: "Show" });
  await expect(show).toHaveValue("me");
  await expect(show.locator("option")).toHaveText(["Me", "Alice Archer", "Bob Brown", "Carol Clarke", "Team"]);
  await show.selectOption({ label: "Team" });
  await expect(page).toHaveURL(/show=team/);
  await page.goto(`/calendar?show=team&view=timeGridWeek&date=${booking.date}`);
  const event = page.locator(".fc-timegrid-event", { hasText: name });
  await expect(event).toContainText("Alice Archer");
  await expect(page.getByRole("list", { name: "Legend" })).toContainText("Bob Brown");
  await snap(page, testInfo, "5-team-week");

  await show.selectOption({ label: "Bob Brown" });
  await expect(page.locator(".fc-timegrid-event", { hasText: name })).toHaveCount(0);
});
