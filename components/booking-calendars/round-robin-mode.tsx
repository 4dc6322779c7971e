import { ROUND_ROBIN_MODE_TEXT, ROUND_ROBIN_MODES } from "@/lib/booking-calendars/calendar-types";

export function RoundRobinModeField({ value, errors }: { value: string; errors?: string[] }) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-base font-semibold text-slate-900">Round-robin mode</legend>
      {ROUND_ROBIN_MODES.map((mode) => (
        <label key={mode} className="flex items-start gap-2 text-sm">
          <input type="radio" name="roundRobinMode" value={mode} defaultChecked={value === mode} className="mt-1" />
          <span className="text-slate-700">
            <span className="font-medium text-slate-900">{ROUND_ROBIN_MODE_TEXT[mode].label}</span>:{" "}
            {ROUND_ROBIN_MODE_TEXT[mode].explanation}
          </span>
        </label>
      ))}
      {errors?.length ? <p className="text-sm text-red-700">{errors.join(" ")}</p> : null}
    </fieldset>
  );
}
