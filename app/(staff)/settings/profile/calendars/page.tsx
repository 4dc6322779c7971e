import type { Metadata } from "next";
import { AddConnection } from "@/components/calendar-settings/add-connection";
import { CalendarConfiguration } from "@/components/calendar-settings/calendar-configuration";
import { ConnectionsList } from "@/components/calendar-settings/connections-list";
import { ICloudNoticesSection } from "@/components/calendar-settings/icloud-notices-section";
import { SyncOptions } from "@/components/calendar-settings/sync-options";
import { getSyncOptions } from "@/lib/connections/sync-options";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { listConnections, listDisconnectsInProgress } from "@/lib/connections/queries";
import { getStaffMember } from "@/lib/team/queries";

export const metadata: Metadata = { title: "Calendar Settings" };

const NOTICES: Record<string, string> = {
  connected: "iCloud is connected. Choose your primary calendar and the calendars to check for conflicts, then Save.",
  "disconnected-remove":
    "Disconnected. The app-specific password is kept only until the CRM's events are removed from iCloud (usually seconds), then deleted.",
  "disconnected-keep": "Disconnected. Your app-specific password was deleted now; the CRM's events stay in your iCloud calendar.",
};

export default async function CalendarSettingsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireStaff();
  const [connections, disconnects, me, params, syncOptions] = await Promise.all([
    listConnections({ organizationId: actor.organizationId, userId: actor.userId }),
    listDisconnectsInProgress({ organizationId: actor.organizationId, userId: actor.userId }),
    getStaffMember({ organizationId: actor.organizationId, userId: actor.userId }),
    searchParams,
    getSyncOptions({ actor, userId: actor.userId }),
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
      <ICloudNoticesSection actor={actor} timeZone={me?.timeZone ?? "UTC"} />
      {disconnects.length > 0 ? (
        <ul aria-label="Disconnected accounts" className="mb-6 space-y-1 text-sm text-slate-700">
          {disconnects.map((d) =>
            d.state === "removing" ? (
              <li key={d.id}>
                {d.appleId}: removing the CRM&apos;s events from iCloud; the app-specific password is deleted as soon as that is done.
              </li>
            ) : (
              <li key={d.id} className="text-amber-800">
                {d.appleId}: disconnected and the app-specific password deleted.{" "}
                {d.reason ?? "Not every CRM event could be removed from iCloud; remove them in the Calendar app."}
              </li>
            ),
          )}
        </ul>
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
        {syncOptions ? (
          <Card id="sync-options" aria-labelledby="sync-options-title">
            <h2 id="sync-options-title" className="mb-4 text-base font-semibold">
              Sync with iCloud
            </h2>
            <SyncOptions userId={actor.userId} options={syncOptions} self />
          </Card>
        ) : null}
      </div>
    </>
  );
}
