import type { Task } from "graphile-worker";
import { z } from "zod";
import { SEND_EMAIL_TASK, sendEmailJobKey } from "@/lib/email/queue";
import { sendEmail } from "@/lib/email/send";
import { pushBackoffMs } from "@/lib/sync/push/backoff";

const Payload = z.object({ emailId: z.string().min(1) });

/** Sends one recorded email; an SMTP 4xx or an unreachable server retries with backoff and jitter. */
export const sendEmailTask: Task = async (raw, helpers) => {
  const { emailId } = Payload.parse(raw);
  const outcome = await sendEmail(emailId);
  if (!outcome.done) {
    await helpers.addJob(SEND_EMAIL_TASK, { emailId }, { jobKey: sendEmailJobKey(emailId), runAt: new Date(Date.now() + pushBackoffMs(outcome.attempt - 1)) });
  }
};
