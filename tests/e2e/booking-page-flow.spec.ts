// The customer's booking after "Confirm booking": a lost race keeps what they typed, the
// confirmation has an address of its own, and the manage page says who, where and what changed.
// Each test books its own calendar.
import { readFile } from "node:fs/promises";
import ICAL from "ical.js";
import { expect, test, type Page } from "@playwright/test";
import { db } from "@/lib/db";
import { openDay, ownCalendar, ownClientHeaders, timeButtons, ZONE } from "./booking-page-data";
import { snap } from "./helpers";

test.use({ timezoneId: ZONE, extraHTTPHeaders: ownClientHeaders() });

const DETAILS = { name: "Robin Racer", phone: "+33 6 12 34 56 78", notes: "Second floor, please ring twice." };

async function fill(page: Page, email: string) {
  await page.getByLabel("Name").fill(DETAILS.name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Phone (optional)").fill(DETAILS.phone);
  await page.getByLabel("Notes (optional)").fill(DETAILS.notes);
}

async function expectFilled(page: Page, email: string) {
  await expect(page.getByLabel("Name")).toHaveValue(DETAILS.name);
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page.getByLabel("Phone (optional)")).toHaveValue(DETAILS.phone);
  await expect(page.getByLabel("Notes (optional)")).toHaveValue(DETAILS.notes);
}

/** The DTSTART of a downloaded .ics, as an instant. */
async function icsStart(page: Page, link: ReturnType<Page["getByRole"]>): Promise<number> {
  const downloadPromise = page.waitForEvent("download");
  await link.click();
  const text = await readFile((await (await downloadPromise).path())!, "utf8");
  const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent")!;
  return new ICAL.Event(vevent).startDate.toJSDate().getTime();
}

test("two customers confirm the same time: the one who loses keeps all four fields and books another time without retyping", async ({
  browser,
}, testInfo) => {
  const { calendar } = await ownCalendar({ type: "SIMPLE", name: "One chair", staffNames: ["Sole Stylist"] });
  const contexts = await Promise.all([0, 1].map(() => browser.newContext({ timezoneId: ZONE, extraHTTPHeaders: ownClientHeaders() })));
  const [winner, loser] = await Promise.all(contexts.map((c) => c.newPage()));
  const emails = [`winner-${Date.now()}@example.test`, `loser-${Date.now()}@example.test`];
  const chosen: string[] = [];
  for (const [i, page] of [winner!, loser!].entries()) {
    await page.goto(`/book/${calendar.slug}`);
    await openDay(page);
    chosen.push((await timeButtons(page).first().innerText()).trim());
    await timeButtons(page).first().click();
    await fill(page, emails[i]!);
  }
  expect(chosen[0]).toBe(chosen[1]);

  await winner!.getByRole("button", { name: "Confirm booking" }).click();
  await expect(winner!.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await loser!.getByRole("button", { name: "Confirm booking" }).click();
  await expect(loser!.locator("form [role=alert]")).toContainText("That time is no longer available");
  await expectFilled(loser!, emails[1]!);
  await snap(loser!, testInfo, "1-slot-taken");

  await loser!.getByRole("button", { name: "Choose another time" }).click();
  await expect(loser!.getByText("Your details are kept")).toBeVisible();
  // The same day is open again, without the taken time.
  await expect(timeButtons(loser!).first()).toBeVisible();
  await expect(timeButtons(loser!).filter({ hasText: new RegExp(`^${chosen[0]!.slice(0, 5)}`) })).toHaveCount(0);
  await snap(loser!, testInfo, "2-choose-another-time");
  await timeButtons(loser!).first().click();
  await expectFilled(loser!, emails[1]!);
  await loser!.getByRole("button", { name: "Confirm booking" }).click();
  await expect(loser!.getByRole("heading", { name: "You're booked" })).toBeVisible();

  const booked = await db.appointment.findMany({
    where: { bookingCalendarId: calendar.id },
    include: { contact: true },
    orderBy: { startsAt: "asc" },
  });
  expect(booked.map((a) => a.contact.email)).toEqual(emails);
  expect(booked[1]!.contact).toMatchObject({ name: DETAILS.name, phone: DETAILS.phone });
  expect(booked[1]!.notes).toBe(DETAILS.notes);
  await Promise.all(contexts.map((c) => c.close()));
});

test("the confirmation has its own address: a reload keeps it, with the .ics and the manage link", async ({ page }, testInfo) => {
  const { calendar, organization } = await ownCalendar({ type: "ROUND_ROBIN", name: "Colour consultation", staffNames: ["Reese Reload"] });
  await page.goto(`/book/${calendar.slug}`);
  await openDay(page);
  await timeButtons(page).first().click();
  await page.getByLabel("Name").fill("Rae Reloader");
  await page.getByLabel("Email").fill(`reload-${Date.now()}@example.test`);
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await expect(page).toHaveURL(/\/booking\/\w+\?token=[\w%-]+&booked=1$/);

  await page.reload();
  await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await expect(page.getByText(organization.name)).toBeVisible();
  await expect(page.getByText("Colour consultation")).toBeVisible();
  await expect(page.getByText("Reese Reload")).toBeVisible();
  await expect(page.getByRole("link", { name: "Add to calendar (.ics)" })).toBeVisible();
  const manage = page.getByRole("link", { name: "Reschedule or cancel" });
  await expect(manage).toHaveAttribute("href", /^\/booking\/\w+\?token=[\w%-]+$/);
  await snap(page, testInfo, "confirmation-after-reload");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, "confirmation-after-reload-phone");
  await manage.click();
  await expect(page.getByRole("heading", { level: 1, name: "Your booking" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Reschedule" })).toBeVisible();
});

test("the manage page names the business, confirms a reschedule with a new .ics, and after a cancel still says who it was with and links to the booking page", async ({
  page,
}, testInfo) => {
  const { calendar, organization } = await ownCalendar({ type: "ROUND_ROBIN", name: "Trim", staffNames: ["Morgan Mover"] });
  await page.goto(`/book/${calendar.slug}`);
  await openDay(page);
  await timeButtons(page).first().click();
  await page.getByLabel("Name").fill("Max Manager");
  await page.getByLabel("Email").fill(`manage-${Date.now()}@example.test`);
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await page.getByRole("link", { name: "Reschedule or cancel" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your booking" })).toBeVisible();
  await expect(page.getByText(organization.name)).toBeVisible();
  const manageUrl = page.url();
  const id = /\/booking\/(\w+)/.exec(manageUrl)![1]!;

  // Reschedule to another day's first time.
  await page.getByRole("button", { name: "Reschedule" }).click();
  await openDay(page, 2);
  await timeButtons(page).first().click();
  const before = await db.appointment.findUniqueOrThrow({ where: { id } });
  await page.getByRole("button", { name: "Confirm new time" }).click();
  await expect(page.getByText(/^Rescheduled to /)).toBeVisible();
  await expect(page).toHaveURL(/&rescheduled=1$/);
  const after = await db.appointment.findUniqueOrThrow({ where: { id } });
  expect(after.startsAt.getTime()).not.toBe(before.startsAt.getTime());
  const date = new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(after.startsAt);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    after.startsAt,
  );
  await expect(page.getByText(/^Rescheduled to /)).toContainText(`${date.replace(",", "")}, ${time}–`);
  // The new .ics has the new time.
  const fresh = page.getByRole("link", { name: "Add the new time to your calendar (.ics)" });
  expect(await icsStart(page, fresh)).toBe(after.startsAt.getTime());
  await snap(page, testInfo, "1-rescheduled");

  await page.getByRole("button", { name: "Cancel booking" }).click();
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.getByRole("status")).toHaveText("Cancelled");
  await expect(page.locator("dt", { hasText: "With" }).locator("xpath=following-sibling::dd[1]")).toHaveText("Morgan Mover");
  const again = page.getByRole("link", { name: "book a new time from the booking page" });
  await expect(again).toHaveAttribute("href", `/book/${calendar.slug}`);
  await snap(page, testInfo, "2-cancelled");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, "2-cancelled-phone");

  // Once the calendar is archived, the page says so instead of linking to a page that is gone.
  await db.bookingCalendar.update({ where: { id: calendar.id }, data: { archivedAt: new Date() } });
  await page.reload();
  await expect(page.getByText("Its booking page is no longer available")).toBeVisible();
  await expect(page.getByRole("link", { name: /book a new time/ })).toHaveCount(0);
  await snap(page, testInfo, "3-cancelled-archived-phone");
});
