import type { Task } from "graphile-worker";
import { queueDueReminder } from "@/lib/booking/reminders";
import { parsePayload } from "@/lib/jobs/registry";

export const sendReminderTask: Task = async (raw) => {
  await queueDueReminder(parsePayload("send_appointment_reminder", raw));
};
