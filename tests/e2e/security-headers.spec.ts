// Security headers on real responses of the production build, and pages that still work under
// the Content-Security-Policy (no violation reported by the browser).
import { expect, test, type Page } from "@playwright/test";
import { openDay, openDays, ownCalendar, timeButtons } from "./booking-page-data";
import { signIn } from "./helpers";

function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

test("staff and sign-in pages cannot be framed; booking pages can; every answer carries the headers", async ({ request }) => {
  const own = await ownCalendar({ type: "ROUND_ROBIN", name: "Headers", staffNames: ["Hedda Header"] });
  for (const path of ["/login", "/calendar", "/setup", "/api/health"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"], path).toContain("object-src 'none'");
    expect(h["x-frame-options"], path).toBe("DENY");
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("same-origin");
    // The test server runs the production build: HSTS is sent.
    expect(h["strict-transport-security"], path).toMatch(/max-age=\d+/);
  }
  for (const path of [`/book/${own.calendar.slug}`, "/booking/unknown?token=x"]) {
    const h = (await request.get(path)).headers();
    expect(h["content-security-policy"], path).toContain("frame-ancestors *");
    expect(h["x-frame-options"], path).toBeUndefined();
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("same-origin");
  }
});

test("the booking page and the staff calendar run under the policy without a violation", async ({ page }) => {
  const violations = cspViolations(page);
  const own = await ownCalendar({ type: "ROUND_ROBIN", name: "Policy", staffNames: ["Polly Policy"] });
  await page.goto(`/book/${own.calendar.slug}`);
  await expect(openDays(page).first()).toBeVisible();
  await openDay(page);
  await expect(timeButtons(page).first()).toBeVisible();
  await signIn(page, "alice@demo.test");
  await page.goto("/calendar");
  await expect(page.locator(".fc").first()).toBeVisible();
  expect(violations).toEqual([]);
});
