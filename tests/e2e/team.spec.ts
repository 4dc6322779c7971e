// Team and accounts (issue #11) in the browser, each test in an organization of its own: an
// invitation by email, joining, being booked, deactivation with the booking reassigned and the
// open session refused; a demotion taking effect on the next request; a password reset by email.
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { zonedTimeToInstant } from "@/lib/availability";
import { publicStaffId } from "@/lib/booking/public-ids";
import { db } from "@/lib/db";
import { createBookingCalendar, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";
import { signIn, snap } from "./helpers";
import { mailsTo, waitForMails } from "./mail";

const ZONE = "Europe/Paris";
test.use({ timezoneId: ZONE });

/** 10:00 Paris on a weekday at least three days ahead. */
function weekdayAtTen(): number {
  const d = new Date(Date.now() + 3 * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return zonedTimeToInstant(d.toISOString().slice(0, 10), 600, ZONE);
}

async function snapBoth(page: Page, testInfo: TestInfo, name: string) {
  await snap(page, testInfo, `${name}-1280`);
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, `${name}-390`);
  if (size) await page.setViewportSize(size);
}

function linkIn(text: string | undefined, path: string): string {
  const match = new RegExp(`https?://\\S+/${path}/[A-Za-z0-9_-]{43}`).exec(text ?? "");
  expect(match, `a /${path}/ link in the email`).not.toBeNull();
  return match![0];
}

test("an admin invites Erin, who joins and is booked; deactivated, her booking goes to a free colleague and her open session is refused", async ({
  page,
  browser,
  request,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const org = await createOrganization(`Team Test ${uniqueSuffix()}`);
  const admin = await createUser({ organizationId: org.id, role: "ADMIN", password: "team test admin", name: "Ada Admin", timeZone: ZONE });
  const finn = await withWorkingHours(
    await createUser({ organizationId: org.id, name: "Finn Free", timeZone: ZONE }),
    [0, 1, 2, 3, 4, 5, 6],
    8 * 60,
    20 * 60,
  );
  const calendar = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: [finn.id], timeZone: ZONE });
  const erinEmail = `erin-${uniqueSuffix()}@example.test`;

  // The admin invites Erin.
  await signIn(page, admin.email, "team test admin");
  await page.goto("/admin/team");
  const inviteForm = page.getByRole("form", { name: "Invite team member" });
  await inviteForm.getByLabel("Name").fill("Erin");
  await inviteForm.getByLabel("Email").fill(erinEmail);
  await inviteForm.getByLabel("Role").selectOption("STAFF");
  await inviteForm.getByLabel("Time zone").selectOption(ZONE);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${erinEmail}.`)).toBeVisible();
  const shown = await page.getByLabel("Invitation link").inputValue();
  await expect(page.getByRole("listitem", { name: "Invitation for Erin" })).toContainText(erinEmail);
  await snapBoth(page, testInfo, "1-invited");

  // The invitation email arrives with the same link.
  const [invitation] = await waitForMails(erinEmail, 1);
  expect(invitation!.subject).toBe(`Ada Admin invited you to join ${org.name}`);
  const link = linkIn(invitation!.text, "invite");
  expect(link).toBe(shown);

  // Erin joins with her own password, in her own browser.
  const erinContext = await browser.newContext({ timezoneId: ZONE });
  const erin = await erinContext.newPage();
  await erin.setViewportSize({ width: 1280, height: 800 });
  await erin.goto(link);
  await expect(erin.getByRole("heading", { name: `Join ${org.name}` })).toBeVisible();
  await expect(erin.getByLabel("Name")).toHaveValue("Erin");
  await snapBoth(erin, testInfo, "2-join");
  await erin.getByLabel("Password", { exact: true }).fill("erin's own password");
  await erin.getByLabel("Confirm password").fill("erin's own password");
  await erin.getByRole("button", { name: `Join ${org.name}` }).click();
  await expect(erin).toHaveURL(/\/calendar$/);
  const erinUser = await db.user.findUniqueOrThrow({ where: { email: erinEmail } });
  expect(erinUser).toMatchObject({ organizationId: org.id, role: "STAFF", timeZone: ZONE });
  // The link was single-use.
  const again = await browser.newPage();
  await again.goto(link);
  await expect(again.getByText("This invitation was already used. Sign in instead.")).toBeVisible();
  await again.close();

  // The admin adds her to the round-robin calendar, ahead of Finn.
  await page.goto(`/admin/booking-calendars/${calendar.id}`);
  await page.getByRole("checkbox", { name: "Erin" }).check();
  await page.getByLabel("Priority for Erin").fill("10");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect.poll(async () => db.bookingCalendarMember.count({ where: { bookingCalendarId: calendar.id, userId: erinUser.id } })).toBe(1);

  // A customer books: round robin gives it to Erin.
  const customerEmail = `cara-${uniqueSuffix()}@example.test`;
  const start = weekdayAtTen();
  const booked = await request.post(`/api/public/calendars/${calendar.slug}/bookings`, {
    data: { start: new Date(start).toISOString(), timeZone: ZONE, name: "Cara Customer", email: customerEmail },
  });
  expect(booked.status()).toBe(201);
  const booking = await booked.json();
  expect(booking.staff).toEqual([{ id: publicStaffId(erinUser.id), name: "Erin" }]);
  await waitForMails(customerEmail, 1);

  // The admin deactivates Erin and reassigns the booking to Finn.
  await page.goto("/admin/team");
  await page.getByRole("link", { name: "Erin" }).click();
  await page.getByRole("button", { name: "Deactivate" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Deactivate Erin?" });
  await snapBoth(page, testInfo, "3a-confirm-deactivate");
  await confirm.getByRole("button", { name: "Deactivate" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByText("Deactivated. Reassign or cancel their future appointments below.")).toBeVisible();
  const row = page.getByRole("listitem").filter({ hasText: "Cara Customer" });
  await expect(row).toBeVisible();
  await expect(row.getByLabel("Reassign to")).toHaveValue(finn.id);
  await snapBoth(page, testInfo, "3-deactivated");
  await row.getByRole("button", { name: "Reassign" }).click();
  await expect(page.getByText("Reassigned. The customer and the new member are emailed.")).toBeVisible();
  await expect(page.getByText("No future appointments.")).toBeVisible();
  await snapBoth(page, testInfo, "4-reassigned");
  const holds = await db.staffHold.findMany({ where: { appointmentId: booking.id, active: true } });
  expect(holds.map((h) => h.userId)).toEqual([finn.id]);

  // The customer and Finn are told; Erin's open session is refused on her next click.
  const customerMails = await waitForMails(customerEmail, 2);
  expect(customerMails.map((m) => m.subject)).toContainEqual(expect.stringMatching(/^Updated: .*, now with Finn Free$/));
  const [toFinn] = await waitForMails(finn.email, 1);
  expect(toFinn!.subject).toMatch(/^Reassigned to you: Cara Customer, /);
  await erin.getByRole("link", { name: "Appointments" }).first().click();
  await expect(erin).toHaveURL(/\/login/);
  // And she can't sign in again.
  await erin.getByLabel("Email").fill(erinEmail);
  await erin.getByLabel("Password").fill("erin's own password");
  await erin.getByRole("button", { name: "Sign in" }).click();
  await expect(erin.getByText("That email and password don't match an account.")).toBeVisible();
  await erinContext.close();

  // The team list says so; the past is kept.
  await page.goto("/admin/team");
  await expect(page.getByRole("row").filter({ hasText: erinEmail })).toContainText("Deactivated");
  expect(await db.appointment.count({ where: { id: booking.id, status: "CONFIRMED" } })).toBe(1);
});

test("demoting an admin takes effect on their next request", async ({ page, browser }, testInfo) => {
  const org = await createOrganization(`Demote Test ${uniqueSuffix()}`);
  const ada = await createUser({ organizationId: org.id, role: "ADMIN", password: "ada admin password", name: "Ada Admin" });
  const bea = await createUser({ organizationId: org.id, role: "ADMIN", password: "bea admin password", name: "Bea Boss" });
  const beaContext = await browser.newContext();
  const beaPage = await beaContext.newPage();
  await signIn(beaPage, bea.email, "bea admin password");
  await beaPage.goto("/admin/team");
  await expect(beaPage.getByRole("heading", { level: 1, name: "Team" })).toBeVisible();

  await signIn(page, ada.email, "ada admin password");
  await page.goto(`/admin/team/${bea.id}`);
  await page.getByRole("combobox", { name: "Role" }).selectOption("STAFF");
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByText("Role changed to Staff. Their open sessions ended.")).toBeVisible();
  await snapBoth(page, testInfo, "5-role-changed");

  // Bea's next request: signed out; signed in again, she is staff.
  await beaPage.getByRole("link", { name: "Booking calendars" }).click();
  await expect(beaPage).toHaveURL(/\/login/);
  await signIn(beaPage, bea.email, "bea admin password");
  await expect(beaPage.getByRole("link", { name: "Team" })).toHaveCount(0);
  await beaPage.goto("/admin/team");
  await expect(beaPage.getByRole("heading", { name: "Only administrators can open this page" })).toBeVisible();
  await beaContext.close();

  // Ada is now the last active admin and can't step down.
  await page.goto(`/admin/team/${ada.id}`);
  await page.getByRole("combobox", { name: "Role" }).selectOption("STAFF");
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(
    page.getByText("Ada Admin is the last active admin, so they can't be demoted. Make someone else an admin first."),
  ).toBeVisible();
});

test("a password reset by email works, once, and reveals nothing about unknown addresses", async ({ page, browser }, testInfo) => {
  const org = await createOrganization(`Reset Test ${uniqueSuffix()}`);
  const user = await createUser({ organizationId: org.id, password: "the old password", name: "Rita Reset" });
  const unknown = `nobody-${uniqueSuffix()}@example.test`;
  // A session open elsewhere ends with the reset.
  const elsewhereContext = await browser.newContext();
  const elsewhere = await elsewhereContext.newPage();
  await signIn(elsewhere, user.email, "the old password");

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  const answer = "If an account uses that email, we've sent it a link to reset the password. It works once, for one hour.";
  await page.getByLabel("Email").fill(unknown);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toHaveText(answer);
  // A fresh form, so the answer below is this request's own.
  await page.reload();
  await expect(page.getByRole("status")).toHaveCount(0);
  await page.getByLabel("Email").fill(user.email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByRole("status")).toHaveText(answer);
  await expect(page.getByRole("button", { name: "Send reset link" })).toBeEnabled();
  await snapBoth(page, testInfo, "6-forgot");

  const [mail] = await waitForMails(user.email, 1);
  expect(mail!.subject).toBe(`Reset your ${org.name} password`);
  expect(await mailsTo(unknown)).toHaveLength(0);
  const link = linkIn(mail!.text, "reset-password");

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await snapBoth(page, testInfo, "7-reset");
  await page.getByLabel("New password").fill("the new password!");
  await page.getByLabel("Confirm password").fill("the new password!");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await expect(page.getByText("Your password was changed. Sign in with the new one.")).toBeVisible();
  await signIn(page, user.email, "the new password!");

  await elsewhere.getByRole("link", { name: "Appointments" }).first().click();
  await expect(elsewhere).toHaveURL(/\/login/);
  await elsewhereContext.close();

  const reuse = await browser.newPage();
  await reuse.goto(link);
  await expect(reuse.getByText("This reset link has expired or was already used. Ask for a new one.")).toBeVisible();
  await reuse.close();

  // My Profile: name and time zone.
  await page.goto("/settings/profile");
  await page.getByLabel("Name", { exact: true }).fill("Rita Renamed");
  await page.getByLabel("Time zone", { exact: true }).selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("form", { name: "Profile" }).getByText("Saved.")).toBeVisible();
  await expect(page.getByRole("complementary").getByText("Rita Renamed")).toBeVisible();
  expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ name: "Rita Renamed", timeZone: "Asia/Tokyo" });

  // My Profile: change the password here; this session stays, the old password no longer works.
  await page.goto("/settings/profile");
  await page.getByLabel("Current password").fill("the new password!");
  await page.getByLabel("New password", { exact: true }).fill("a third password");
  await page.getByLabel("Confirm new password").fill("a third password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/settings\/profile\?password=changed$/);
  await expect(page.getByText("Password changed. You were signed out everywhere else.")).toBeVisible();
  await snapBoth(page, testInfo, "8-profile");
  await page.getByRole("link", { name: "Appointments" }).first().click();
  await expect(page).toHaveURL(/\/appointments/);
});

test("pending invitations: Resend replaces the link, Revoke and expiry end it, each with a clear page", async ({
  page,
  browser,
}, testInfo) => {
  const org = await createOrganization(`Invite Test ${uniqueSuffix()}`);
  const admin = await createUser({ organizationId: org.id, role: "ADMIN", password: "invite test admin", name: "Ida Admin" });
  await signIn(page, admin.email, "invite test admin");
  await page.goto("/admin/team");
  const invite = async (name: string) => {
    const form = page.getByRole("form", { name: "Invite team member" });
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("Email").fill(`${name.toLowerCase()}-${uniqueSuffix()}@example.test`);
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText(/^Invitation sent to /)).toBeVisible();
    return page.getByLabel("Invitation link").inputValue();
  };
  const first = await invite("Rex");
  const rex = page.getByRole("listitem", { name: "Invitation for Rex" });
  await rex.getByRole("button", { name: "Resend" }).click();
  await expect(rex.getByText("Sent again with a new link; the earlier link no longer works.")).toBeVisible();
  const second = await rex.getByLabel("New invitation link for Rex").inputValue();
  expect(second).not.toBe(first);
  await snapBoth(page, testInfo, "9-resent");

  const visitor = await browser.newPage();
  await visitor.goto(first);
  await expect(visitor.getByRole("heading", { name: "This invitation can't be used" })).toBeVisible();
  await expect(visitor.getByText("This invitation link isn't valid.")).toBeVisible();
  await visitor.goto(second);
  await expect(visitor.getByRole("heading", { name: `Join ${org.name}` })).toBeVisible();

  await rex.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("listitem", { name: "Invitation for Rex" })).toHaveCount(0);
  await visitor.goto(second);
  await expect(visitor.getByText("This invitation was withdrawn. Ask your admin if you think that's a mistake.")).toBeVisible();
  await snapBoth(visitor, testInfo, "10-revoked");

  // Past its 7 days (moved there in the database), the link says it expired.
  await page.reload();
  const late = await invite("Lia");
  await db.invitation.updateMany({ where: { organizationId: org.id, name: "Lia" }, data: { expiresAt: new Date(Date.now() - 1000) } });
  await visitor.goto(late);
  await expect(visitor.getByText("This invitation has expired. Ask your admin to send a new one.")).toBeVisible();
  await visitor.close();
});
