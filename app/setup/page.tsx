import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SetupForm } from "@/components/setup/setup-form";
import { needsSetup } from "@/lib/setup/create-organization";
import { timeZoneOptions } from "@/lib/time-format";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

/** First-run setup: only while no organization exists; afterwards the address does not exist. */
export default async function SetupPage() {
  if (!(await needsSetup())) notFound();
  const timeZones = timeZoneOptions();
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-8 text-center">
          <p className="text-sm font-semibold uppercase tracking-wider text-brand-600">CRM Calendar</p>
          <h1 className="mt-2 text-2xl font-semibold text-slate-900">Set up your organization</h1>
          <p className="mt-2 text-sm text-slate-600">Create the organization and its first admin account. You can invite your team next.</p>
        </div>
        <div className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <SetupForm timeZones={timeZones} defaultTimeZone="UTC" />
        </div>
      </div>
    </main>
  );
}
