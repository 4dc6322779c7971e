// The team calendar's narrow boxes must stay readable: each says whose it is (a short name) and
// when, without being cut to "Tom Al… iC…"; the full details are in the native tooltip and, for
// iCloud busy time, in a popover opened by a click or the keyboard. An admin never sees a
// colleague's iCloud titles; the owner does. An organization of this spec's own.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { addDays, localDateOf, zonedTimeToInstant } from "@/lib/availability";
import { db } from "@/lib/db";
import { createBookingCalendar, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";
import { signIn, snap } from "./helpers";

const ZONE = "Europe/Berlin";
const PASSWORD = "team labels pw";
test.use({ timezoneId: ZONE });

type User = Awaited<ReturnType<typeof createUser>>;

/** An iCloud calendar read a minute ago, with one event; the worker is told not to read it again today. */
async function busy(user: User, title: string, start: number, end: number) {
  const base = `https://caldav.example.test/${uniqueSuffix()}/`;
  const connection = await db.calendarConnection.create({
    data: {
      organizationId: user.organizationId,
      userId: user.id,
      appleId: `${uniqueSuffix()}@icloud.test`,
      serverUrl: base,
      principalUrl: base,
      homeUrl: base,
    },
  });
  const calendar = await db.externalCalendar.create({
    data: {
      organizationId: user.organizationId,
      connectionId: connection.id,
      userId: user.id,
      url: `${base}home/`,
      displayName: "Home",
      color: "#ff2968",
      checkConflicts: true,
      lastRefreshedAt: new Date(Date.now() - 60_000),
      lastRefreshAttemptAt: new Date(),
      nextRefreshAt: new Date(Date.now() + 86_400_000),
    },
  });
  await db.busyBlock.create({
    data: {
      organizationId: user.organizationId,
      userId: user.id,
      externalCalendarId: calendar.id,
      objectUrl: `${uniqueSuffix()}.ics`,
      startsAt: new Date(start),
      endsAt: new Date(end),
      title,
    },
  });
}

async function world(request: import("@playwright/test").APIRequestContext) {
  const org = await createOrganization(`Team labels ${uniqueSuffix()}`);
  const admin = await createUser({ organizationId: org.id, role: "ADMIN", name: "Ada Admin", password: PASSWORD, timeZone: ZONE });
  const member = async (name: string) =>
    withWorkingHours(
      await createUser({ organizationId: org.id, name, password: PASSWORD, timeZone: ZONE }),
      [0, 1, 2, 3, 4, 5, 6],
      0,
      24 * 60,
    );
  // Names that all start alike: cut to a few letters, they can't be told apart.
  const tom = await member("Tom Albright");
  const tamara = await member("Tamara Alvarez");
  const theo = await member("Theo Almond");
  const calendar = await createBookingCalendar({
    organizationId: org.id,
    type: "COLLECTIVE",
    memberIds: [tom.id, tamara.id, theo.id],
    durationMinutes: 60,
    timeZone: ZONE,
  });
  const date = addDays(localDateOf(Date.now(), ZONE), 3);
  const at = (hour: number) => zonedTimeToInstant(date, hour * 60, ZONE);
  const customer = `Maximilian Longname-Customer ${uniqueSuffix()}`;
  const booked = await request.post(`/api/public/calendars/${calendar.slug}/bookings`, {
    data: { start: new Date(at(10)).toISOString(), timeZone: ZONE, name: customer, email: `team-labels-${uniqueSuffix()}@example.test` },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  // Busy time after the booking, so it can't stand in the booking's way.
  await busy(tom, "Dentist appointment (private)", at(13), at(14));
  await busy(tamara, "Therapy session", at(13), at(14));
  await busy(theo, "Job interview elsewhere", at(13), at(14));
  return { admin, tom, date, customer };
}

/** What is clipped of the box's first line (who and when): "" when nothing is. */
async function clippedLead(event: Locator): Promise<string> {
  return event.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const spans = [...el.querySelectorAll("[data-event-lead] > span:not(.sr-only)")] as HTMLElement[];
    if (spans.length === 0) return "no lead";
    return spans
      .filter(
        (s) =>
          s.scrollWidth > s.offsetWidth + 1 ||
          s.getBoundingClientRect().right > box.right + 1 ||
          s.getBoundingClientRect().bottom > box.bottom + 1,
      )
      .map((s) => `"${s.textContent}" (${s.scrollWidth}px in ${s.offsetWidth}px, box ${Math.round(box.width)}×${Math.round(box.height)})`)
      .join("; ");
  });
}

async function openWeek(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("status").filter({ hasText: "Loading" })).toHaveCount(0);
}

test("the team week says who and when in every box; tooltips and the busy-time popover have the rest", async ({
  page,
  request,
}, testInfo) => {
  const w = await world(request);
  await signIn(page, w.admin.email, PASSWORD);
  await openWeek(page, `/calendar?show=team&view=timeGridWeek&date=${w.date}`);

  const appointments = page.locator(".fc-timegrid-event", { hasText: w.customer });
  await expect(appointments).toHaveCount(3);
  // Three members side by side in one day: too narrow for "Tamara", so the boxes say "Tam.".
  for (const [short, full] of [
    ["Tom", "Tom Albright"],
    ["(Tamara|Tam\\.)", "Tamara Alvarez"],
    ["Theo", "Theo Almond"],
  ] as const) {
    const event = appointments.filter({ hasText: full });
    await expect(event).toHaveCount(1);
    await expect(event.locator("[data-event-lead]")).toHaveText(new RegExp(`^${short}\\s*10:00$`), { useInnerText: true });
    expect(await clippedLead(event), `${short}'s name and time are not cut`).toBe("");
    // The full details: the native tooltip of the whole box.
    const tooltip = await event.getAttribute("title");
    expect(tooltip).toContain(`Staff: ${full}`);
    expect(tooltip).toContain(`Customer: ${w.customer}`);
    expect(tooltip).toContain("Time: 10:00–11:00");
  }

  // The admin sees colleagues' busy time as "Busy", never its title.
  const busyBlocks = page.locator(".fc-timegrid-event.busy-block");
  await expect(busyBlocks).toHaveCount(3);
  await expect(page.locator(".fc")).not.toContainText(/Dentist|Therapy|interview/);
  const tomsBusy = busyBlocks.filter({ hasText: "Tom Albright" });
  await expect(tomsBusy.locator("[data-event-lead]")).toHaveText(/(^|\n)Tom\s*13:00$/, { useInnerText: true });
  await expect(tomsBusy.getByText("Busy", { exact: true })).toBeVisible();
  expect(await clippedLead(tomsBusy)).toBe("");
  const busyTooltip = await tomsBusy.getAttribute("title");
  expect(busyTooltip).toContain("Staff: Tom Albright");
  expect(busyTooltip).toContain("Event: Busy");
  expect(busyTooltip).toContain("Time: 13:00–14:00");
  expect(busyTooltip).toContain("Calendar: Home (iCloud, read-only)");
  expect(busyTooltip).toMatch(/Busy time: last refreshed \S/);
  await snap(page, testInfo, "1-team-week-desktop");

  // A click opens the details next to the block; Escape closes them and gives focus back.
  await tomsBusy.click();
  const dialog = page.getByRole("dialog", { name: "Busy in iCloud" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Tom Albright");
  await expect(dialog).toContainText("13:00–14:00");
  await expect(dialog).toContainText("Home (iCloud, read-only)");
  await expect(dialog).toContainText(/last refreshed/);
  await expect(dialog).not.toContainText("Dentist");
  await snap(page, testInfo, "2-busy-popover-desktop");
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(tomsBusy).toBeFocused();
  // From the keyboard alone.
  await page.keyboard.press("Enter");
  await expect(dialog).toContainText("Tom Albright");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toHaveCount(0);

  // Appointments still open their page.
  await appointments.filter({ hasText: "Tamara Alvarez" }).click();
  await expect(page).toHaveURL(/\/appointments\/[^/]+$/);

  // A phone: one day, the same labels.
  await page.setViewportSize({ width: 390, height: 844 });
  await openWeek(page, `/calendar?show=team&view=timeGridDay&date=${w.date}`);
  await expect(page.locator(".fc-timegrid-event", { hasText: w.customer })).toHaveCount(3);
  for (const event of await page.locator(".fc-timegrid-event").all()) expect(await clippedLead(event)).toBe("");
  await snap(page, testInfo, "3-team-day-phone");
  await page.locator(".fc-timegrid-event.busy-block").first().click();
  await expect(page.getByRole("dialog", { name: "Busy in iCloud" })).toBeVisible();
  await snap(page, testInfo, "4-busy-popover-phone");
});

test("the owner sees their own busy time's title; the admin's view of them has none", async ({ page, request, browser }, testInfo) => {
  const w = await world(request);
  await signIn(page, w.tom.email, PASSWORD);
  await openWeek(page, `/calendar?view=timeGridWeek&date=${w.date}`);
  const own = page.locator(".fc-timegrid-event.busy-block");
  await expect(own).toHaveCount(1);
  await expect(own).toContainText("Dentist appointment (private)");
  expect(await own.getAttribute("title")).toContain("Event: Dentist appointment (private)");
  await own.click();
  await expect(page.getByRole("dialog", { name: "Busy in iCloud" })).toContainText("Dentist appointment (private)");
  await snap(page, testInfo, "owner-week");

  const context = await browser.newContext({ timezoneId: ZONE });
  const admin = await context.newPage();
  await signIn(admin, w.admin.email, PASSWORD);
  await openWeek(admin, `/calendar?show=${w.tom.id}&view=timeGridWeek&date=${w.date}`);
  const seen = admin.locator(".fc-timegrid-event.busy-block");
  await expect(seen).toHaveCount(1);
  await expect(seen).toContainText("Busy");
  expect(await seen.getAttribute("title")).toContain("Event: Busy");
  await expect(admin.locator("body")).not.toContainText("Dentist");
  // Not in what the browser was sent either.
  const feed = await admin.request.get(
    `/calendar/events?staffId=${w.tom.id}&start=${new Date(Date.now()).toISOString()}&end=${new Date(Date.now() + 10 * 86_400_000).toISOString()}`,
  );
  expect(feed.status()).toBe(200);
  expect(await feed.text()).not.toContain("Dentist");
  await snap(admin, testInfo, "admin-sees-busy");
  await context.close();
});
