// The team calendar's compact labels: short names that still tell members apart, and the
// details every event carries in its tooltip and popover.
import { describe, expect, it } from "vitest";
import { shortNames, staffCodes } from "@/components/calendar-view/format";
import { eventDetails, eventTooltip } from "@/components/calendar-view/event-content";
import type { BusyProps, AppointmentProps } from "@/components/calendar-view/to-events";

describe("shortNames", () => {
  it("uses first names, the family initial where first names are shared, the full name where even that is", () => {
    const names = shortNames([
      { id: "1", name: "Tom Albright" },
      { id: "2", name: "Tamara Alvarez" },
      { id: "3", name: "Tom Baker" },
      { id: "4", name: "Sam Lee" },
      { id: "5", name: "Sam Long" },
      { id: "6", name: "Cher" },
    ]);
    expect([...names.values()]).toEqual(["Tom A.", "Tamara", "Tom B.", "Sam Lee", "Sam Long", "Cher"]);
  });

  it("codes for the narrowest boxes: four letters at most where they tell members apart", () => {
    const codes = staffCodes([
      { id: "1", name: "Tom Albright" },
      { id: "2", name: "Tamara Alvarez" },
      { id: "3", name: "Theo Almond" },
      { id: "4", name: "Christopher Wren" },
      { id: "5", name: "Christina Rossi" },
    ]);
    expect([...codes.values()]).toEqual(["Tom", "Tam.", "Theo", "CW", "CR"]);
  });
});

describe("event details", () => {
  const now = Date.parse("2027-03-03T10:00:00Z");
  const busy: BusyProps = {
    kind: "busy",
    showStaff: true,
    staffLabel: "Tom",
    staffCode: "Tom",
    item: {
      id: "b",
      staff: { id: "1", name: "Tom Albright" },
      start: "",
      end: "",
      allDay: null,
      title: "Busy",
      calendarName: "Home",
      color: null,
      lastRefreshedAt: "2027-03-03T09:58:00Z",
    },
  };
  it("a busy block: member, title or Busy, time, source calendar, last refreshed", () => {
    expect(eventTooltip(busy, "13:00–14:00", now)).toBe(
      [
        "🔒 Busy in iCloud (read-only)",
        "Staff: Tom Albright",
        "Event: Busy",
        "Time: 13:00–14:00",
        "Calendar: Home (iCloud, read-only)",
        "Busy time: last refreshed 2 min ago",
      ].join("\n"),
    );
  });
  it("an appointment: member, customer, time, iCloud state, booking calendar", () => {
    const appointment: AppointmentProps = {
      kind: "appointment",
      showStaff: true,
      staffLabel: "Tom",
      staffCode: "Tom",
      item: {
        id: "h",
        kind: "appointment",
        staff: { id: "1", name: "Tom Albright" },
        start: "",
        end: "",
        calendarName: "Team",
        serviceName: "Cut",
        customerName: "Max Mustermann",
        classTitle: null,
        seatsBooked: null,
        capacity: null,
        href: "/appointments/a",
        iCloud: { state: "SYNCED", label: "Synced" },
      },
    };
    expect(eventDetails(appointment, "10:00–11:00", now)).toEqual([
      { label: "Staff", value: "Tom Albright" },
      { label: "Customer", value: "Max Mustermann" },
      { label: "Time", value: "10:00–11:00" },
      { label: "iCloud", value: "Synced" },
      { label: "Booking calendar", value: "Cut · Team" },
    ]);
  });
});
