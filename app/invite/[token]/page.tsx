import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { lookupInvitation, unusableInvitationMessage } from "@/lib/team/invitations";

export const metadata: Metadata = { title: "Join your team", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/** Public: an invitation link. Valid: choose a password and join; otherwise say why not. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await lookupInvitation(token);
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-sm font-semibold uppercase tracking-wider text-brand-600">CRM Calendar</p>
          <h1 className="mt-2 text-2xl font-semibold text-slate-900">
            {invitation.status === "valid" ? `Join ${invitation.organizationName}` : "This invitation can't be used"}
          </h1>
          {invitation.status === "valid" ? (
            <p className="mt-2 text-sm text-slate-600">Your account is {invitation.email}. Choose a password to create it.</p>
          ) : null}
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          {invitation.status === "valid" ? (
            <AcceptInvitationForm
              token={token}
              name={invitation.name}
              organizationName={invitation.organizationName}
              email={invitation.email}
            />
          ) : (
            <>
              <p role="alert" className="text-sm text-slate-700">
                {unusableInvitationMessage(invitation.status)}
              </p>
              <p className="mt-4 text-sm">
                <Link href="/login" className="font-medium text-brand-700 hover:underline">
                  Go to sign in
                </Link>
              </p>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
