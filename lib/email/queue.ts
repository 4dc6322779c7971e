import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueue } from "@/lib/jobs/enqueue";
import { jobKey } from "@/lib/jobs/registry";
import type { EmailDataValue } from "./kinds";

export const SEND_EMAIL_TASK = "send_email";
export const sendEmailJobKey = (emailId: string) => jobKey("send_email", { emailId })!;

export interface QueueEmailInput {
  organizationId: string;
  /** Subject, kind, version and recipient: the same change queued twice is one email. */
  idempotencyKey: string;
  to: { email: string; name?: string };
  data: EmailDataValue;
  appointmentId?: string;
  userId?: string;
}

/**
 * Records an email and enqueues its sending, in the caller's transaction (so it exists exactly
 * when the change that caused it does). A second call with the same idempotency key (a retry,
 * a double click) adds nothing. Returns whether this call queued it.
 */
export async function queueEmail(tx: Db, input: QueueEmailInput): Promise<boolean> {
  const id = randomUUID();
  const { count } = await tx.emailMessage.createMany({
    data: [
      {
        id,
        organizationId: input.organizationId,
        idempotencyKey: input.idempotencyKey,
        kind: input.data.kind,
        toEmail: input.to.email,
        toName: input.to.name ?? "",
        data: input.data,
        messageId: `<${id}@${new URL(env.APP_URL).hostname}>`,
        appointmentId: input.appointmentId,
        userId: input.userId,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0) return false;
  await enqueue(tx, "send_email", { emailId: id });
  return true;
}
