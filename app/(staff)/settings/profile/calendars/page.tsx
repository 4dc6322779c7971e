import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Calendar Settings" };

export default async function CalendarSettingsPage() {
  await requireStaff();
  return (
    <>
      <PageHeader
        title="Calendar Settings"
        description="Connect your iCloud calendar, choose where CRM appointments are written and which calendars block your availability."
      />
      <Card aria-labelledby="connections-title">
        <h2 id="connections-title" className="text-base font-semibold">
          Calendar connections
        </h2>
        <p className="mt-2 text-sm text-slate-600">You have no calendar connections.</p>
        <p className="mt-1 text-sm text-slate-600">
          Connecting an iCloud calendar is not available yet; it is the next piece of work on this module.
        </p>
      </Card>
    </>
  );
}
