import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn, snap } from "./helpers";

const suffix = () => randomBytes(3).toString("hex");

async function openNewCalendar(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Booking calendars" }).click();
  await page.getByRole("link", { name: "New booking calendar" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New booking calendar" })).toBeVisible();
}

test("an admin creates a round-robin calendar with prioritised members, edits its buffer and sees it listed", async ({
  page,
}, testInfo) => {
  const id = suffix();
  const name = `Intro call ${id}`;
  const slug = `intro-${id}`;
  await signIn(page, "admin@demo.test");
  await openNewCalendar(page);

  await page.getByRole("radio", { name: /^Round robin/ }).check();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Link").fill(slug);
  await page.getByRole("checkbox", { name: "Alice Archer" }).check();
  await page.getByLabel("Priority for Alice Archer").fill("10");
  await page.getByRole("checkbox", { name: "Bob Brown" }).check();
  await page.getByLabel("Priority for Bob Brown").fill("5");
  await expect(
    page.getByText("Optimize for availability: the highest-priority free member; ties go to whoever was booked least recently."),
  ).toBeVisible();
  await page.getByRole("radio", { name: /^Equal distribution/ }).check();
  await snap(page, testInfo, "1-new-round-robin");
  await page.getByRole("button", { name: "Create booking calendar" }).click();

  await expect(page).toHaveURL(/\/admin\/booking-calendars\/[^/?]+\?created=1$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Syncs with iCloud").first()).toBeVisible();
  await expect(page.getByLabel("Priority for Alice Archer")).toHaveValue("10");
  await expect(page.getByLabel("Priority for Bob Brown")).toHaveValue("5");
  await expect(page.getByRole("checkbox", { name: "Carol Clarke" })).not.toBeChecked();
  await expect(page.getByRole("radio", { name: /^Equal distribution/ })).toBeChecked();

  await page.getByLabel("Buffer after (minutes)").fill("15");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Buffer after (minutes)")).toHaveValue("15");
  await snap(page, testInfo, "2-edited");

  await page.getByRole("link", { name: "← Booking calendars" }).click();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name }) });
  await expect(card).toContainText("Round robin · 30 min");
  await expect(card.getByRole("link", { name: `/book/${slug}` })).toHaveAttribute("href", `/book/${slug}`);
  await expect(card).toContainText("Syncs with iCloud");
  await expect(card).toContainText("Members: Alice Archer, Bob Brown");
  await snap(page, testInfo, "3-listed");
});

test("a taken link is refused next to the field, and a simple calendar says it doesn't sync with iCloud", async ({ page }, testInfo) => {
  const id = suffix();
  await signIn(page, "admin@demo.test");
  await openNewCalendar(page);
  await page.getByRole("radio", { name: /^Simple/ }).check();
  await expect(page.getByText("Simple calendars don't sync with iCloud.")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill(`Quick chat ${id}`);
  await page.getByLabel("Link").fill("demo-simple");
  await page.getByRole("checkbox", { name: "Carol Clarke" }).check();
  await page.getByRole("button", { name: "Create booking calendar" }).click();
  await expect(page.getByText("That link is already used by another calendar.")).toBeVisible();
  await expect(page.getByLabel("Link")).toHaveAttribute("aria-invalid", "true");
  // What was typed is kept.
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(`Quick chat ${id}`);
  await snap(page, testInfo, "4-slug-taken");

  await page.getByLabel("Link").fill(`chat-${id}`);
  await page.getByRole("button", { name: "Create booking calendar" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Quick chat ${id}` })).toBeVisible();
  await expect(page.getByText("Simple calendars don't sync with iCloud.").first()).toBeVisible();
  await snap(page, testInfo, "5-simple-created");

  await page.getByRole("link", { name: "← Booking calendars" }).click();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: `Quick chat ${id}` }) });
  await expect(card).toContainText("Simple calendars don't sync with iCloud.");
  await expect(card).toContainText("No iCloud sync");
  await expect(card).toContainText("Members: Carol Clarke");

  // Archived again: other tests expect the demo data's single Simple calendar among the live ones.
  await card.getByRole("link", { name: `Quick chat ${id}` }).click();
  await page.getByRole("button", { name: "Archive calendar" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Archive calendar" }).click();
  await expect(page.getByText("The booking calendar was archived.")).toBeVisible();
});

test("alice edits her working hours and adds a day off; both are kept", async ({ page }, testInfo) => {
  // Far beyond the demo calendars' 60-day window, so other tests' bookings are unaffected.
  const dayOff = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
  // As the app writes a long date: "Friday 7 January 2028" (ICU's en-GB puts a comma after the weekday).
  const dayOffLabel = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
    .format(new Date(`${dayOff}T00:00:00Z`))
    .replace(",", "");
  await signIn(page, "alice@demo.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Working Hours" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Working Hours" })).toBeVisible();
  await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");
  await expect(page.getByLabel("Friday start")).toHaveValue("09:00");

  await page.getByLabel("Friday start").fill("10:00");
  await page.getByLabel("Friday end").fill("14:00");
  await page.getByRole("button", { name: "Update hours" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Working hours updated." })).toBeVisible();

  await page.getByLabel("Date", { exact: true }).fill(dayOff);
  await page.getByRole("radio", { name: "Day off" }).check();
  await page.getByRole("button", { name: "Add date" }).click();
  const overrides = page.getByRole("list", { name: "Upcoming dates with different hours" });
  await expect(overrides).toContainText(`${dayOffLabel}Day off`);

  await page.reload();
  await expect(page.getByLabel("Friday start")).toHaveValue("10:00");
  await expect(page.getByLabel("Friday end")).toHaveValue("14:00");
  await expect(page.getByRole("checkbox", { name: "Saturday", exact: true })).not.toBeChecked();
  await expect(overrides).toContainText(`${dayOffLabel}Day off`);
  await snap(page, testInfo, "6-hours");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, "7-hours-phone");

  // Overlapping intervals are explained on the day they belong to.
  await page.getByRole("button", { name: "Add hours on Friday" }).click();
  await page.getByLabel("Friday start (2)").fill("13:00");
  await page.getByLabel("Friday end (2)").fill("15:00");
  await page.getByRole("button", { name: "Update hours" }).click();
  await expect(page.getByText("10:00–14:00 and 13:00–15:00 overlap.")).toBeVisible();
  await snap(page, testInfo, "8-hours-overlap-phone");

  // Put the demo data back for other tests.
  await page.getByRole("button", { name: "Remove Friday 13:00–15:00" }).click();
  await page.getByLabel("Friday start").fill("09:00");
  await page.getByLabel("Friday end").fill("17:00");
  await page.getByRole("button", { name: "Update hours" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Working hours updated." })).toBeVisible();
  await page.getByRole("button", { name: `Remove ${dayOffLabel}` }).click();
  await expect(page.getByText("No upcoming dates with different hours.")).toBeVisible();
});

test("an admin edits a staff member's working hours on their team page", async ({ page }, testInfo) => {
  await signIn(page, "admin@demo.test");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" }).click();
  await page.getByRole("link", { name: "Carol Clarke" }).click();
  const editor = page.getByRole("region", { name: "Edit working hours" });
  await expect(editor.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  await editor.getByRole("checkbox", { name: "Saturday", exact: true }).check();
  await editor.getByLabel("Saturday end").fill("12:00");
  await editor.getByRole("button", { name: "Update hours" }).click();
  await expect(editor.getByRole("status").filter({ hasText: "Working hours updated." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: "Edit working hours" }).getByLabel("Saturday end")).toHaveValue("12:00");
  await snap(page, testInfo, "9-admin-edits-hours");
  // Back to the demo data.
  await page.getByRole("region", { name: "Edit working hours" }).getByRole("checkbox", { name: "Saturday", exact: true }).uncheck();
  await page.getByRole("region", { name: "Edit working hours" }).getByRole("button", { name: "Update hours" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Working hours updated." })).toBeVisible();
});

test("a service calendar gets a service with its staff, a class calendar a weekly class in its own zone", async ({ page }, testInfo) => {
  const id = suffix();
  await signIn(page, "admin@demo.test");
  await openNewCalendar(page);
  await page.getByRole("radio", { name: /^Service/ }).check();
  await page.getByLabel("Name", { exact: true }).fill(`Salon ${id}`);
  await page.getByLabel("Link").fill(`salon-${id}`);
  await page.getByRole("button", { name: "Create booking calendar" }).click();
  await expect(page.getByText("No services yet")).toBeVisible();
  const newService = page.getByRole("form", { name: "New service" });
  await newService.getByLabel("Service name").fill("Cut & style");
  await newService.getByLabel("Duration (minutes)").fill("45");
  await newService.getByRole("checkbox", { name: "Alice Archer" }).check();
  await newService.getByRole("checkbox", { name: "Bob Brown" }).check();
  await page.getByRole("button", { name: "Add service" }).click();
  const saved = page.getByRole("form", { name: "Service Cut & style" });
  await expect(saved.getByLabel("Duration (minutes)")).toHaveValue("45");
  await expect(page.getByRole("form", { name: "New service" }).getByLabel("Service name")).toHaveValue("");
  await page.reload();
  await expect(saved.getByRole("checkbox", { name: "Bob Brown" })).toBeChecked();
  await expect(saved.getByRole("checkbox", { name: "Carol Clarke" })).not.toBeChecked();
  await snap(page, testInfo, "10-service-calendar");

  await openNewCalendar(page);
  await page.getByRole("radio", { name: /^Class/ }).check();
  await page.getByLabel("Name", { exact: true }).fill(`Yoga ${id}`);
  await page.getByLabel("Link").fill(`yoga-${id}`);
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  await page.getByRole("button", { name: "Create booking calendar" }).click();
  const newClass = page.getByRole("form", { name: "New class" });
  await newClass.getByLabel("Title").fill("Morning yoga");
  await newClass.getByLabel("Instructor").selectOption({ label: "Carol Clarke" });
  await newClass.getByLabel("First date").fill("2031-03-03");
  await newClass.getByLabel("Start time").fill("07:30");
  await newClass.getByLabel("Seats").fill("12");
  await newClass.getByRole("radio", { name: "Weekly" }).check();
  await newClass.getByLabel("Repeat until").fill("2031-06-30");
  await expect(newClass.getByText("In Europe/Berlin.")).toBeVisible();
  await page.getByRole("button", { name: "Add class" }).click();
  const yoga = page.getByRole("form", { name: "Class Morning yoga" });
  await expect(yoga).toBeVisible();
  await page.reload();
  await expect(yoga.getByLabel("Start time")).toHaveValue("07:30");
  await expect(yoga.getByLabel("First date")).toHaveValue("2031-03-03");
  await expect(yoga.getByLabel("Repeat until")).toHaveValue("2031-06-30");
  await expect(page.getByRole("checkbox", { name: "Carol Clarke" })).toHaveCount(0); // class staff come from the classes
  await snap(page, testInfo, "11-class-calendar");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, testInfo, "12-class-calendar-phone");

  await page.getByRole("button", { name: "Archive calendar" }).click();
  await expect(page.getByRole("alertdialog", { name: `Archive “Yoga ${id}”?` })).toBeVisible();
  await snap(page, testInfo, "13-archive-dialog");
  await page.getByRole("alertdialog").getByRole("button", { name: "Archive calendar" }).click();
  await expect(page).toHaveURL(/\/admin\/booking-calendars\?archived=1$/);
  await expect(page.getByText("The booking calendar was archived.")).toBeVisible();
  const archived = page.getByRole("region", { name: "Archived" });
  await expect(archived.getByRole("link", { name: `Yoga ${id}` })).toBeVisible();
  await expect(
    page
      .getByRole("list")
      .first()
      .getByRole("link", { name: `Yoga ${id}` }),
  ).toHaveCount(0);
});

test("the link is suggested from the name, opens and copies; archiving waits for upcoming bookings, keeps history, and restores", async ({
  page,
  context,
  request,
}, testInfo) => {
  const id = suffix();
  const name = `Strategy Café ${id}`;
  const slug = `strategy-cafe-${id}`;
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "admin@demo.test");
  await openNewCalendar(page);
  // Round robin, not Simple: other specs expect the demo data's single Simple calendar in the list.
  await page.getByRole("radio", { name: /^Round robin/ }).check();
  // The link follows the name as it is typed…
  await page.getByLabel("Name", { exact: true }).pressSequentially("Strategy Café");
  await expect(page.getByLabel("Link")).toHaveValue("strategy-cafe");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await expect(page.getByLabel("Link")).toHaveValue(slug);
  await snap(page, testInfo, "14-slug-suggested");
  // …until the admin edits it; then the name no longer changes it.
  await page.getByLabel("Link").fill(`${slug}-x`);
  await page.getByLabel("Name", { exact: true }).fill(`${name}!`);
  await expect(page.getByLabel("Link")).toHaveValue(`${slug}-x`);
  // Emptying the link hands it back to the suggestion.
  await page.getByLabel("Link").fill("");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await expect(page.getByLabel("Link")).toHaveValue(slug);
  await page.getByRole("checkbox", { name: "Bob Brown" }).check();
  await page.getByRole("button", { name: "Create booking calendar" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  // The public link is a link, and "Copy link" puts the full address on the clipboard.
  await page.getByRole("link", { name: "← Booking calendars" }).click();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name }) });
  await card.getByRole("button", { name: `Copy link /book/${slug}` }).click();
  await expect(card.getByRole("button", { name: `Copied /book/${slug}` })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(new URL(`/book/${slug}`, page.url()).href);
  await snap(page, testInfo, "15-link-copied");
  await card.getByRole("link", { name: `/book/${slug}` }).click();
  await expect(page).toHaveURL(new RegExp(`/book/${slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);

  // A customer books through the public API.
  const api = `/api/public/calendars/${slug}`;
  const from = new Date();
  const slots = await request.get(`${api}/slots`, {
    params: { start: from.toISOString(), end: new Date(from.getTime() + 21 * 86_400_000).toISOString(), timeZone: "UTC" },
  });
  expect(slots.status()).toBe(200);
  let booking: { id: string; manageToken: string } | undefined;
  for (const slot of ((await slots.json()) as { slots: { start: string }[] }).slots.slice(0, 10)) {
    const res = await request.post(`${api}/bookings`, {
      data: { start: slot.start, timeZone: "UTC", name: "Archie Customer", email: `archive-${id}@example.test` },
    });
    if (res.status() === 409) continue; // another test took Bob's time
    expect(res.status()).toBe(201);
    booking = (await res.json()) as { id: string; manageToken: string };
    break;
  }
  expect(booking, "a free slot in the next three weeks").toBeDefined();

  // Archiving is refused while that appointment is ahead, and says how many there are.
  await page.goto("/admin/booking-calendars");
  await page.getByRole("link", { name }).click();
  await expect(page.getByText("It has 1 upcoming appointment. Cancel or move it before archiving the calendar.")).toBeVisible();
  await page.getByRole("button", { name: "Archive calendar" }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByRole("button", { name: "Archive calendar" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(
    `“${name}” has 1 upcoming appointment. Cancel or move it first; nothing was archived.`,
  );
  await snap(page, testInfo, "16-archive-refused");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // Once the customer cancels, it can be archived: customers get "not found", the history stays.
  const cancelled = await request.post(`/api/public/bookings/${booking!.id}/cancel`, { data: { token: booking!.manageToken } });
  expect(cancelled.status()).toBe(200);
  await page.reload();
  await page.getByRole("button", { name: "Archive calendar" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Archive calendar" }).click();
  await expect(page.getByText("The booking calendar was archived.")).toBeVisible();
  const archived = page.getByRole("region", { name: "Archived" }).getByRole("listitem", { name });
  await expect(archived).toContainText(`/book/${slug}`);
  await expect(archived).toContainText("1 appointment kept");
  await snap(page, testInfo, "17-archived-list");
  expect((await request.get(`/book/${slug}`)).status()).toBe(404);
  expect(
    (
      await request.get(`${api}/slots`, {
        params: { start: from.toISOString(), end: new Date(from.getTime() + 86_400_000).toISOString(), timeZone: "UTC" },
      })
    ).status(),
  ).toBe(404);
  // The appointment is still there for staff to read.
  await page.goto(`/appointments/${booking!.id}`);
  await expect(page.getByText("Archie Customer").first()).toBeVisible();

  // Its page says it is archived; Restore brings the link back.
  await page.goto("/admin/booking-calendars");
  await archived.getByRole("link", { name }).click();
  await expect(page.getByRole("status").filter({ hasText: "Archived on" })).toContainText(
    `Customers can't find or book it at /book/${slug}`,
  );
  await expect(page.getByRole("button", { name: "Archive calendar" })).toHaveCount(0);
  await snap(page, testInfo, "18-archived-page");
  await page.getByRole("button", { name: `Restore ${name}` }).click();
  await expect(page).toHaveURL(/\?restored=1$/);
  await expect(page.getByRole("status").filter({ hasText: `Restored: customers can book it again at /book/${slug}.` })).toBeVisible();
  await expect(page.getByRole("link", { name: `/book/${slug}` })).toBeVisible();
  expect((await request.get(`/book/${slug}`)).status()).toBe(200);
  // Archived again at the end, to leave the live list as the demo data made it.
  await page.reload();
  await page.getByRole("button", { name: "Archive calendar" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Archive calendar" }).click();
  await expect(page.getByText("The booking calendar was archived.")).toBeVisible();
});
