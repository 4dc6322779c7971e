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
  if (data.kind === "icloud_reconnect" || data.kind === "invitation" || data.kind === "password_reset" || data.kind.startsWith("staff_"))
    return null;
  const cancelled = data.kind === "booking_cancelled";
  return {
    filename: cancelled ? "cancellation.ics" : "invite.ics",
    method: cancelled ? "CANCEL" : "REQUEST",
    content: buildEmailIcs(data, { cancelled, organizer: { name: organizer.name, email: organizer.address } }),
  };
}

/** What the email log keeps instead of a password reset link: admins read the log, and the link sets a password. */
export const REMOVED_LINK = "[link removed after sending]";

function withoutSecret(data: EmailDataValue, rendered: { subject: string; html: string; text: string }) {
  if (data.kind !== "password_reset") return { stored: rendered, finalData: {} };
  const hide = (s: string) => s.split(data.link).join(REMOVED_LINK);
  return {
    stored: { subject: rendered.subject, html: hide(rendered.html), text: hide(rendered.text) },
    finalData: { data: { ...data, link: REMOVED_LINK } },
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
    await db.emailMessage.update({
      where: { id: emailId },
      data: { status: "FAILED", lastError: "The message's data could not be read." },
    });
    logError("email data unreadable", { emailId });
    return { done: true };
  }
  const data = parsed.data;
  const from = fromAddress(data.organizationName);
  const rendered = await renderEmail(data);
  const { stored, finalData } = withoutSecret(data, rendered);
  const ics = invite(data, from);
  const attachments = ics ? [{ filename: ics.filename, contentType: `text/calendar; method=${ics.method}` }] : [];
  const transport = smtpTransport();
  if (!transport) {
    await db.emailMessage.update({
      where: { id: emailId },
      data: { ...stored, ...finalData, attachments, status: "NOT_SENT", lastError: "Email is not configured (SMTP_URL is unset)." },
    });
    return { done: true };
  }
  const attempt = message.attempts + 1;
  await db.emailMessage.update({ where: { id: emailId }, data: { ...stored, attachments, attempts: attempt } });
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
    await db.emailMessage.update({
      where: { id: emailId },
      data: { lastError: reason, ...(permanent ? { status: "FAILED", ...finalData } : {}) },
    });
    return permanent ? { done: true } : { done: false, attempt };
  }
  await db.emailMessage.update({ where: { id: emailId }, data: { status: "SENT", sentAt: new Date(), lastError: null, ...finalData } });
  return { done: true };
}
