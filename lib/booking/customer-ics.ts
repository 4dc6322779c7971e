import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { BookingResult } from "./result";

/**
 * The .ics a customer downloads from the confirmation and manage pages. Times are written in
 * UTC (no calendar time zone), so no server-local wall time can leak in; calendar apps show
 * them in the customer's own zone. PUBLISH is right for a download (unlike a CalDAV PUT).
 */
export function buildCustomerIcs(booking: BookingResult, options: { organizationName: string; manageUrl: string }): string {
  const calendar = ical({ prodId: { company: "crm-calendar", product: "booking", language: "EN" }, method: ICalCalendarMethod.PUBLISH });
  const what = booking.serviceName ?? booking.calendar.name;
  calendar.createEvent({
    id: `booking-${booking.id}@crm-calendar`,
    start: new Date(booking.start),
    end: new Date(booking.end),
    stamp: new Date(),
    summary: `${what} · ${options.organizationName}`,
    description: [
      booking.staff.length ? `With ${booking.staff.map((s) => s.name).join(", ")}` : null,
      `Reschedule or cancel: ${options.manageUrl}`,
    ]
      .filter(Boolean)
      .join("\n"),
    url: options.manageUrl,
    status: booking.status === "CANCELLED" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
