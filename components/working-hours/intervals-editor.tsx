"use client";

import { useRef } from "react";

export interface ClockInterval {
  key: number;
  start: string;
  end: string;
}

const timeInput =
  "w-[7.5rem] rounded-md border-0 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600 aria-[invalid]:ring-red-500";

/** A stable key source for new rows. */
export function useIntervalKeys(start: number) {
  const next = useRef(start);
  return () => next.current++;
}

/**
 * One day's intervals as pairs of time inputs named start<suffix> / end<suffix>, in order.
 * Removing the last interval is left to the caller (it usually means "off").
 */
export function IntervalsEditor({
  label,
  suffix,
  intervals,
  onChange,
  newKey,
  invalid,
  describedBy,
}: {
  /** Names the inputs for assistive tech, e.g. "Friday". */
  label: string;
  suffix: string;
  intervals: ClockInterval[];
  onChange: (intervals: ClockInterval[]) => void;
  newKey: () => number;
  invalid?: boolean;
  describedBy?: string;
}) {
  const update = (key: number, patch: Partial<ClockInterval>) => onChange(intervals.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const add = () => {
    const last = intervals[intervals.length - 1];
    // Suggest the hour after the last interval, e.g. a split shift after lunch.
    const start = last && last.end < "23:00" && last.end !== "00:00" ? last.end : "09:00";
    const end = start === "09:00" ? "17:00" : `${String(Math.min(23, Number(start.slice(0, 2)) + 1)).padStart(2, "0")}:${start.slice(3)}`;
    onChange([...intervals, { key: newKey(), start, end }]);
  };
  return (
    <div className="space-y-2">
      {intervals.map((interval, index) => {
        const n = intervals.length > 1 ? ` (${index + 1})` : "";
        return (
          <div key={interval.key} className="flex flex-wrap items-center gap-2">
            <input
              type="time"
              name={`start${suffix}`}
              aria-label={`${label} start${n}`}
              value={interval.start}
              onChange={(e) => update(interval.key, { start: e.target.value })}
              required
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              className={timeInput}
            />
            <span aria-hidden className="text-slate-500">
              –
            </span>
            <input
              type="time"
              name={`end${suffix}`}
              aria-label={`${label} end${n}`}
              value={interval.end}
              onChange={(e) => update(interval.key, { end: e.target.value })}
              required
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              className={timeInput}
            />
            <button
              type="button"
              onClick={() => onChange(intervals.filter((i) => i.key !== interval.key))}
              aria-label={`Remove ${label} ${interval.start}–${interval.end}`}
              className="rounded-md px-1.5 py-1 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-800"
            >
              ✕
            </button>
          </div>
        );
      })}
      <button
        type="button"
        onClick={add}
        className="text-sm font-medium text-brand-700 hover:underline"
        aria-label={`Add hours on ${label}`}
      >
        + Add hours
      </button>
    </div>
  );
}
