import Link from "next/link";

/** For admins while SMTP_URL is unset: messages are rendered and kept, but nobody receives them. */
export function EmailNotConfiguredBanner({ production }: { production: boolean }) {
  return (
    <div role="status" className="border-b border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-950 md:px-10">
      {production ? (
        <>
          <strong>Email is not configured: customers and staff receive no emails.</strong> Set SMTP_URL to send them.{" "}
        </>
      ) : (
        <>Email is not configured (SMTP_URL is unset), so emails are only recorded. </>
      )}
      <Link href="/admin/emails" className="font-semibold underline">
        See what would have been sent
      </Link>
    </div>
  );
}
