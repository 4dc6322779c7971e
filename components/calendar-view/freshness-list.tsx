import Link from "next/link";
import type { CalendarFreshness, Wire } from "@/lib/calendar-view/types";
import { refreshedText } from "./format";

const STATUS_NOTES: Record<CalendarFreshness["connectionStatus"], string | null> = {
  ACTIVE: null,
  NEEDS_REAUTH: "needs reconnecting",
  ERROR: "connection error",
};

/** One line per iCloud calendar whose busy time is shown: "Home · last refreshed 2 min ago". */
export function FreshnessList({
  calendars,
  now,
  showStaff,
  isMe,
}: {
  calendars: Wire<CalendarFreshness>[];
  now: number;
  showStaff: boolean;
  isMe: boolean;
}) {
  if (calendars.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No iCloud calendars are checked for conflicts, so no busy time is shown.{" "}
        {isMe ? (
          <Link href="/settings/profile/calendars" className="font-medium text-brand-700 underline">
            Calendar Settings
          </Link>
        ) : null}
      </p>
    );
  }
  return (
    <ul className="space-y-1 text-sm text-slate-700">
      {calendars.map((c) => {
        const note = STATUS_NOTES[c.connectionStatus];
        return (
          <li key={c.id} className="flex items-center gap-2">
            <span
              aria-hidden
              className="size-2.5 shrink-0 rounded-full ring-1 ring-slate-300"
              style={{ backgroundColor: c.color ?? "#cbd5e1" }}
            />
            <span>
              {showStaff ? `${c.staff.name} · ` : ""}
              <span className="font-medium">{c.displayName}</span> · {refreshedText(c.lastRefreshedAt, now)}
              {note ? <span className="text-amber-800"> · {note}</span> : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
