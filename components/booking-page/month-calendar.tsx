"use client";

import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import { cn } from "@/lib/ui/cn";

const WEEKDAYS = [
  ["Mon", "Monday"],
  ["Tue", "Tuesday"],
  ["Wed", "Wednesday"],
  ["Thu", "Thursday"],
  ["Fri", "Friday"],
  ["Sat", "Saturday"],
  ["Sun", "Sunday"],
] as const;

const DAY_LABEL = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
const MONTH_TITLE = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** Wall dates ("2026-12-03") as UTC midnights: plain calendar arithmetic, no zone involved. */
const toUtc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + delta, 1)).toISOString().slice(0, 7);
}

function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * 86_400_000);
}

/** The same day of the month `delta` months away, or that month's last day when it is shorter. */
function shiftDateByMonths(date: string, delta: number): string {
  const month = shiftMonth(date.slice(0, 7), delta);
  const [y, m] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(Math.min(Number(date.slice(8, 10)), last)).padStart(2, "0")}`;
}

const noSubscription = () => () => {};

/** 0 for Monday … 6 for Sunday. */
const weekdayIndex = (date: string) => (new Date(toUtc(date)).getUTCDay() + 6) % 7;

/**
 * A month as an ARIA grid (the date-picker pattern): one Tab stop, the arrow keys move by day and
 * week, Home/End to the week's first and last day, PageUp/PageDown by month (the month follows
 * the focus). Every day is a button; days without open times are aria-disabled.
 */
export function MonthCalendar(props: {
  month: string;
  onMonthChange: (month: string) => void;
  availableDates: Set<string>;
  selectedDate: string | null;
  onSelectDate: (date: string) => void;
  loading: boolean;
  minMonth: string;
  /** The customer's zone: "today" is theirs. */
  timeZone: string;
}) {
  const { month, availableDates, selectedDate } = props;
  const titleId = useId();
  const grid = useRef<HTMLDivElement>(null);
  const [focusedDate, setFocusedDate] = useState<string | null>(null);
  // Set when the keyboard moved the active day: that day's button takes focus once it is drawn.
  const moveFocus = useRef(false);
  const [y, m] = month.split("-").map(Number) as [number, number];
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const dates = Array.from({ length: daysInMonth }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
  const title = MONTH_TITLE.format(new Date(Date.UTC(y, m - 1, 1)));
  // Only the browser knows the customer's today (the server renders none, so nothing mismatches).
  const today = useSyncExternalStore(
    noSubscription,
    () =>
      new Intl.DateTimeFormat("en-CA", { timeZone: props.timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(Date.now()),
    () => null,
  );

  // The one day in the Tab order: the one last moved to, else the chosen day, the first open day, today, the 1st.
  const active =
    [focusedDate, selectedDate, dates.find((d) => availableDates.has(d)), today].find((d): d is string => Boolean(d?.startsWith(month))) ??
    dates[0]!;

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`button[data-date="${active}"]`)?.focus();
  }, [active]);

  function moveTo(wanted: string) {
    // Nothing before the first month is offered: the focus stops at its first day.
    const date = wanted.slice(0, 7) < props.minMonth ? `${props.minMonth}-01` : wanted;
    moveFocus.current = true;
    setFocusedDate(date);
    if (date.slice(0, 7) !== month) props.onMonthChange(date.slice(0, 7));
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    const from = (event.target as HTMLElement).dataset.date;
    if (!from) return;
    const target = (() => {
      switch (event.key) {
        case "ArrowLeft":
          return addDays(from, -1);
        case "ArrowRight":
          return addDays(from, 1);
        case "ArrowUp":
          return addDays(from, -7);
        case "ArrowDown":
          return addDays(from, 7);
        case "Home":
          return addDays(from, -weekdayIndex(from));
        case "End":
          return addDays(from, 6 - weekdayIndex(from));
        case "PageUp":
          return shiftDateByMonths(from, event.shiftKey ? -12 : -1);
        case "PageDown":
          return shiftDateByMonths(from, event.shiftKey ? 12 : 1);
        default:
          return null;
      }
    })();
    if (!target) return;
    event.preventDefault();
    moveTo(target);
  }

  const leading = weekdayIndex(dates[0]!);
  const cells: (string | null)[] = [...Array.from({ length: leading }, () => null), ...dates];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));

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
        <h2 id={titleId} className="text-base font-semibold" aria-live="polite">
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
      <div ref={grid} role="grid" aria-labelledby={titleId} aria-busy={props.loading} onKeyDown={onKeyDown} className="text-center text-sm">
        <div role="row" className="grid grid-cols-7 gap-1">
          {WEEKDAYS.map(([short, long]) => (
            <div key={short} role="columnheader" aria-label={long} className="py-1 text-xs font-medium text-slate-500">
              {short}
            </div>
          ))}
        </div>
        {weeks.map((week, w) => (
          <div key={w} role="row" className="mt-1 grid grid-cols-7 gap-1">
            {week.map((date, d) => {
              if (!date) return <div key={`pad-${w}-${d}`} role="gridcell" />;
              const open = availableDates.has(date);
              const selected = selectedDate === date;
              return (
                <div key={date} role="gridcell" aria-selected={selected}>
                  <button
                    type="button"
                    data-date={date}
                    tabIndex={date === active ? 0 : -1}
                    aria-label={`${DAY_LABEL.format(new Date(toUtc(date)))}, ${open ? "times available" : "no open times"}`}
                    aria-disabled={open ? undefined : true}
                    aria-current={date === today ? "date" : undefined}
                    onFocus={() => setFocusedDate(date)}
                    onClick={() => {
                      if (open) props.onSelectDate(date);
                    }}
                    className={cn(
                      "w-full rounded-full py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-1",
                      !open && "cursor-default text-slate-400",
                      open && !selected && "bg-brand-50 font-semibold text-brand-700 hover:bg-brand-100",
                      open && selected && "bg-brand-600 font-semibold text-white",
                      date === today && "underline underline-offset-4",
                    )}
                  >
                    {Number(date.slice(8, 10))}
                  </button>
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
