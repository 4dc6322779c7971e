import type { Metadata } from "next";
import { AddConnection } from "@/components/calendar-settings/add-connection";
import { CalendarConfiguration } from "@/components/calendar-settings/calendar-configuration";
import { ConnectionsList } from "@/components/calendar-settings/connections-list";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { listConnections } from "@/lib/connections/queries";
import { getStaffMember } from "@/lib/team/queries";

export const metadata: Metadata = { title: "Calendar Settings" };

const NOTICES: Record<string, string> = {
  connected: "iCloud is connected. Choose your primary calendar and the calendars to check for conflicts, then Save.",
  "disconnected-remove": "Disconnected. Your app-specific password was deleted; the CRM's events will be removed from iCloud.",
  "disconnected-keep": "Disconnected. Your app-specific password was deleted; the CRM's events stay in your iCloud calendar.",
};

export default async function CalendarSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireStaff();
  const [connections, me, params] = await Promise.all([
    listConnections({ organizationId: actor.organizationId, userId: actor.userId }),
    getStaffMember({ organizationId: actor.organizationId, userId: actor.userId }),
    searchParams,
  ]);
  const notice = params.connected ? NOTICES.connected : params.disconnected ? NOTICES[`disconnected-${params.disconnected}`] : undefined;
  return (
    <>
      <PageHeader
        title="Calendar Settings"
        description="Connect your iCloud calendar, choose where CRM appointments are written and which calendars block your availability."
      />
      {notice ? (
        <p role="status" className="mb-6 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
          {notice}
        </p>
      ) : null}
      <div className="space-y-6">
        <Card aria-labelledby="connections-title">
          <h2 id="connections-title" className="mb-4 text-base font-semibold">
            Calendar connections
          </h2>
          <div className="space-y-4">
            <ConnectionsList connections={connections} timeZone={me?.timeZone ?? "UTC"} manage />
            <AddConnection />
          </div>
        </Card>
        <Card id="calendar-configuration" aria-labelledby="configuration-title">
          <h2 id="configuration-title" className="text-base font-semibold">
            Calendar Configuration
          </h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">
            Applies to every booking calendar you belong to except Simple calendars, which don&apos;t sync with iCloud.
          </p>
          <CalendarConfiguration userId={actor.userId} connections={connections} />
        </Card>
      </div>
    </>
  );
}
