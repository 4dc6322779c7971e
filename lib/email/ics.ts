import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { AppointmentEmailData } from "./kinds";

/**
 * The invitation attached to customer emails. Its UID is the one of the .ics the customer can
 * download, so every update and the cancellation replace the same event in Apple Mail, Gmail
 * and Outlook; SEQUENCE grows with each change. iTIP (RFC 5546) wants REQUEST or CANCEL with an
 * ORGANIZER and the ATTENDEE for mail clients to offer "Add"/"Update"/"Remove". Times in UTC,
 * so no server-local wall time can leak in.
 */
export function buildEmailIcs(
  data: AppointmentEmailData,
  options: { cancelled: boolean; organizer: { name: string; email: string } },
): string {
  const calendar = ical({
    prodId: { company: "crm-calendar", product: "booking", language: "EN" },
    method: options.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: `booking-${data.appointmentId}@crm-calendar`,
    sequence: data.sequence,
    start: new Date(data.start),
    end: new Date(data.end),
    stamp: new Date(),
    summary: `${data.what} · ${data.organizationName}`,
    description: [data.staffNames.length ? `With ${data.staffNames.join(", ")}` : null, `Reschedule or cancel: ${data.link}`]
      .filter(Boolean)
      .join("\n"),
    url: data.link,
    status: options.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: options.organizer,
    attendees: [
      {
        email: data.customerEmail,
        name: data.customerName,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      },
    ],
  });
  return calendar.toString();
}
