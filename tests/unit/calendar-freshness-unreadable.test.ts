import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CalendarFreshness } from "@/components/calendar-settings/calendar-freshness";
import type { CalendarView } from "@/lib/connections/queries";

const calendar: CalendarView = {
  id: "c1",
  displayName: "Home",
  color: null,
  readOnly: false,
  canBePrimary: true,
  isPrimary: true,
  checkConflicts: true,
  lastRefreshedAt: new Date("2026-12-03T10:00:00Z"),
  lastRefreshAttemptAt: new Date("2026-12-03T10:00:00Z"),
  lastRefreshError: null,
  nextRefreshAt: null,
  unreadable: [
    {
      objectUrl: "https://p01-caldav.icloud.com/1/calendars/home/a.ics",
      uid: "festival-1",
      title: "Dragon boat festival",
      reason: "FREQ=MINUTELY is not supported; its occurrences were not read",
      since: "2026-12-03T09:30:00.000Z",
      keptPrevious: false,
    },
    {
      objectUrl: "https://p01-caldav.icloud.com/1/calendars/home/b.ics",
      uid: null,
      title: "Standup",
      reason: "object is 1100190 bytes, over the 1000000-byte limit; not read",
      since: "2026-12-03T09:00:00.000Z",
      keptPrevious: true,
    },
  ],
};
const render = (showTitles: boolean) =>
  renderToStaticMarkup(createElement(CalendarFreshness, { calendars: [calendar], timeZone: "UTC", showTitles }));

describe("Calendar Settings lists the events that could not be read", () => {
  it("tells the owner which event, why, since when, and what it means for bookings", () => {
    const html = render(true);
    expect(html).toContain("Events in Home that could not be read");
    expect(html).toContain("Could not read “Dragon boat festival”");
    expect(html).toContain("FREQ=MINUTELY is not supported");
    expect(html).toMatch(/since [^:]*09:30/);
    expect(html).toContain("you are not offered on booking pages that use iCloud");
    expect(html).toContain("Could not read “Standup”");
    expect(html).toContain("Its busy time from before the change is kept");
  });

  it("shows others (an admin) the UID, never the private title", () => {
    const html = render(false);
    expect(html).toContain("Could not read the event with UID festival-1");
    expect(html).toContain("Could not read an event");
    expect(html).not.toContain("Dragon boat");
    expect(html).not.toContain("Standup");
  });

  it("says nothing extra when every event was read", () => {
    expect(
      renderToStaticMarkup(createElement(CalendarFreshness, { calendars: [{ ...calendar, unreadable: [] }], timeZone: "UTC" })),
    ).not.toContain("could not be read");
  });
});
