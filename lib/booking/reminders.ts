import type { Db } from "@/lib/db";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { jobKey } from "@/lib/jobs/registry";
import { appointmentEmailKey, loadAppointmentEmailBase, manageUrl } from "./notifications";
import { queueEmail } from "@/lib/email/queue";

export const REMINDER_TASK = "send_appointment_reminder";
export const reminderJobKey = (appointmentId: string) => jobKey("send_appointment_reminder", { appointmentId, sequence: 0 })!;

/**
 * Keeps an appointment's one reminder job in line with it: due `reminderMinutes` before the
 * start. A reschedule replaces the job (same key, new time); a cancellation, a calendar without
 * reminders, or a start already inside the reminder window removes it, so such a booking gets none.
 */
export async function scheduleReminder(
  tx: Db,
  options: { appointmentId: string; sequence: number; startsAt: Date; cancelled: boolean; reminderMinutes: number | null; now: number },
): Promise<void> {
  const key = reminderJobKey(options.appointmentId);
  const dueAt = options.reminderMinutes ? options.startsAt.getTime() - options.reminderMinutes * 60_000 : null;
  if (options.cancelled || dueAt === null || dueAt <= options.now) {
    await tx.$executeRaw`SELECT graphile_worker.remove_job(${key})`;
    return;
  }
  await enqueue(
    tx,
    "send_appointment_reminder",
    { appointmentId: options.appointmentId, sequence: options.sequence },
    { runAt: new Date(dueAt) },
  );
}

/**
 * The reminder job: queues the customer's reminder if the appointment is still the one it was
 * scheduled for (same version, not cancelled, not started). The email's key holds the version,
 * so a repeated job queues nothing new.
 */
export async function queueDueReminder(options: { appointmentId: string; sequence: number; now?: number }): Promise<boolean> {
  const now = options.now ?? Date.now();
  return db.$transaction(async (tx) => {
    const current = await tx.appointment.findUnique({
      where: { id: options.appointmentId },
      select: { status: true, sequence: true, startsAt: true },
    });
    if (!current || current.status === "CANCELLED" || current.sequence !== options.sequence || current.startsAt.getTime() <= now)
      return false;
    const { appointment: a, base } = await loadAppointmentEmailBase(tx, options.appointmentId);
    return queueEmail(tx, {
      organizationId: a.organizationId,
      idempotencyKey: appointmentEmailKey(a.id, "booking_reminder", a.sequence, "customer"),
      to: { email: a.contact.email, name: a.customerName ?? a.contact.name },
      appointmentId: a.id,
      data: {
        ...base,
        kind: "booking_reminder",
        timeZone: a.customerTimeZone,
        link: await manageUrl(tx, a.id),
        reminderMinutes: a.bookingCalendar.reminderMinutes ?? undefined,
      },
    });
  });
}
