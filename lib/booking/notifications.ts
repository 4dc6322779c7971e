import type { Db } from "@/lib/db";
import { signManageToken } from "./manage-token";
import { env } from "@/lib/env";
import type { AppointmentEmailData, CustomerKind, StaffKind } from "@/lib/email/kinds";
import { queueEmail } from "@/lib/email/queue";
import { scheduleReminder } from "./reminders";

export type AppointmentChange =
  | { event: "booked" }
  | { event: "rescheduled"; previous: { start: Date; end: Date } }
  | { event: "cancelled"; by: "customer" | "staff" | "system" }
  /** Another member took the appointment over at the same time (e.g. its member was deactivated). */
  | { event: "reassigned"; previousStaffNames: string[] };

const CUSTOMER_KIND: Record<AppointmentChange["event"], CustomerKind> = {
  booked: "booking_confirmation",
  rescheduled: "booking_rescheduled",
  cancelled: "booking_cancelled",
  reassigned: "booking_rescheduled",
};
const STAFF_KIND: Record<AppointmentChange["event"], StaffKind> = {
  booked: "staff_new_booking",
  rescheduled: "staff_rescheduled",
  cancelled: "staff_cancelled",
  reassigned: "staff_new_booking",
};
const STAFF_PREFERENCE = {
  booked: "emailOnNewBooking",
  rescheduled: "emailOnReschedule",
  cancelled: "emailOnCancel",
  reassigned: "emailOnNewBooking",
} as const;

export function appointmentEmailKey(appointmentId: string, kind: string, sequence: number, recipient: string): string {
  return `appointment:${appointmentId}:${kind}:${sequence}:${recipient}`;
}

/**
 * Queues the emails one change to an appointment causes, inside the transaction that makes the
 * change (call it after the appointment row is updated): the customer's (in their zone, with the
 * manage link and an .ics), each assigned member's who wants it (in their own zone; never to the
 * member who made the change), and the reminder's schedule.
 */
/** What every email about an appointment says, as it is now in this transaction. */
export async function loadAppointmentEmailBase(tx: Db, appointmentId: string, staffIds?: string[]) {
  const a = await tx.appointment.findUniqueOrThrow({
    where: { id: appointmentId },
    include: {
      contact: true,
      service: { select: { name: true } },
      holds: { where: { active: true }, select: { userId: true } },
      classOccurrence: { include: { session: { select: { title: true } }, holds: { where: { active: true }, select: { userId: true } } } },
      bookingCalendar: { select: { name: true, slug: true, reminderMinutes: true } },
    },
  });
  const assigned = staffIds ?? (a.holds.length ? a.holds : (a.classOccurrence?.holds ?? [])).map((h) => h.userId);
  const organization = await tx.organization.findUniqueOrThrow({ where: { id: a.organizationId }, select: { name: true } });
  const staff = await tx.user.findMany({
    where: { id: { in: assigned }, organizationId: a.organizationId },
    select: { id: true, name: true, timeZone: true, emailOnNewBooking: true, emailOnReschedule: true, emailOnCancel: true, email: true },
    orderBy: { name: "asc" },
  });
  const base: Omit<AppointmentEmailData, "timeZone" | "link"> = {
    appointmentId: a.id,
    organizationName: organization.name,
    calendarName: a.bookingCalendar.name,
    what: a.service?.name ?? a.classOccurrence?.session.title ?? a.bookingCalendar.name,
    staffNames: staff.map((s) => s.name),
    customerName: a.customerName ?? a.contact.name,
    customerEmail: a.contact.email,
    start: a.startsAt.getTime(),
    end: a.endsAt.getTime(),
    sequence: a.sequence,
  };
  return { appointment: a, staff, base };
}

export async function manageUrl(client: Db, appointmentId: string): Promise<string> {
  return new URL(`/booking/${appointmentId}?token=${encodeURIComponent(await signManageToken(appointmentId, client))}`, env.APP_URL).href;
}

/**
 * Queues the emails one change to an appointment causes, inside the transaction that makes the
 * change (call it after the appointment row is updated): the customer's (in their zone, with the
 * manage link and an .ics), each assigned member's who wants it (in their own zone; never to the
 * member who made the change), and the reminder's schedule.
 */
export async function queueAppointmentNotifications(
  tx: Db,
  options: {
    appointmentId: string;
    change: AppointmentChange;
    staffIds: string[];
    actorUserId?: string;
    now?: number;
    /** Only these of the assigned members get a staff email (a reassignment: the new member). */
    notifyStaffIds?: string[];
  },
): Promise<void> {
  const { change } = options;
  const { appointment: a, staff, base: current } = await loadAppointmentEmailBase(tx, options.appointmentId, options.staffIds);
  const base = {
    ...current,
    ...(change.event === "rescheduled"
      ? { previousStart: change.previous.start.getTime(), previousEnd: change.previous.end.getTime() }
      : {}),
    ...(change.event === "cancelled" ? { cancelledBy: change.by } : {}),
    ...(change.event === "reassigned" ? { previousStaffNames: change.previousStaffNames } : {}),
  };

  const customerKind = CUSTOMER_KIND[change.event];
  await queueEmail(tx, {
    organizationId: a.organizationId,
    idempotencyKey: appointmentEmailKey(a.id, customerKind, a.sequence, "customer"),
    to: { email: a.contact.email, name: a.customerName ?? a.contact.name },
    appointmentId: a.id,
    data: {
      ...base,
      kind: customerKind,
      timeZone: a.customerTimeZone,
      link: await manageUrl(tx, a.id),
      bookAgainUrl: new URL(`/book/${a.bookingCalendar.slug}`, env.APP_URL).href,
    },
  });

  const staffKind = STAFF_KIND[change.event];
  for (const member of staff) {
    if (member.id === options.actorUserId || !member[STAFF_PREFERENCE[change.event]]) continue;
    if (options.notifyStaffIds && !options.notifyStaffIds.includes(member.id)) continue;
    await queueEmail(tx, {
      organizationId: a.organizationId,
      idempotencyKey: appointmentEmailKey(a.id, staffKind, a.sequence, `user:${member.id}`),
      to: { email: member.email, name: member.name },
      appointmentId: a.id,
      userId: member.id,
      data: {
        ...base,
        kind: staffKind,
        timeZone: member.timeZone,
        link: new URL(`/appointments/${a.id}`, env.APP_URL).href,
        notes: a.notes || undefined,
      },
    });
  }

  await scheduleReminder(tx, {
    appointmentId: a.id,
    sequence: a.sequence,
    startsAt: a.startsAt,
    cancelled: a.status === "CANCELLED",
    reminderMinutes: a.bookingCalendar.reminderMinutes,
    now: options.now ?? Date.now(),
  });
}
