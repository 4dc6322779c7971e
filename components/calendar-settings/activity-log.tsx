import Link from "next/link";
import type { SyncActivityView } from "@/lib/connections/queries";
import { cn } from "@/lib/ui/cn";
import { formatDateTime } from "@/lib/ui/format";

const OPERATIONS: Record<string, string> = {
  create: "Add to iCloud",
  update: "Update in iCloud",
  delete: "Remove from iCloud",
  move: "Move to the primary calendar",
  "icloud-move": "Moved in iCloud",
  "icloud-delete": "Deleted in iCloud",
};

const OUTCOMES: Record<string, { text: string; tone: string }> = {
  synced: { text: "synced", tone: "text-emerald-800" },
  deleted: { text: "removed", tone: "text-emerald-800" },
  restored: { text: "restored the CRM version", tone: "text-amber-800" },
  recreated: { text: "created again", tone: "text-amber-800" },
  parked: { text: "waiting for reconnect", tone: "text-amber-800" },
  retrying: { text: "will retry", tone: "text-amber-800" },
  failed: { text: "failed", tone: "text-red-700" },
  nothing: { text: "nothing to do", tone: "text-slate-600" },
  applied: { text: "rescheduled in the CRM", tone: "text-emerald-800" },
  undone: { text: "not applied", tone: "text-amber-800" },
  cancelled: { text: "appointment cancelled", tone: "text-amber-800" },
};

/**
 * The push work's latest lines for one connection. Class sessions and blocked time have no
 * appointment: their detail line names them.
 */
export function ActivityLog({ rows, timeZone, label }: { rows: SyncActivityView[]; timeZone: string; label: string }) {
  return (
    <section aria-label={label} className="space-y-1.5">
      <h3 className="text-xs font-semibold uppercase tracking-wider text-slate-500">Recent activity</h3>
      {rows.length === 0 ? (
        <p className="text-xs text-slate-600">No appointments written to iCloud yet.</p>
      ) : (
        <ol className="space-y-1.5 text-sm">
          {rows.map((row) => {
            const outcome = OUTCOMES[row.outcome] ?? { text: row.outcome, tone: "text-slate-700" };
            return (
              <li key={row.id} className="border-l-2 border-slate-200 pl-3">
                <p>
                  <span className="font-medium">{OPERATIONS[row.operation] ?? row.operation}</span>
                  {": "}
                  <span className={cn("font-medium", outcome.tone)}>{outcome.text}</span>
                  {row.appointment || !row.detail ? " · " : null}
                  {row.appointment ? (
                    <Link href={`/appointments/${row.appointment.id}`} className="text-brand-700 hover:underline">
                      {row.appointment.customerName}, {formatDateTime(row.appointment.startsAt, timeZone)}
                    </Link>
                  ) : row.detail ? null : (
                    <span className="text-slate-500">a deleted appointment</span>
                  )}
                </p>
                <p className="text-xs text-slate-500">
                  <time dateTime={row.createdAt.toISOString()}>{formatDateTime(row.createdAt, timeZone)}</time>
                  {row.detail ? ` · ${row.detail}` : ""}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
