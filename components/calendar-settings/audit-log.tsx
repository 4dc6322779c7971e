import { formatDateTime } from "@/lib/ui/format";

const ACTIONS: Record<string, string> = {
  "connection.connected": "Connected iCloud",
  "connection.reconnected": "Reconnected iCloud",
  "connection.disconnected": "Disconnected iCloud",
  "connection.needs_reauth": "iCloud rejected the stored password",
  "connection.calendars_refreshed": "Refreshed the calendar list",
  "calendars.configured": "Changed the calendar configuration",
  "sync_options.saved": "Changed the sync options",
};

export interface AuditRow {
  id: string;
  action: string;
  createdAt: Date;
  actorName: string;
  summary: string;
}

export function AuditLog({ rows, timeZone }: { rows: AuditRow[]; timeZone: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">Nothing recorded yet.</p>;
  return (
    <ol className="space-y-2 text-sm">
      {rows.map((row) => (
        <li key={row.id} className="border-l-2 border-slate-200 pl-3">
          <p>
            <span className="font-medium">{ACTIONS[row.action] ?? row.action}</span>{" "}
            <span className="text-slate-600">by {row.actorName}</span>
          </p>
          <p className="text-xs text-slate-500">
            {formatDateTime(row.createdAt, timeZone)}
            {row.summary ? ` · ${row.summary}` : ""}
          </p>
        </li>
      ))}
    </ol>
  );
}
