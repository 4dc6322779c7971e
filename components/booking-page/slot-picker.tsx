"use client";

import { useMemo, useState } from "react";
import { MonthCalendar } from "./month-calendar";
import { formatLongDate, localTime, useMonthSlots, type PublicSlot } from "./use-slots";

/** Month → day → time, in the customer's zone. Shared by booking and rescheduling. */
export function SlotPicker(props: {
  slug: string;
  timeZone: string;
  serviceId?: string;
  refresh: number;
  onPick: (slot: PublicSlot) => void;
  initialMonth: string;
}) {
  const [month, setMonth] = useState(props.initialMonth);
  const [date, setDate] = useState<string | null>(null);
  const state = useMonthSlots(props.slug, month, props.timeZone, props.serviceId, props.refresh);
  const available = useMemo(() => (state.status === "ready" ? new Set(state.byDate.keys()) : new Set<string>()), [state]);
  const daySlots = state.status === "ready" && date ? (state.byDate.get(date) ?? []) : [];

  return (
    <div className="grid gap-6 md:grid-cols-[minmax(0,20rem)_1fr]">
      <MonthCalendar
        month={month}
        minMonth={props.initialMonth}
        onMonthChange={(m) => {
          setMonth(m);
          setDate(null);
        }}
        availableDates={available}
        selectedDate={date}
        onSelectDate={setDate}
        loading={state.status === "loading"}
      />
      <section aria-labelledby="times-title" aria-live="polite">
        <h2 id="times-title" className="mb-3 text-base font-semibold">
          {date ? formatLongDate(date) : "Choose a day"}
        </h2>
        {state.status === "loading" ? <p className="text-sm text-slate-600">Loading available times…</p> : null}
        {state.status === "error" ? (
          <p role="alert" className="text-sm text-red-700">
            {state.message}
          </p>
        ) : null}
        {state.status === "ready" && available.size === 0 ? (
          <p className="text-sm text-slate-600">No open times this month. Try the next month.</p>
        ) : null}
        {date && daySlots.length > 0 ? (
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3">
            {daySlots.map((slot) => (
              <li key={slot.start}>
                <button
                  type="button"
                  onClick={() => props.onPick(slot)}
                  className="w-full rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 ring-1 ring-brand-600 hover:bg-brand-50"
                >
                  {localTime(slot.start)}
                  {slot.seatsLeft !== undefined ? (
                    <span className="block text-xs font-normal text-slate-600">
                      {slot.seatsLeft} seat{slot.seatsLeft === 1 ? "" : "s"} left
                    </span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
