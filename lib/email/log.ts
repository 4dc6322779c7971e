import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { KIND_LABELS, type EmailKind } from "./kinds";

export const EMAIL_LOG_PAGE_SIZE = 50;

export interface EmailLogRow {
  id: string;
  createdAt: Date;
  sentAt: Date | null;
  toEmail: string;
  toName: string;
  subject: string;
  kind: string;
  kindLabel: string;
  status: "PENDING" | "SENT" | "FAILED" | "NOT_SENT" | "SKIPPED";
  attempts: number;
  lastError: string | null;
}

function assertAdmin(actor: Actor) {
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only administrators can read the email log.");
}

const label = (kind: string) => KIND_LABELS[kind as EmailKind] ?? kind;

/** The organization's emails, newest first, a page at a time (`before`: the last row's id). */
export async function listEmails(options: { actor: Actor; before?: string }): Promise<{ rows: EmailLogRow[]; next: string | null }> {
  assertAdmin(options.actor);
  const rows = await db.emailMessage.findMany({
    where: { organizationId: options.actor.organizationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: EMAIL_LOG_PAGE_SIZE + 1,
    ...(options.before ? { cursor: { id: options.before }, skip: 1 } : {}),
    select: {
      id: true,
      createdAt: true,
      sentAt: true,
      toEmail: true,
      toName: true,
      subject: true,
      kind: true,
      status: true,
      attempts: true,
      lastError: true,
    },
  });
  const page = rows.slice(0, EMAIL_LOG_PAGE_SIZE).map((r) => ({ ...r, kindLabel: label(r.kind) }));
  return { rows: page, next: rows.length > EMAIL_LOG_PAGE_SIZE ? page.at(-1)!.id : null };
}

/** One email with what it said: subject, both bodies and the attachments' names. */
export async function getEmail(options: { actor: Actor; id: string }) {
  assertAdmin(options.actor);
  const email = await db.emailMessage.findFirst({ where: { id: options.id, organizationId: options.actor.organizationId } });
  if (!email) return null;
  const attachments = Array.isArray(email.attachments) ? (email.attachments as { filename: string; contentType: string }[]) : [];
  return { ...email, kindLabel: label(email.kind), attachments };
}
