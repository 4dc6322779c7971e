"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { cn } from "@/lib/ui/cn";
import { MonthCalendar } from "./month-calendar";
import { formatLongDate, localTime, useMonthSlots, type PublicSlot } from "./use-slots";

const PARTS_OF_DAY = [
  { name: "Morning", until: 12 },
  { name: "Afternoon", until: 17 },
  { name: "Evening", until: 24 },
] as const;

/** Minutes from start to end; the API writes both with the same offset-bearing ISO form. */
const lengthOf = (slot: PublicSlot) => Math.round((Date.parse(slot.end) - Date.parse(slot.start)) / 60_000);

/** A day's times under Morning / Afternoon / Evening, by their hour in the customer's zone (the API answers in it). */
function byPartOfDay(slots: PublicSlot[]) {
  return PARTS_OF_DAY.map((part, i) => ({
    name: part.name,
    slots: slots.filter((slot) => {
      const hour = Number(localTime(slot.start).slice(0, 2));
      return hour < part.until && (i === 0 || hour >= PARTS_OF_DAY[i - 1]!.until);
    }),
  })).filter((part) => part.slots.length > 0);
}

/** Month → day → time, in the customer's zone. Shared by booking and rescheduling. */
export function SlotPicker(props: {
  slug: string;
  timeZone: string;
  serviceId?: string;
  refresh: number;
  onPick: (slot: PublicSlot) => void;
  /** The first month offered (this month). */
  initialMonth: string;
  /** A day to open at once: the one the customer was on before going back. */
  initialDate?: string;
}) {
  const [month, setMonth] = useState(props.initialDate?.slice(0, 7) ?? props.initialMonth);
  const [date, setDate] = useState<string | null>(props.initialDate ?? null);
  const state = useMonthSlots(props.slug, month, props.timeZone, props.serviceId, props.refresh);
  const available = useMemo(() => (state.status === "ready" ? new Set(state.byDate.keys()) : new Set<string>()), [state]);
  const daySlots = state.status === "ready" && date ? (state.byDate.get(date) ?? []) : [];
  // Each time says its length when the month's times differ (classes of different lengths).
  const showLengths = useMemo(() => state.status === "ready" && new Set([...state.byDate.values()].flat().map(lengthOf)).size > 1, [state]);
  const subLine = showLengths || daySlots.some((slot) => slot.seatsLeft !== undefined);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusTimes = useRef(false);

  // After a day is chosen, focus goes to its times (their heading, then Tab reaches the first time).
  useEffect(() => {
    if (!focusTimes.current || !date) return;
    focusTimes.current = false;
    heading.current?.focus();
  }, [date]);

  return (
    <div className="grid gap-6 md:grid-cols-[minmax(0,20rem)_1fr]">
      <MonthCalendar
        month={month}
        minMonth={props.initialMonth}
        timeZone={props.timeZone}
        onMonthChange={(m) => {
          setMonth(m);
          setDate(null);
        }}
        availableDates={available}
        selectedDate={date}
        onSelectDate={(d) => {
          focusTimes.current = true;
          setDate(d);
          if (d === date) heading.current?.focus();
        }}
        loading={state.status === "loading"}
      />
      <section aria-labelledby="times-title">
        <h2 id="times-title" ref={heading} tabIndex={-1} className="mb-3 scroll-mt-4 text-base font-semibold focus:outline-none">
          {date ? formatLongDate(date) : "Choose a day"}
        </h2>
        <div aria-live="polite">
          {state.status === "loading" ? <p className="text-sm text-slate-600">Loading available times…</p> : null}
          {state.status === "error" ? (
            <p role="alert" className="text-sm text-red-700">
              {state.message}
            </p>
          ) : null}
          {state.status === "ready" && available.size === 0 ? (
            <p className="text-sm text-slate-600">No open times this month. Try the next month.</p>
          ) : null}
          {state.status === "ready" && date && daySlots.length === 0 ? (
            <p className="text-sm text-slate-600">No open times left on this day. Choose another day.</p>
          ) : null}
        </div>
        {date && daySlots.length > 0 ? (
          <div className="space-y-4">
            {byPartOfDay(daySlots).map((part) => (
              <div key={part.name} role="group" aria-labelledby={`times-${part.name}`}>
                <h3 id={`times-${part.name}`} className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
                  {part.name}
                </h3>
                {/* Bare times fit three across a phone and four beside the month; a second line (length, seats) needs more room. */}
                <ul className={cn("grid gap-2", subLine ? "grid-cols-2 sm:grid-cols-3" : "grid-cols-3 sm:grid-cols-4")}>
                  {part.slots.map((slot) => (
                    <li key={slot.start}>
                      <button
                        type="button"
                        onClick={() => props.onPick(slot)}
                        className="w-full rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-brand-600 hover:bg-brand-50"
                      >
                        {localTime(slot.start)}
                        {showLengths || slot.seatsLeft !== undefined ? (
                          <span className="block text-xs font-normal text-slate-600">
                            {[
                              showLengths ? `${lengthOf(slot)} min` : null,
                              slot.seatsLeft !== undefined ? `${slot.seatsLeft} seat${slot.seatsLeft === 1 ? "" : "s"} left` : null,
                            ]
                              .filter(Boolean)
                              .join(" · ")}
                          </span>
                        ) : null}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        ) : null}
      </section>
    </div>
  );
}
