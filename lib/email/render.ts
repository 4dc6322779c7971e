import { render } from "@react-email/render";
import { createElement } from "react";
import { formatDate, formatTime } from "@/lib/time-format";
import type { EmailDataValue } from "./kinds";
import { AppointmentEmail } from "./templates/appointment-email";
import { InvitationEmail, PasswordResetEmail } from "./templates/account-emails";
import { ReconnectEmail } from "./templates/reconnect-email";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

function at(start: number, timeZone: string): string {
  return `${formatDate(start, timeZone)} at ${formatTime(start, timeZone)}`;
}

export function emailSubject(data: EmailDataValue): string {
  if (data.kind === "icloud_reconnect") return "Reconnect your iCloud calendar";
  if (data.kind === "invitation") return `${data.inviterName} invited you to join ${data.organizationName}`;
  if (data.kind === "password_reset") return `Reset your ${data.organizationName} password`;
  const when = at(data.start, data.timeZone);
  // A staff change keeps the time: say who, not "moved".
  if (data.previousStaffNames && data.previousStart === undefined) {
    if (data.kind === "booking_rescheduled") return `Updated: ${data.what}, ${when}, now with ${data.staffNames.join(", ")}`;
    if (data.kind === "staff_new_booking") return `Reassigned to you: ${data.customerName}, ${data.what}, ${when}`;
  }
  switch (data.kind) {
    case "booking_confirmation":
      return `Confirmed: ${data.what}, ${when}`;
    case "booking_rescheduled":
      return `Moved: ${data.what}, now ${when}`;
    case "booking_cancelled":
      return `Cancelled: ${data.what}, ${when}`;
    case "booking_reminder":
      return `Reminder: ${data.what}, ${when}`;
    case "staff_new_booking":
      return `New booking: ${data.customerName}, ${data.what}, ${when}`;
    case "staff_rescheduled":
      return `Moved: ${data.customerName}, ${data.what}, now ${when}`;
    case "staff_cancelled":
      return `Cancelled: ${data.customerName}, ${data.what}, ${when}`;
  }
}

/** HTML and plain text of one email, from the data captured when it was queued. */
export async function renderEmail(data: EmailDataValue): Promise<RenderedEmail> {
  const element =
    data.kind === "icloud_reconnect"
      ? createElement(ReconnectEmail, { data })
      : data.kind === "invitation"
        ? createElement(InvitationEmail, { data })
        : data.kind === "password_reset"
          ? createElement(PasswordResetEmail, { data })
          : createElement(AppointmentEmail, { kind: data.kind, data });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: emailSubject(data), html, text };
}
