// Booking calendars of a test's own, so tests that book never race other specs for the demo
// staff's free times: an organization, staff working every day 08:00–20:00 in Paris, and a
// calendar with a unique slug. Also the page steps the booking specs share.
import { expect, type Page } from "@playwright/test";
import { zonedTimeToInstant } from "@/lib/availability";
import { db } from "@/lib/db";
import { createBookingCalendar, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";

export const ZONE = "Europe/Paris";
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

export async function ownCalendar(options: {
  type: "ROUND_ROBIN" | "SERVICE" | "CLASS" | "SIMPLE" | "COLLECTIVE";
  name: string;
  staffNames: string[];
  durationMinutes?: number;
  slotIntervalMinutes?: number;
  services?: { name: string; durationMinutes: number }[];
  /** Weekly classes from tomorrow, at minute-of-day in Paris, taught by the first staff member. */
  classes?: { title: string; minuteOfDay: number; durationMinutes: number }[];
}) {
  const organization = await createOrganization(`Salon ${uniqueSuffix()}`);
  const staff = [];
  for (const name of options.staffNames) {
    staff.push(
      await withWorkingHours(await createUser({ organizationId: organization.id, timeZone: ZONE, name }), EVERY_DAY, 8 * 60, 20 * 60),
    );
  }
  const created = await createBookingCalendar({
    organizationId: organization.id,
    type: options.type,
    memberIds: staff.map((s) => s.id),
    timeZone: ZONE,
    durationMinutes: options.durationMinutes,
    slotIntervalMinutes: options.slotIntervalMinutes,
  });
  const calendar = await db.bookingCalendar.update({ where: { id: created.id }, data: { name: options.name } });
  for (const service of options.services ?? []) {
    await db.service.create({
      data: {
        organizationId: organization.id,
        bookingCalendarId: calendar.id,
        name: service.name,
        durationMinutes: service.durationMinutes,
        staff: { create: staff.map((s) => ({ userId: s.id })) },
      },
    });
  }
  const tomorrow = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(Date.now() + 86_400_000);
  for (const session of options.classes ?? []) {
    await db.classSession.create({
      data: {
        organizationId: organization.id,
        bookingCalendarId: calendar.id,
        instructorId: staff[0]!.id,
        title: session.title,
        startsAt: new Date(zonedTimeToInstant(tomorrow, session.minuteOfDay, ZONE)),
        durationMinutes: session.durationMinutes,
        capacity: 5,
        recurrence: "WEEKLY",
      },
    });
  }
  return { organization, staff, calendar };
}

/** A client address of the test's own: the public write rate limit counts per client. */
export function ownClientHeaders() {
  const byte = () => Math.floor(Math.random() * 250) + 1;
  return { "x-forwarded-for": `198.18.${byte()}.${byte()}` };
}

export const openDays = (page: Page) => page.getByRole("button", { name: /times available/ });
export const timeButtons = (page: Page) => page.locator("section[aria-labelledby=times-title] button");

/**
 * Opens the n-th open day (0: the first) of this month, or of the next when this one has no more.
 * Day 1 and later are whole days, whatever the time now.
 */
export async function openDay(page: Page, n = 1) {
  await expect(page.getByText("Loading available times…")).toHaveCount(0);
  if ((await openDays(page).count()) <= n) {
    await page.getByRole("button", { name: "Next month" }).click();
    await expect(page.getByText("Loading available times…")).toHaveCount(0);
  }
  await openDays(page).nth(n).click();
  await expect(timeButtons(page).first()).toBeVisible();
}
