"use client";

import { cn } from "@/lib/ui/cn";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

/** A month grid; days with open times are buttons, the rest are plain text. */
export function MonthCalendar(props: {
  month: string;
  onMonthChange: (month: string) => void;
  availableDates: Set<string>;
  selectedDate: string | null;
  onSelectDate: (date: string) => void;
  loading: boolean;
  minMonth: string;
}) {
  const { month, availableDates, selectedDate } = props;
  const [y, m] = month.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1));
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const leading = (first.getUTCDay() + 6) % 7; // Monday first
  const title = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(first);
  return (
    <div>
      <div className="mb-3 flex items-center justify-between">
        <button
          type="button"
          className="rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-40"
          onClick={() => props.onMonthChange(shiftMonth(month, -1))}
          disabled={month <= props.minMonth}
          aria-label="Previous month"
        >
          ←
        </button>
        <h2 className="text-base font-semibold" aria-live="polite">
          {title}
        </h2>
        <button
          type="button"
          className="rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
          onClick={() => props.onMonthChange(shiftMonth(month, 1))}
          aria-label="Next month"
        >
          →
        </button>
      </div>
      {/* Plain buttons rather than an ARIA grid: Tab reaches every open day, with no arrow-key contract to keep. */}
      <div aria-label={`Days in ${title}`} aria-busy={props.loading} className="grid grid-cols-7 gap-1 text-center text-sm">
        {WEEKDAYS.map((d) => (
          <div key={d} aria-hidden className="py-1 text-xs font-medium text-slate-500">
            {d}
          </div>
        ))}
        {Array.from({ length: leading }, (_, i) => (
          <div key={`pad-${i}`} aria-hidden />
        ))}
        {Array.from({ length: daysInMonth }, (_, i) => {
          const date = `${month}-${String(i + 1).padStart(2, "0")}`;
          const open = availableDates.has(date);
          const label = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
          return open ? (
            <button
              key={date}
              type="button"
              aria-label={`${label}, times available`}
              aria-pressed={selectedDate === date}
              onClick={() => props.onSelectDate(date)}
              className={cn(
                "rounded-full py-2 font-semibold",
                selectedDate === date ? "bg-brand-600 text-white" : "bg-brand-50 text-brand-700 hover:bg-brand-100",
              )}
            >
              {i + 1}
            </button>
          ) : (
            <div key={date} className="py-2 text-slate-400">
              {i + 1}
            </div>
          );
        })}
      </div>
    </div>
  );
}
