import type { CalendarView } from "@/lib/connections/queries";
import { formatDateTime } from "@/lib/ui/format";

/** Per calendar that counts for conflicts: when iCloud was last read, and the last error. */
export function CalendarFreshness({ calendars, timeZone }: { calendars: CalendarView[]; timeZone: string }) {
  const counted = calendars.filter((c) => c.checkConflicts || c.isPrimary);
  if (counted.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-xs text-slate-600" aria-label="Calendars read from iCloud">
      {counted.map((c) => (
        <li key={c.id}>
          <span className="font-medium text-slate-800">{c.displayName}</span>
          {" · "}
          {c.lastRefreshedAt ? `last refreshed ${formatDateTime(c.lastRefreshedAt, timeZone)}` : "not read yet"}
          {c.lastRefreshError ? <span className="text-amber-800"> · last attempt failed: {c.lastRefreshError}</span> : null}
        </li>
      ))}
    </ul>
  );
}
