"use client";

/** The customer's zone, detected by the browser and changeable. */
export function TimezoneSelect({ value, onChange }: { value: string; onChange: (zone: string) => void }) {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [value];
  const options = zones.includes(value) ? zones : [value, ...zones];
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
      <label htmlFor="customer-time-zone">Time zone</label>
      <select
        id="customer-time-zone"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="max-w-full rounded-md border-0 bg-white px-2 py-1 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
      >
        {options.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll("_", " ")}
          </option>
        ))}
      </select>
    </div>
  );
}
