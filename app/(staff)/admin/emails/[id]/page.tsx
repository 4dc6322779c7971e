import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmailStatusBadge } from "@/components/email-log/status-badge";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getEmail } from "@/lib/email/log";
import { formatDateTime } from "@/lib/time-format";

export const metadata: Metadata = { title: "Email" };

export default async function EmailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdmin();
  const { id } = await params;
  const [email, me] = await Promise.all([
    getEmail({ actor, id }),
    db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { timeZone: true } }),
  ]);
  if (!email) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/emails" className="text-brand-700 hover:underline">
          ← Email log
        </Link>
      </p>
      <PageHeader title={email.subject || "(being prepared)"} description={email.kindLabel} />
      <Card className="mb-6">
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-500">To</dt>
          <dd>{email.toName ? `${email.toName} <${email.toEmail}>` : email.toEmail}</dd>
          <dt className="text-slate-500">Status</dt>
          <dd className="space-y-1">
            <EmailStatusBadge status={email.status} attempts={email.attempts} />
            {email.lastError && email.status !== "SENT" ? <p className="text-slate-700">{email.lastError}</p> : null}
          </dd>
          <dt className="text-slate-500">Recorded</dt>
          <dd>{formatDateTime(email.createdAt, me.timeZone)}</dd>
          <dt className="text-slate-500">Sent</dt>
          <dd>{email.sentAt ? formatDateTime(email.sentAt, me.timeZone) : "—"}</dd>
          <dt className="text-slate-500">Attempts</dt>
          <dd>{email.attempts}</dd>
          <dt className="text-slate-500">Attachments</dt>
          <dd>{email.attachments.length ? email.attachments.map((a) => a.filename).join(", ") : "None"}</dd>
          <dt className="text-slate-500">Message-ID</dt>
          <dd className="break-all font-mono text-xs">{email.messageId}</dd>
        </dl>
      </Card>
      {email.html ? (
        <Card className="mb-6 p-0">
          <h2 className="border-b border-slate-200 px-6 py-3 text-sm font-semibold">The message</h2>
          {/* Rendered by the app itself, shown isolated: no scripts, no same-origin access. */}
          <iframe title="The message as the recipient sees it" srcDoc={email.html} sandbox="" className="h-[36rem] w-full rounded-b-lg" />
        </Card>
      ) : (
        <Card className="mb-6">
          <p className="text-sm text-slate-600">The message is rendered when the worker sends it.</p>
        </Card>
      )}
      {email.text ? (
        <Card>
          <h2 className="mb-3 text-sm font-semibold">Plain text</h2>
          <pre className="whitespace-pre-wrap break-words text-xs text-slate-700">{email.text}</pre>
        </Card>
      ) : null}
    </>
  );
}
