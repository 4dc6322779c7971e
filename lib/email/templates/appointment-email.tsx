import { Button } from "@react-email/button";
import { Heading } from "@react-email/heading";
import { Link } from "@react-email/link";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { formatWhen } from "@/lib/time-format";
import type { AppointmentEmailData, CustomerKind, StaffKind } from "../kinds";
import { Detail, Layout, styles } from "./layout";

type Kind = CustomerKind | StaffKind;

const CANCELLED_BY: Record<NonNullable<AppointmentEmailData["cancelledBy"]>, string> = {
  customer: "at the customer's request",
  staff: "by the team",
  system: "by the booking system",
};

function reminderLead(minutes: number | undefined): string {
  if (!minutes) return "soon";
  return minutes % 1440 === 0
    ? `in ${minutes / 1440 === 1 ? "24 hours" : `${minutes / 1440} days`}`
    : `in ${minutes / 60 === 1 ? "1 hour" : `${minutes / 60} hours`}`;
}

/** The heading and first sentence of each kind; user-provided text is rendered by React, escaped. */
export function appointmentCopy(kind: Kind, d: AppointmentEmailData): { heading: string; intro: string } {
  const who = d.staffNames.length ? ` with ${d.staffNames.join(", ")}` : "";
  if (d.previousStaffNames && d.previousStart === undefined) {
    const before = d.previousStaffNames.join(", ");
    if (kind === "booking_rescheduled") {
      return {
        heading: "Your booking has a new staff member",
        intro: `Your ${d.what} at ${d.organizationName} is now${who} instead of ${before}. The time is unchanged.`,
      };
    }
    if (kind === "staff_new_booking")
      return {
        heading: "Booking reassigned to you",
        intro: `${d.customerName}'s ${d.what} (${d.calendarName}) was reassigned to you from ${before}.`,
      };
  }
  switch (kind) {
    case "booking_confirmation":
      return { heading: "You're booked", intro: `Your ${d.what}${who} at ${d.organizationName} is confirmed.` };
    case "booking_rescheduled":
      return { heading: "Your booking was moved", intro: `Your ${d.what}${who} at ${d.organizationName} has a new time.` };
    case "booking_cancelled":
      return {
        heading: "Your booking was cancelled",
        intro: `Your ${d.what}${who} at ${d.organizationName} was cancelled ${CANCELLED_BY[d.cancelledBy ?? "system"]}.`,
      };
    case "booking_reminder":
      return {
        heading: "A reminder of your booking",
        intro: `Your ${d.what}${who} at ${d.organizationName} is ${reminderLead(d.reminderMinutes)}.`,
      };
    case "staff_new_booking":
      return { heading: "New booking", intro: `${d.customerName} booked ${d.what} (${d.calendarName}).` };
    case "staff_rescheduled":
      return { heading: "Booking moved", intro: `${d.customerName}'s ${d.what} (${d.calendarName}) has a new time.` };
    case "staff_cancelled":
      return {
        heading: "Booking cancelled",
        intro: `${d.customerName}'s ${d.what} (${d.calendarName}) was cancelled ${CANCELLED_BY[d.cancelledBy ?? "system"]}.`,
      };
  }
}

export function AppointmentEmail({ kind, data }: { kind: Kind; data: AppointmentEmailData }) {
  const { heading, intro } = appointmentCopy(kind, data);
  const forCustomer = kind.startsWith("booking_");
  const cancelled = kind === "booking_cancelled" || kind === "staff_cancelled";
  const moved = data.previousStart !== undefined && data.previousEnd !== undefined;
  return (
    <Layout
      preview={intro}
      organizationName={data.organizationName}
      footer={
        forCustomer
          ? `Sent by ${data.organizationName} because you booked ${data.calendarName}. Times are in ${data.timeZone}.`
          : `Sent to you as a member of ${data.organizationName}. Turn these emails off in My Profile. Times are in ${data.timeZone}.`
      }
    >
      <Heading as="h1" style={styles.heading}>
        {heading}
      </Heading>
      {forCustomer ? <Text style={styles.text}>{`Hi ${data.customerName},`}</Text> : null}
      <Text style={styles.text}>{intro}</Text>
      <Section>
        <Detail label="What">{data.what === data.calendarName ? data.what : `${data.what} · ${data.calendarName}`}</Detail>
        <Detail label={moved ? "New time" : "When"} struck={cancelled}>
          {formatWhen(data.start, data.end, data.timeZone)}
        </Detail>
        {moved ? (
          <Detail label="Was" struck>
            {formatWhen(data.previousStart!, data.previousEnd!, data.timeZone)}
          </Detail>
        ) : null}
        {data.staffNames.length ? <Detail label="With">{data.staffNames.join(", ")}</Detail> : null}
        {!forCustomer ? <Detail label="Customer">{`${data.customerName} · ${data.customerEmail}`}</Detail> : null}
        {!forCustomer && data.notes ? <Detail label="Notes">{data.notes}</Detail> : null}
      </Section>
      {forCustomer && cancelled ? (
        data.bookAgainUrl ? (
          <Text style={styles.text}>
            Want another time? <Link href={data.bookAgainUrl}>Book again</Link>.
          </Text>
        ) : null
      ) : (
        <Section style={{ margin: "8px 0 4px" }}>
          <Button href={data.link} style={styles.button}>
            {forCustomer ? "Reschedule or cancel" : "Open the appointment"}
          </Button>
          <Text style={{ ...styles.footer, marginTop: "12px" }}>
            Or open this link: <Link href={data.link}>{data.link}</Link>
          </Text>
        </Section>
      )}
      {forCustomer ? (
        <Text style={styles.footer}>
          {cancelled
            ? "The attached calendar file removes it from your calendar."
            : "The attached calendar file adds it to your calendar (or updates it)."}
        </Text>
      ) : null}
    </Layout>
  );
}
