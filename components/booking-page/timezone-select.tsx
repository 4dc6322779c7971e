"use client";

import { useMemo, useSyncExternalStore } from "react";
import { timeZoneOptions, zoneName, zoneOptionLabel } from "@/lib/time-format";

const noSubscription = () => () => {};

/**
 * The customer's zone, detected by the browser and changeable. Listed under current IANA names
 * with their UTC offsets (lib/time-format.ts); a browser that reports an old name
 * ("Asia/Calcutta") finds its zone selected under the current one ("Asia/Kolkata").
 */
export function TimezoneSelect({ value, onChange }: { value: string; onChange: (zone: string) => void }) {
  // The server renders only the chosen zone: its ICU's list and the browser's may differ, and
  // the whole list is only needed once the customer opens it.
  const hydrated = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const selected = zoneName(value);
  const options = useMemo(
    () => (hydrated ? timeZoneOptions(selected) : [{ value: selected, label: zoneOptionLabel(selected) }]),
    [hydrated, selected],
  );
  return (
    // On a phone the label sits above a full-width select: the longest zone names are wider than the screen.
    <div className="flex w-full min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-700 sm:ml-auto sm:w-auto">
      <label htmlFor="customer-time-zone">Time zone</label>
      <select
        id="customer-time-zone"
        value={selected}
        onChange={(e) => onChange(e.target.value)}
        className="w-full min-w-0 max-w-full rounded-md sm:w-auto border-0 bg-white px-2 py-1 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
