import { z } from "zod";

// Every email the app sends, with the data its template needs. The data is captured when the
// change happens (in the same transaction), so a later change never rewrites an earlier email.

const Appointment = z.object({
  appointmentId: z.string(),
  organizationName: z.string(),
  calendarName: z.string(),
  /** The service, the class session's title, or the calendar's name. */
  what: z.string(),
  staffNames: z.array(z.string()),
  customerName: z.string(),
  customerEmail: z.string(),
  start: z.number(),
  end: z.number(),
  /** The recipient's zone: the customer's chosen one, or the staff member's own. */
  timeZone: z.string(),
  /** The .ics SEQUENCE: the appointment's version when this email was queued. */
  sequence: z.number().int(),
  previousStart: z.number().optional(),
  previousEnd: z.number().optional(),
  /** A staff change (the time is unchanged): who had the appointment before. */
  previousStaffNames: z.array(z.string()).optional(),
  cancelledBy: z.enum(["customer", "staff", "system"]).optional(),
  /** Customer emails: the manage page; staff emails: the appointment's staff page. */
  link: z.string(),
  /** Customer cancellation: where to book again (absent when the calendar is gone). */
  bookAgainUrl: z.string().optional(),
  notes: z.string().optional(),
  reminderMinutes: z.number().optional(),
});
export type AppointmentEmailData = z.infer<typeof Appointment>;

const Reconnect = z.object({
  organizationName: z.string(),
  userName: z.string(),
  appleId: z.string(),
  settingsUrl: z.string(),
});
export type ReconnectEmailData = z.infer<typeof Reconnect>;

const Invitation = z.object({
  organizationName: z.string(),
  inviterName: z.string(),
  inviteeName: z.string(),
  role: z.enum(["ADMIN", "STAFF"]),
  /** /invite/{token}: the token exists only here and in the admin's one-time view. */
  link: z.string(),
  expiresAt: z.number(),
  timeZone: z.string(),
});
export type InvitationEmailData = z.infer<typeof Invitation>;

const PasswordReset = z.object({
  organizationName: z.string(),
  userName: z.string(),
  /** /reset-password/{token}; removed from the stored message once it is sent (lib/email/send.ts). */
  link: z.string(),
  expiresAt: z.number(),
  timeZone: z.string(),
});
export type PasswordResetEmailData = z.infer<typeof PasswordReset>;

export const CUSTOMER_KINDS = ["booking_confirmation", "booking_rescheduled", "booking_cancelled", "booking_reminder"] as const;
export const STAFF_KINDS = ["staff_new_booking", "staff_rescheduled", "staff_cancelled"] as const;

export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export type StaffKind = (typeof STAFF_KINDS)[number];
export type EmailKind = CustomerKind | StaffKind | "icloud_reconnect" | "invitation" | "password_reset";

export const EmailData = z.union([
  Appointment.extend({ kind: z.enum([...CUSTOMER_KINDS, ...STAFF_KINDS]) }),
  Reconnect.extend({ kind: z.literal("icloud_reconnect") }),
  Invitation.extend({ kind: z.literal("invitation") }),
  PasswordReset.extend({ kind: z.literal("password_reset") }),
]);
export type EmailDataValue = z.infer<typeof EmailData>;

/** How the email log names each kind. */
export const KIND_LABELS: Record<EmailKind, string> = {
  booking_confirmation: "Booking confirmation",
  booking_rescheduled: "Rescheduled",
  booking_cancelled: "Cancelled",
  booking_reminder: "Reminder",
  staff_new_booking: "Staff: new booking",
  staff_rescheduled: "Staff: rescheduled",
  staff_cancelled: "Staff: cancelled",
  icloud_reconnect: "Reconnect iCloud",
  invitation: "Invitation",
  password_reset: "Password reset",
};
