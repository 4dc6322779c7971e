import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { RESET_LINK_UNUSABLE, lookupPasswordReset } from "@/lib/team/account";

export const metadata: Metadata = { title: "Set a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await lookupPasswordReset(token);
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-sm font-semibold uppercase tracking-wider text-brand-600">CRM Calendar</p>
          <h1 className="mt-2 text-2xl font-semibold text-slate-900">
            {reset.status === "valid" ? "Set a new password" : "This link can't be used"}
          </h1>
          {reset.status === "valid" ? (
            <p className="mt-2 text-sm text-slate-600">For {reset.email}. You&apos;ll be signed out everywhere else.</p>
          ) : null}
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {reset.status === "valid" ? (
            <ResetPasswordForm token={token} email={reset.email} />
          ) : (
            <>
              <p role="alert" className="text-sm text-slate-700">
                {RESET_LINK_UNUSABLE}
              </p>
              <p className="mt-4 text-sm">
                <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
                  Ask for a new link
                </Link>
              </p>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
