import type { Metadata } from "next";
import Link from "next/link";
import { EmailStatusBadge } from "@/components/email-log/status-badge";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listEmails } from "@/lib/email/log";
import { emailConfigured } from "@/lib/email/transport";
import { formatDateTime } from "@/lib/time-format";
import { db } from "@/lib/db";

export const metadata: Metadata = { title: "Email log" };

export default async function EmailLogPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const actor = await requireAdmin();
  const { before } = await searchParams;
  const [{ rows, next }, me] = await Promise.all([
    listEmails({ actor, before }),
    db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { timeZone: true } }),
  ]);
  return (
    <>
      <PageHeader
        title="Email log"
        description={
          emailConfigured()
            ? "Every email the app sent or is sending for your organization, newest first."
            : "Email is not configured, so these emails were recorded but not sent: this is exactly what customers and staff would receive."
        }
      />
      {rows.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">No emails yet. A booking, a reschedule or a cancellation sends the first ones.</p>
        </Card>
      ) : (
        <Card className="overflow-x-auto p-0">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Emails</caption>
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wider text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Time
                </th>
                <th scope="col" className="px-4 py-3">
                  Recipient
                </th>
                <th scope="col" className="px-4 py-3">
                  Subject
                </th>
                <th scope="col" className="px-4 py-3">
                  Kind
                </th>
                <th scope="col" className="px-4 py-3">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((email) => (
                <tr key={email.id}>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600">{formatDateTime(email.createdAt, me.timeZone)}</td>
                  <td className="px-4 py-3">
                    <div className="font-medium text-slate-900">{email.toName || email.toEmail}</div>
                    {email.toName ? <div className="text-xs text-slate-500">{email.toEmail}</div> : null}
                  </td>
                  <td className="px-4 py-3">
                    <Link href={`/admin/emails/${email.id}`} className="font-medium text-brand-700 hover:underline">
                      {email.subject || "(being prepared)"}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap px-4 py-3">{email.kindLabel}</td>
                  <td className="px-4 py-3">
                    <EmailStatusBadge status={email.status} attempts={email.attempts} />
                    {email.status === "FAILED" && email.lastError ? (
                      <div className="mt-1 text-xs text-red-700">{email.lastError}</div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {next ? (
        <p className="mt-4 text-sm">
          <Link href={`/admin/emails?before=${next}`} className="font-medium text-brand-700 underline">
            Older emails
          </Link>
        </p>
      ) : null}
    </>
  );
}
