import type { Task } from "graphile-worker";
import { jobOptions, parsePayload } from "@/lib/jobs/registry";
import { sendEmail } from "@/lib/email/send";
import { pushBackoffMs } from "@/lib/sync/push/backoff";

/** Sends one recorded email; an SMTP 4xx or an unreachable server retries with backoff and jitter. */
export const sendEmailTask: Task = async (raw, helpers) => {
  const { emailId } = parsePayload("send_email", raw);
  const outcome = await sendEmail(emailId);
  if (!outcome.done) {
    await helpers.addJob(
      "send_email",
      { emailId },
      jobOptions("send_email", { emailId }, { runAt: new Date(Date.now() + pushBackoffMs(outcome.attempt - 1)) }),
    );
  }
};
