// The staff shell on a phone and on a laptop: on a phone the navigation folds behind a Menu
// button so the page's heading is on the first screen and nothing is wider than the screen;
// at 1280×800 "Sign out" is in view without scrolling, however long the page.
import { expect, test, type Page } from "@playwright/test";
import { signIn, snap } from "./helpers";

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

async function horizontalOverflow(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }));
}

async function expectHeadingOnFirstScreen(page: Page, height: number) {
  const heading = page.getByRole("heading", { level: 1 }).first();
  await expect(heading).toBeVisible();
  const box = await heading.boundingBox();
  expect(box, "the page's h1 has a box").not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(height);
}

test.describe("on a phone (390×844)", () => {
  test.use({ viewport: PHONE });

  test("the navigation is behind a Menu button; headings are on the first screen; nothing overflows sideways", async ({
    page,
  }, testInfo) => {
    await signIn(page, "admin@demo.test");
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav).toBeHidden();
    for (const [path, name] of [
      ["/calendar", "Calendar"],
      ["/admin/team", "Team"],
      ["/admin/booking-calendars", "Booking calendars"],
      ["/settings/profile/hours", "Working Hours"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      await expectHeadingOnFirstScreen(page, PHONE.height);
      const { scrollWidth, innerWidth } = await horizontalOverflow(page);
      expect(scrollWidth, `${path} is no wider than the screen`).toBeLessThanOrEqual(innerWidth);
      await snap(page, testInfo, `phone-${path.slice(1).replaceAll("/", "-")}`);
    }

    // The Team table scrolls inside its own box; every column can be reached.
    await page.goto("/admin/team");
    const table = page.getByRole("table", { name: "Staff members" });
    const box = table.locator("..");
    const scroller = await box.evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
      overflowX: getComputedStyle(el).overflowX,
    }));
    expect(scroller.overflowX).toBe("auto");
    await page.getByRole("columnheader", { name: "Last sign-in" }).scrollIntoViewIfNeeded();
    await expect(page.getByRole("columnheader", { name: "Last sign-in" })).toBeInViewport();
    expect((await horizontalOverflow(page)).scrollWidth).toBeLessThanOrEqual(PHONE.width);

    // The menu is a disclosure: it opens, and following a link closes it again.
    await menu.click();
    await expect(page.getByRole("button", { name: "Close" })).toHaveAttribute("aria-expanded", "true");
    await expect(nav).toBeVisible();
    await expect(nav.getByRole("button", { name: "Sign out" })).toBeVisible();
    await snap(page, testInfo, "phone-menu-open");
    await nav.getByRole("link", { name: "Booking calendars" }).click();
    await expect(page).toHaveURL(/\/admin\/booking-calendars$/);
    await expect(nav).toBeHidden();
    await expect(page.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
  });
});

test.describe("on a laptop (1280×800)", () => {
  test.use({ viewport: LAPTOP });

  test("Sign out is in view without scrolling, also at the bottom of a long page", async ({ page }, testInfo) => {
    await signIn(page, "admin@demo.test");
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
    await page.goto("/admin/booking-calendars");
    // demo-service's page: its services, settings and the archive box make it several screens long.
    await page.getByRole("link", { name: "Salon services", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Salon services" })).toBeVisible();
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight)).toBeGreaterThan(LAPTOP.height);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
    await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight));
    await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
    await snap(page, testInfo, "laptop-long-page");
  });
});
