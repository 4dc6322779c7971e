// A customer books in the browser; the confirmation arrives over SMTP with an .ics of the same
// instant and a manage link that opens their booking. The calendar is this spec's own.
import ICAL from "ical.js";
import { expect, test } from "@playwright/test";
import { db } from "@/lib/db";
import { createBookingCalendar, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";
import { signIn, snap } from "./helpers";
import { waitForMails } from "./mail";

test.use({ timezoneId: "Europe/Paris" });

test("a booking made in the browser sends one confirmation whose .ics and manage link match it", async ({ page }, testInfo) => {
  const org = await createOrganization(`Mail Test ${uniqueSuffix()}`);
  const stylist = await withWorkingHours(
    await createUser({ organizationId: org.id, timeZone: "Europe/Paris", name: "Sam Stylist" }),
    [0, 1, 2, 3, 4, 5, 6],
    8 * 60,
    20 * 60,
  );
  const calendar = await createBookingCalendar({
    organizationId: org.id,
    type: "ROUND_ROBIN",
    memberIds: [stylist.id],
    timeZone: "Europe/Paris",
  });
  const email = `mail-${uniqueSuffix()}@example.test`;

  await page.goto(`/book/${calendar.slug}`);
  const openDays = page.getByRole("button", { name: /times available/ });
  await expect(page.getByText("Loading available times…")).toHaveCount(0);
  if ((await openDays.count()) === 0) {
    await page.getByRole("button", { name: "Next month" }).click();
    await expect(page.getByText("Loading available times…")).toHaveCount(0);
  }
  await openDays.nth(1).click();
  await page.locator("section[aria-labelledby=times-title] button").first().click();
  await page.getByLabel("Name").fill("Mia Mailtest");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();

  const appointment = await db.appointment.findFirstOrThrow({ where: { bookingCalendarId: calendar.id, contact: { email } } });
  // Within 10 s of the booking, as promised; exactly one.
  const [confirmation] = await waitForMails(email, 1, 10_000);
  expect(confirmation!.subject).toMatch(/^Confirmed: /);
  expect(confirmation!.text).toContain("Europe/Paris");
  const ics = confirmation!.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  const vevent = new ICAL.Event(new ICAL.Component(ICAL.parse(ics!.content.toString("utf8"))).getFirstSubcomponent("vevent")!);
  expect(vevent.startDate.toJSDate().getTime()).toBe(appointment.startsAt.getTime());

  const manage = /https?:\/\/\S+\/booking\/\w+\?token=[\w%-]+/.exec(confirmation!.text ?? "")![0];
  await page.goto(manage);
  await expect(page.getByRole("heading", { name: "Your booking" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Confirmed" })).toBeVisible();
  await snap(page, testInfo, "manage-from-email");

  // The organization's admin finds it in the email log, sent, with its rendering and attachment.
  const admin = await createUser({ organizationId: org.id, role: "ADMIN", password: "mail test admin", name: "Ada Admin" });
  await signIn(page, admin.email, "mail test admin");
  await page.goto("/admin/emails");
  await expect(page.getByRole("heading", { level: 1, name: "Email log" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Booking confirmation");
  await expect(row).toContainText("Sent");
  await expect(page.getByRole("row").filter({ hasText: stylist.email })).toContainText("Staff: new booking");
  await snap(page, testInfo, "email-log");
  await row.getByRole("link").click();
  await expect(page.getByText("invite.ics")).toBeVisible();
  await expect(page.frameLocator("iframe[title='The message as the recipient sees it']").getByText("You're booked")).toBeVisible();
  await snap(page, testInfo, "email-detail");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, "email-detail-phone");
});
