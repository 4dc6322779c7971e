import { db } from "@/lib/db";
import { logError } from "@/lib/log";
import { buildEmailIcs } from "./ics";
import { EmailData, type EmailDataValue } from "./kinds";
import { renderEmail } from "./render";
import { describeSmtpError, fromAddress, isPermanentSmtpError, smtpTransport } from "./transport";

/** After this many attempts a message that keeps failing transiently is recorded as failed. */
export const MAX_EMAIL_ATTEMPTS = 12;

export type SendOutcome = { done: true } | { done: false; attempt: number };

interface Invite {
  filename: string;
  method: "REQUEST" | "CANCEL";
  content: string;
}

function invite(data: EmailDataValue, organizer: { name: string; address: string }): Invite | null {
  if (data.kind === "icloud_reconnect" || data.kind.startsWith("staff_")) return null;
  const cancelled = data.kind === "booking_cancelled";
  return {
    filename: cancelled ? "cancellation.ics" : "invite.ics",
    method: cancelled ? "CANCEL" : "REQUEST",
    content: buildEmailIcs(data, { cancelled, organizer: { name: organizer.name, email: organizer.address } }),
  };
}

/**
 * Renders and sends one recorded email. Rendering happens here, not in the request that queued
 * it, from the data captured then. The Message-ID is fixed when the email is recorded, so a
 * retry is the same message. A message already sent, failed or skipped is left alone, so a
 * duplicate job sends nothing. Returns whether the job is finished or should be retried.
 */
export async function sendEmail(emailId: string): Promise<SendOutcome> {
  const message = await db.emailMessage.findUnique({ where: { id: emailId } });
  if (!message || message.status !== "PENDING") return { done: true };
  const parsed = EmailData.safeParse(message.data);
  if (!parsed.success) {
    await db.emailMessage.update({ where: { id: emailId }, data: { status: "FAILED", lastError: "The message's data could not be read." } });
    logError("email data unreadable", { emailId });
    return { done: true };
  }
  const data = parsed.data;
  const from = fromAddress(data.organizationName);
  const rendered = await renderEmail(data);
  const ics = invite(data, from);
  const attachments = ics ? [{ filename: ics.filename, contentType: `text/calendar; method=${ics.method}` }] : [];
  const transport = smtpTransport();
  if (!transport) {
    await db.emailMessage.update({
      where: { id: emailId },
      data: { ...rendered, attachments, status: "NOT_SENT", lastError: "Email is not configured (SMTP_URL is unset)." },
    });
    return { done: true };
  }
  const attempt = message.attempts + 1;
  await db.emailMessage.update({ where: { id: emailId }, data: { ...rendered, attachments, attempts: attempt } });
  try {
    await transport.sendMail({
      from,
      to: message.toName ? { name: message.toName, address: message.toEmail } : message.toEmail,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId: message.messageId,
      // An iTIP part plus the same file attached: what Apple Mail, Gmail and Outlook offer to add.
      ...(ics ? { icalEvent: { filename: ics.filename, method: ics.method, content: ics.content } } : {}),
    });
  } catch (error) {
    const reason = describeSmtpError(error);
    const permanent = isPermanentSmtpError(error) || attempt >= MAX_EMAIL_ATTEMPTS;
    await db.emailMessage.update({ where: { id: emailId }, data: { lastError: reason, ...(permanent ? { status: "FAILED" } : {}) } });
    return permanent ? { done: true } : { done: false, attempt };
  }
  await db.emailMessage.update({ where: { id: emailId }, data: { status: "SENT", sentAt: new Date(), lastError: null } });
  return { done: true };
}
