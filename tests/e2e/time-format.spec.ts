import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn, snap } from "./helpers";

// One appointment, one way of writing it: the staff calendar, the staff appointment page and the
// customer's manage page all read "14:00"-style 24-hour times, and the zone as
// "America/New_York (UTC−05:00)". Read-only on the demo data except for the appointment it books.

const MINUS = "\u2212";

/** "2026-12-07T14:00:00-05:00" → "UTC−05:00": what the page must say, taken from the API's own offset. */
function offsetOf(iso: string): string {
  const offset = iso.slice(19);
  return offset === "Z" ? "UTC+00:00" : `UTC${offset[0] === "-" ? MINUS : "+"}${offset.slice(1)}`;
}

/** The zone's offset now, as the platform's own zone data has it ("UTC−05:00"). */
function offsetNow(timeZone: string): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
    .formatToParts(new Date())
    .find((p) => p.type === "timeZoneName")!.value;
  return name === "GMT" ? "UTC+00:00" : name.replace("GMT", "UTC").replace("-", MINUS);
}

/** The dd after the dt that names it. */
function definition(page: Page, term: string) {
  return page.locator("dt", { hasText: term }).locator("xpath=following-sibling::dd[1]");
}

test.describe("a New York appointment", () => {
  const ZONE = "America/New_York";
  test.use({ timezoneId: ZONE });

  /** Books the first free slot of demo-simple (Alice, New York) as a New York customer. */
  async function bookForAlice(request: APIRequestContext, name: string) {
    const base = `${process.env.E2E_BASE_URL}/api/public/calendars/demo-simple`;
    const from = new Date();
    const to = new Date(from.getTime() + 21 * 86_400_000);
    const slots = await request.get(`${base}/slots`, { params: { start: from.toISOString(), end: to.toISOString(), timeZone: ZONE } });
    expect(slots.status()).toBe(200);
    const offered = (await slots.json()).slots as { start: string }[];
    expect(offered.length, "demo-simple offers slots in the next three weeks").toBeGreaterThan(0);
    // Other tests book on the same calendar at the same time: a taken slot answers 409, try the next.
    for (const slot of offered.slice(0, 10)) {
      const booked = await request.post(`${base}/bookings`, {
        headers: { "x-forwarded-for": `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` },
        data: { start: slot.start, timeZone: ZONE, name, email: `time-format-${Date.now()}@example.test` },
      });
      if (booked.status() === 409) continue;
      expect(booked.status()).toBe(201);
      return (await booked.json()) as { id: string; start: string; end: string; manageToken: string };
    }
    throw new Error("every offered slot was taken");
  }

  test("reads the same time on the staff calendar, the appointment page and the public manage page", async ({
    page,
    request,
  }, testInfo) => {
    const name = `Clock Check ${Date.now()}`;
    const booking = await bookForAlice(request, name);
    // The API answers in the customer's zone, which is Alice's: its wall clock is what every page must show.
    const date = booking.start.slice(0, 10);
    const [start, end] = [booking.start.slice(11, 16), booking.end.slice(11, 16)];
    const zone = `${ZONE} (${offsetOf(booking.start)})`;

    await signIn(page, "alice@demo.test");
    await expect(page.getByText(`Times in ${ZONE} (${offsetNow(ZONE)})`)).toBeVisible();
    await page.goto(`/calendar?view=timeGridDay&date=${date}`);
    const event = page.locator(".fc-timegrid-event", { hasText: name });
    await expect(event).toBeVisible();
    await expect(event).toContainText(start);
    // The event's tooltip gives the full range in the same clock.
    await expect(event).toHaveAttribute("title", new RegExp(`\\nTime: ${start}–${end}(\\n|$)`));
    // The grid's hour labels use the same clock: "13:00", never "1pm".
    const labels = page.locator(".fc-timegrid-slot-label[data-time] .fc-timegrid-slot-label-cushion");
    await expect(labels.filter({ hasText: /^13:00$/ })).toHaveCount(1);
    expect((await labels.allInnerTexts()).filter((text) => /am|pm/i.test(text))).toEqual([]);
    await expect(event).not.toContainText(/\d\s?(am|pm)\b/i);
    await snap(page, testInfo, "1-staff-calendar-day");

    await event.click();
    await expect(page).toHaveURL(new RegExp(`/appointments/${booking.id}$`));
    const staffWhen = definition(page, "When");
    await expect(staffWhen).toContainText(`, ${start}–${end} ${zone}`);
    await expect(page.locator("main header")).toContainText(`${start}–${end} ${zone}`);
    await expect(page.locator("main")).not.toContainText(/GMT[+-]/);
    const staffText = (await staffWhen.innerText()).trim();
    await snap(page, testInfo, "2-appointment-page");

    await page.goto(`/booking/${booking.id}?token=${encodeURIComponent(booking.manageToken)}`);
    await expect(page.getByRole("heading", { name: "Your booking" })).toBeVisible();
    // Word for word what the staff page says: same date style, clock and zone label.
    await expect(definition(page, "When")).toHaveText(staffText);
    await snap(page, testInfo, "3-public-manage-page");

    // Alice's own time-zone setting: the same label, in a list of current names by offset.
    await page.goto("/settings/profile/hours");
    const select = page.getByLabel("Time zone");
    await expect(select).toHaveValue(ZONE);
    await expect(select.locator("option:checked")).toHaveText(`(${offsetNow(ZONE)}) ${ZONE}`);
    await snap(page, testInfo, "4-profile-hours");
  });
});

test.describe("a browser that reports the old name Asia/Calcutta", () => {
  test.use({ timezoneId: "Asia/Calcutta" });

  test("finds Asia/Kolkata preselected, with its offset, and no deprecated names in the list", async ({ page }, testInfo) => {
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe("Asia/Calcutta");
    await page.goto("/book/demo-round-robin");
    const select = page.getByRole("combobox", { name: "Time zone" });
    await expect(select).toHaveValue("Asia/Kolkata");
    await expect(select.locator("option:checked")).toHaveText("(UTC+05:30) Asia/Kolkata");
    // The whole list is there once the page is interactive.
    await expect.poll(() => select.locator("option").count()).toBeGreaterThan(300);
    const labels = await select.locator("option").allInnerTexts();
    for (const old of ["Asia/Calcutta", "Asia/Saigon", "Europe/Kiev", "Asia/Katmandu", "Asia/Rangoon", "America/Godthab"]) {
      expect(
        labels.filter((label) => label.includes(old)),
        old,
      ).toEqual([]);
    }
    for (const current of ["(UTC+05:30) Asia/Kolkata", "(UTC+07:00) Asia/Ho_Chi_Minh", "(UTC+05:45) Asia/Kathmandu", "(UTC+00:00) UTC"]) {
      expect(
        labels.filter((label) => label === current),
        current,
      ).toHaveLength(1);
    }
    // Sorted by offset: west to east.
    const minutes = labels.map((label) => {
      const m = /^\(UTC([+\u2212])(\d{2}):(\d{2})\) /.exec(label);
      expect(m, label).not.toBeNull();
      return (m![1] === "+" ? 1 : -1) * (Number(m![2]) * 60 + Number(m![3]));
    });
    expect(minutes).toEqual([...minutes].sort((a, b) => a - b));

    // Times are then offered and confirmed in Kolkata, named the current way.
    const openDays = page.getByRole("button", { name: /times available/ });
    await expect(page.getByText("Loading available times…")).toHaveCount(0);
    if ((await openDays.count()) === 0) {
      await page.getByRole("button", { name: "Next month" }).click();
      await expect(page.getByText("Loading available times…")).toHaveCount(0);
    }
    await openDays.first().click();
    const firstTime = page.locator("section[aria-labelledby=times-title] button").first();
    const chosen = (await firstTime.innerText()).trim();
    expect(chosen).toMatch(/^\d{2}:\d{2}/);
    await snap(page, testInfo, "5-booking-page-kolkata");
    await firstTime.click();
    await expect(page.locator("form p").first()).toContainText(`${chosen.slice(0, 5)}–`);
    await expect(page.locator("form p").first()).toContainText("Asia/Kolkata (UTC+05:30)");
    await snap(page, testInfo, "6-booking-details-kolkata");
  });
});
