// Every page of the app at 1280×800 and 390×844, signed in as the demo admin, a demo staff
// member, and (for an appointment of its own) this spec's own organization's admin. Each page
// is saved with snap() to be looked at, and checked: its main heading is visible and nothing is
// wider than the screen. Read-only on the demo data: the booking it makes is in its own calendar.
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { db } from "@/lib/db";
import { createBookingCalendar, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";
import { signIn, snap } from "./helpers";

const SIZES = [
  { name: "laptop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;
const DEMO_SLUGS = ["demo-round-robin", "demo-collective", "demo-class", "demo-service", "demo-simple"];
const OWN_PASSWORD = "correct horse";

interface Visit {
  name: string;
  path: string;
  /** Status of the document; 200 unless said. */
  status?: number;
}

async function check(page: Page, testInfo: TestInfo, visit: Visit, size: (typeof SIZES)[number]) {
  const response = await page.goto(visit.path);
  expect(response?.status(), `${visit.path} answers`).toBe(visit.status ?? 200);
  const heading = page.getByRole("heading", { level: 1 }).first();
  await expect(heading, `${visit.path} has a visible main heading`).toBeVisible();
  // Client-side data (slots, the calendar grid) settles before the picture and the width check.
  await page.waitForLoadState("networkidle");
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    // What sticks out, for the failure message: the outermost elements ending past the right edge.
    const wide = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5);
    const outermost = wide.filter((el) => !wide.includes(el.parentElement!));
    return {
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth: window.innerWidth,
      widest: outermost
        .slice(0, 3)
        .map(
          (el) =>
            `<${el.tagName.toLowerCase()} class="${el.getAttribute("class") ?? ""}"> ends at ${Math.round(el.getBoundingClientRect().right)}px`,
        ),
    };
  });
  // Soft: every page is still visited and saved; the test fails at its end if any page overflowed.
  expect
    .soft(scrollWidth, `${visit.path} at ${size.width}px is no wider than the screen; sticking out: ${widest.join("; ")}`)
    .toBeLessThanOrEqual(innerWidth);
  await snap(page, testInfo, `${size.name}-${visit.name}`);
}

/** This spec's own organization: an admin, a stylist working every day, a calendar, and one booking made through the public API. */
async function ownBooking() {
  const org = await createOrganization(`Screens ${uniqueSuffix()}`);
  const admin = await createUser({ organizationId: org.id, role: "ADMIN", name: "Sam Screens", password: OWN_PASSWORD });
  const stylist = await withWorkingHours(
    await createUser({ organizationId: org.id, name: "Robin Stylist", timeZone: "Europe/Paris" }),
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
  await db.bookingCalendar.update({ where: { id: calendar.id }, data: { name: "Screens consultation" } });
  return { admin, calendar };
}

// beforeAll runs once per worker (again after a failed test): each worker books in an organization of its own.
let own: Awaited<ReturnType<typeof ownBooking>>;
let booking: { id: string; manageToken: string };
let demo: { bobId: string; calendarId: string };

test.beforeAll(async ({ request }) => {
  own = await ownBooking();
  const api = `/api/public/calendars/${own.calendar.slug}`;
  const from = new Date(Date.now() + 86_400_000);
  const slots = await request.get(`${api}/slots`, {
    params: { start: from.toISOString(), end: new Date(from.getTime() + 7 * 86_400_000).toISOString(), timeZone: "Europe/Paris" },
  });
  expect(slots.status()).toBe(200);
  const first = ((await slots.json()) as { slots: { start: string }[] }).slots[0];
  expect(first, "the own calendar offers a slot").toBeDefined();
  const booked = await request.post(`${api}/bookings`, {
    data: {
      start: first!.start,
      timeZone: "Europe/Paris",
      name: "Casey Customer",
      email: `screens-${uniqueSuffix()}@example.test`,
      phone: "+33 6 12 34 56 78",
      notes: "First visit.",
    },
  });
  expect(booked.status()).toBe(201);
  booking = (await booked.json()) as { id: string; manageToken: string };
  const bob = await db.user.findUniqueOrThrow({ where: { email: "bob@demo.test" } });
  const service = await db.bookingCalendar.findUniqueOrThrow({ where: { slug: "demo-service" } });
  demo = { bobId: bob.id, calendarId: service.id };
});

for (const size of SIZES) {
  test.describe(`${size.name} (${size.width}×${size.height})`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("public pages", async ({ page }, testInfo) => {
      const visits: Visit[] = [
        { name: "login", path: "/login" },
        ...DEMO_SLUGS.map((slug) => ({ name: `book-${slug}`, path: `/book/${slug}` })),
        { name: "booking-manage", path: `/booking/${booking.id}?token=${encodeURIComponent(booking.manageToken)}` },
        { name: "book-unknown", path: `/book/no-such-calendar-${uniqueSuffix()}`, status: 404 },
        { name: "not-found", path: `/no-such-page-${uniqueSuffix()}`, status: 404 },
      ];
      for (const visit of visits) await check(page, testInfo, visit, size);
    });

    test("the demo admin's pages", async ({ page }, testInfo) => {
      await signIn(page, "admin@demo.test");
      const visits: Visit[] = [
        { name: "admin-calendar", path: "/calendar" },
        { name: "admin-appointments", path: "/appointments" },
        { name: "admin-my-profile", path: "/settings/profile" },
        { name: "admin-calendar-settings", path: "/settings/profile/calendars" },
        { name: "admin-working-hours", path: "/settings/profile/hours" },
        { name: "admin-team", path: "/admin/team" },
        { name: "admin-team-member", path: `/admin/team/${demo.bobId}` },
        { name: "admin-booking-calendars", path: "/admin/booking-calendars" },
        { name: "admin-booking-calendar-new", path: "/admin/booking-calendars/new" },
        { name: "admin-booking-calendar-edit", path: `/admin/booking-calendars/${demo.calendarId}` },
        { name: "admin-email-log", path: "/admin/emails" },
      ];
      for (const visit of visits) await check(page, testInfo, visit, size);
    });

    test("a staff member's pages, and an admin page they may not open", async ({ page }, testInfo) => {
      await signIn(page, "alice@demo.test");
      const visits: Visit[] = [
        { name: "staff-calendar", path: "/calendar" },
        { name: "staff-appointments", path: "/appointments" },
        { name: "staff-my-profile", path: "/settings/profile" },
        { name: "staff-calendar-settings", path: "/settings/profile/calendars" },
        { name: "staff-working-hours", path: "/settings/profile/hours" },
        { name: "staff-forbidden", path: "/admin/team", status: 403 },
      ];
      for (const visit of visits) await check(page, testInfo, visit, size);
    });

    test("an appointment's page, in this spec's own organization", async ({ page }, testInfo) => {
      await signIn(page, own.admin.email, OWN_PASSWORD);
      await check(page, testInfo, { name: "appointment", path: `/appointments/${booking.id}` }, size);
      await expect(page.getByText("Casey Customer").first()).toBeVisible();
      await check(page, testInfo, { name: "own-appointments", path: "/appointments" }, size);
    });
  });
}
