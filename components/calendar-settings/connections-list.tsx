import type { ConnectionView } from "@/lib/connections/queries";
import { formatDateTime } from "@/lib/ui/format";
import { ActivityLog } from "./activity-log";
import { CalendarFreshness } from "./calendar-freshness";
import { DisconnectDialog, ReconnectForm, RefreshCalendarsButton } from "./connection-actions";
import { ConnectionStatusBadge } from "./status-badge";
import { SyncNowButton } from "./sync-now-button";

/**
 * A staff member's iCloud connections. With `manage`, the owner's buttons; without, status
 * only (what admins see of someone else's connection). Never receives a secret.
 */
export function ConnectionsList({ connections, timeZone, manage }: { connections: ConnectionView[]; timeZone: string; manage: boolean }) {
  if (connections.length === 0) {
    return <p className="text-sm text-slate-600">No calendar connections.</p>;
  }
  return (
    <ul className="divide-y divide-slate-200 rounded-md ring-1 ring-slate-200">
      {connections.map((connection) => (
        <li key={connection.id} className="space-y-3 p-4" aria-label={`iCloud Calendar ${connection.appleId}`}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div>
              <p className="text-sm font-medium">
                iCloud Calendar · <span className="text-slate-700">{connection.appleId}</span>
              </p>
              <p className="text-xs text-slate-500">
                {connection.lastCheckedAt ? `Last checked ${formatDateTime(connection.lastCheckedAt, timeZone)}` : "Not checked yet"}
                {" · "}
                {connection.calendars.length} calendar{connection.calendars.length === 1 ? "" : "s"}
              </p>
            </div>
            <ConnectionStatusBadge status={connection.status} />
          </div>
          {connection.lastError ? (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
              <span className="font-medium">Last error: </span>
              {connection.lastError}
            </p>
          ) : null}
          <CalendarFreshness calendars={connection.calendars} timeZone={timeZone} showTitles={manage} />
          {manage ? (
            <div className="flex flex-wrap items-start gap-2">
              <ReconnectForm connectionId={connection.id} appleId={connection.appleId} open={connection.status === "NEEDS_REAUTH"} />
              {connection.status !== "NEEDS_REAUTH" ? (
                <SyncNowButton
                  connectionId={connection.id}
                  calendars={connection.calendars
                    .filter((c) => c.checkConflicts || c.isPrimary)
                    .map((c) => ({
                      attemptedAt: c.lastRefreshAttemptAt?.toISOString() ?? null,
                      refreshedAt: c.lastRefreshedAt?.toISOString() ?? null,
                      failed: c.nextRefreshAt !== null,
                    }))}
                />
              ) : null}
              {connection.status !== "NEEDS_REAUTH" ? <RefreshCalendarsButton connectionId={connection.id} /> : null}
              <DisconnectDialog connectionId={connection.id} appleId={connection.appleId} />
            </div>
          ) : null}
          <ActivityLog rows={connection.recentActivity} timeZone={timeZone} label={`Recent activity of ${connection.appleId}`} />
        </li>
      ))}
    </ul>
  );
}
