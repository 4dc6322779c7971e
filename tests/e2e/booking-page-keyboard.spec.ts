// The month as an ARIA grid (one Tab stop, arrows, Home/End, PageUp/PageDown), focus moving to
// the times once a day is chosen, times grouped by part of the customer's day, and a phone-wide page.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { ownCalendar, ownClientHeaders, timeButtons } from "./booking-page-data";
import { snap } from "./helpers";

// Staff work 08:00–20:00 in Paris; the customer is in New York, five or six hours behind.
const CUSTOMER_ZONE = "America/New_York";
test.use({ timezoneId: CUSTOMER_ZONE, extraHTTPHeaders: ownClientHeaders() });

async function quarterHourService() {
  return ownCalendar({
    type: "SERVICE",
    name: "Express services",
    staffNames: ["Quinn Quarter"],
    durationMinutes: 15,
    slotIntervalMinutes: 15,
    services: [{ name: "Fringe trim", durationMinutes: 15 }],
  });
}

const focusedDay = (page: Page) => page.locator("[role=grid] button:focus");
async function focusedDate(page: Page) {
  await expect(focusedDay(page)).toHaveCount(1);
  return (await focusedDay(page).getAttribute("data-date"))!;
}
const plus = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** Waits for the focus to settle on a day of the month (it moves after the keypress is handled). */
const expectFocusOn = (page: Page, date: string) => expect.poll(() => focusedDay(page).getAttribute("data-date")).toBe(date);
const mondayIndex = (date: string) => (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).toLocaleDateString("en-GB", { weekday: "long", timeZone: "UTC" });

test("the month is one Tab stop; arrows, Home/End and PageUp/PageDown move the focus; choosing a day moves focus to its times", async ({
  page,
}, testInfo) => {
  const { calendar } = await quarterHourService();
  await page.goto(`/book/${calendar.slug}`);
  await expect(page.getByText("Loading available times…")).toHaveCount(0);
  const grid = page.getByRole("grid");
  await expect(grid).toHaveAccessibleName(/^\w+ \d{4}$/);
  await expect(grid.locator("button[tabindex='0']")).toHaveCount(1);
  expect(await grid.locator("button").count()).toBeGreaterThanOrEqual(28);

  const firstDay = (await grid.locator("button").first().getAttribute("data-date"))!;
  expect(firstDay).toMatch(/-01$/);
  await page.getByRole("button", { name: "Next month" }).focus();
  await page.keyboard.press("Tab");
  const start = await focusedDate(page);
  await expect(focusedDay(page)).toHaveAccessibleName(/times available/);
  // One Tab leaves the month: the days are not Tab stops.
  await page.keyboard.press("Tab");
  await expect(focusedDay(page)).toHaveCount(0);
  await page.keyboard.press("Shift+Tab");
  await expectFocusOn(page, start);

  await page.keyboard.press("ArrowRight");
  await expectFocusOn(page, plus(start, 1));
  await page.keyboard.press("ArrowLeft");
  await expectFocusOn(page, start);
  await page.keyboard.press("ArrowDown");
  await expectFocusOn(page, plus(start, 7));
  await page.keyboard.press("ArrowUp");
  await expectFocusOn(page, start);
  const sunday = plus(start, 6 - mondayIndex(start));
  await page.keyboard.press("End");
  await expectFocusOn(page, sunday);
  expect(weekday(sunday)).toBe("Sunday");
  await page.keyboard.press("Home");
  // The week's Monday, or the first day offered when that Monday is in an earlier month.
  const monday = plus(sunday, -6);
  await expectFocusOn(page, monday < firstDay ? firstDay : monday);
  await expect(grid.locator("button[tabindex='0']")).toHaveCount(1);

  // PageDown: the same day of the next month, whose days replace these; PageUp comes back.
  const title = page.locator(`[id="${await grid.getAttribute("aria-labelledby")}"]`);
  const beforePage = await focusedDate(page);
  const titleBefore = await title.innerText();
  await page.keyboard.press("PageDown");
  await expect.poll(async () => (await focusedDate(page)).slice(0, 7)).not.toBe(beforePage.slice(0, 7));
  const afterPage = await focusedDate(page);
  expect(afterPage.slice(0, 7) > beforePage.slice(0, 7)).toBe(true);
  expect(Number(afterPage.slice(8))).toBeLessThanOrEqual(Number(beforePage.slice(8)));
  await expect(title).not.toHaveText(titleBefore);
  await page.keyboard.press("PageUp");
  await expect.poll(async () => (await focusedDate(page)).slice(0, 7)).toBe(beforePage.slice(0, 7));
  await expect(title).toHaveText(titleBefore);
  // Nothing before this month is offered: PageUp stops at it.
  for (let i = 0; i < 3; i++) await page.keyboard.press("PageUp");
  await expect(page.getByRole("button", { name: "Previous month" })).toBeDisabled();
  await expect.poll(async () => (await focusedDate(page)).slice(0, 7)).toBe(firstDay.slice(0, 7));

  // Right until an open day, Enter: focus goes to that day's times; Tab reaches the first time.
  await expect(page.getByText("Loading available times…")).toHaveCount(0);
  for (let i = 0; i < 45 && !/times available/.test((await focusedDay(page).getAttribute("aria-label")) ?? ""); i++) {
    const from = await focusedDate(page);
    await page.keyboard.press("ArrowRight");
    await expectFocusOn(page, plus(from, 1));
    await expect(page.getByText("Loading available times…")).toHaveCount(0);
  }
  const chosen = await focusedDate(page);
  await expect(focusedDay(page)).toHaveAccessibleName(/times available/);
  await page.keyboard.press("Enter");
  const heading = page.locator("#times-title");
  await expect(heading).toBeFocused();
  await expect(heading).toHaveText(new RegExp(`^${weekday(chosen)} `));
  await snap(page, testInfo, "1-times-focused");
  await page.keyboard.press("Tab");
  await expect(timeButtons(page).first()).toBeFocused();
  // Shift+Tab returns to the month, on the chosen day.
  await page.keyboard.press("Shift+Tab");
  await expectFocusOn(page, chosen);
  await expect(page.getByRole("gridcell", { selected: true })).toHaveCount(1);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Name")).toBeVisible();
});

/** The first row of times holds exactly `n` buttons. */
async function expectAcross(times: Locator, n: number) {
  const tops = await times.evaluateAll((buttons) => buttons.slice(0, 6).map((b) => Math.round(b.getBoundingClientRect().top)));
  expect(tops.filter((top) => top === tops[0]).length).toBe(n);
}

test("a 15-minute service's times are grouped into morning, afternoon and evening of the customer's day", async ({ page }, testInfo) => {
  const { calendar } = await quarterHourService();
  await page.goto(`/book/${calendar.slug}`);
  await expect(page.getByText("Loading available times…")).toHaveCount(0);
  const days = page.getByRole("button", { name: /times available/ });
  if ((await days.count()) < 2) {
    await page.getByRole("button", { name: "Next month" }).click();
    await expect(page.getByText("Loading available times…")).toHaveCount(0);
  }
  await days.nth(1).click();
  // 08:00–20:00 in Paris is 02:00/03:00–14:00/15:00 in New York: morning and afternoon only.
  const morning = page.getByRole("group", { name: "Morning" }).getByRole("button");
  const afternoon = page.getByRole("group", { name: "Afternoon" }).getByRole("button");
  await expect(page.getByRole("heading", { level: 3, name: "Morning" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Afternoon" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Evening" })).toHaveCount(0);
  await expect(morning.first()).toHaveText(/^0[23]:00$/);
  await expect(morning.last()).toHaveText("11:45");
  await expect(afternoon.first()).toHaveText("12:00");
  await expect(afternoon.last()).toHaveText(/^1[34]:45$/);
  expect((await morning.count()) + (await afternoon.count())).toBe(48);
  // Four across beside the month, three across a phone: a short wall, not a column of fifty.
  await expectAcross(morning, 4);
  await snap(page, testInfo, "grouped-times");
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAcross(morning, 3);
  await snap(page, testInfo, "grouped-times-phone");
});

test("on a 390px phone the booking page is no wider than the screen; the time zone select fits below its label", async ({
  page,
}, testInfo) => {
  const { calendar } = await quarterHourService();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/book/${calendar.slug}`);
  await expect(page.getByText("Loading available times…")).toHaveCount(0);
  const select = page.getByRole("combobox", { name: "Time zone" });
  await expect(select).toHaveValue(CUSTOMER_ZONE);
  await expect.poll(() => select.locator("option").count()).toBeGreaterThan(300);
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
  const box = (await select.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await snap(page, testInfo, "phone-width");
});
