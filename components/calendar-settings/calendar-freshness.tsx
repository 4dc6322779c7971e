import type { CalendarView } from "@/lib/connections/queries";
import { formatDateTime } from "@/lib/ui/format";

/**
 * Per calendar that counts for conflicts: when iCloud was last read, the last error, and the
 * events that could not be read. Titles only with `showTitles` (the owner); others see the UID.
 */
export function CalendarFreshness({
  calendars,
  timeZone,
  showTitles = false,
}: {
  calendars: CalendarView[];
  timeZone: string;
  showTitles?: boolean;
}) {
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
          {c.unreadable.length > 0 ? (
            <ul
              className="mt-1 space-y-0.5 rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-amber-200"
              aria-label={`Events in ${c.displayName} that could not be read`}
            >
              {c.unreadable.map((e, i) => (
                <li key={`${e.objectUrl}:${e.uid ?? ""}:${i}`}>
                  <span className="font-medium">
                    Could not read {showTitles && e.title ? `“${e.title}”` : e.uid ? `the event with UID ${e.uid}` : "an event"}
                  </span>
                  {` since ${formatDateTime(new Date(e.since), timeZone)}: ${e.reason}. `}
                  {e.keptPrevious
                    ? "Its busy time from before the change is kept until it can be read again (for as long as iCloud data is trusted, 24 hours by default)."
                    : "Its busy time is unknown, so you are not offered on booking pages that use iCloud until it is fixed or deleted."}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
