import type { Task } from "graphile-worker";
import { z } from "zod";
import { queueDueReminder } from "@/lib/email/reminders";

const Payload = z.object({ appointmentId: z.string().min(1), sequence: z.number().int().min(0) });

export const sendReminderTask: Task = async (raw) => {
  await queueDueReminder(Payload.parse(raw));
};
