import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import Link from "next/link";
import { getActor } from "@/lib/auth/session";
import { needsSetup } from "@/lib/setup/create-organization";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; reset?: string }> }) {
  if (await getActor()) redirect("/calendar");
  const { next, reset } = await searchParams;
  const setupOpen = await needsSetup();
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-sm font-semibold uppercase tracking-wider text-brand-600">CRM Calendar</p>
          <h1 className="mt-2 text-2xl font-semibold text-slate-900">Sign in to your account</h1>
        </div>
        {reset ? (
          <p role="status" className="mb-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
            Your password was changed. Sign in with the new one.
          </p>
        ) : null}
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <LoginForm next={next} />
        </div>
        <p className="mt-4 text-center text-sm">
          <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
            Forgot password?
          </Link>
        </p>
        {setupOpen ? (
          <p className="mt-6 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
            No organization exists yet.{" "}
            <Link href="/setup" className="font-medium underline">
              Set up this installation
            </Link>{" "}
            to create it and its first admin.
          </p>
        ) : null}
      </div>
    </main>
  );
}
