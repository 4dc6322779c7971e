"use client";

import { BOOKING_CALENDAR_TYPES, TYPE_DESCRIPTIONS } from "@/lib/booking-calendars/calendar-types";
import { cn } from "@/lib/ui/cn";
import { TYPE_LABELS } from "@/lib/ui/format";
import { ICloudBadge } from "./icloud-note";

/**
 * The calendar type as a group of radio cards. Locked (with the reason shown) once the calendar
 * has appointments; the hidden input then carries the current type, as disabled radios aren't sent.
 */
export function TypeField({
  value,
  onChange,
  icloudByType,
  lockedReason,
  changeWarning,
  errors,
}: {
  value: string;
  onChange: (type: string) => void;
  icloudByType: Record<string, boolean>;
  lockedReason?: string;
  changeWarning?: string;
  errors?: string[];
}) {
  return (
    <fieldset aria-describedby={errors?.length ? "type-error" : undefined}>
      <legend className="text-sm font-medium text-slate-800">Type</legend>
      {lockedReason ? <input type="hidden" name="type" value={value} /> : null}
      <div className="mt-2 grid gap-2 sm:grid-cols-2 xl:grid-cols-3">
        {BOOKING_CALENDAR_TYPES.map((type) => (
          <label
            key={type}
            className={cn(
              "flex cursor-pointer gap-3 rounded-md p-3 ring-1 ring-inset",
              value === type ? "bg-brand-50 ring-brand-600" : "bg-white ring-slate-300 hover:bg-slate-50",
              lockedReason && value !== type && "cursor-not-allowed opacity-60",
            )}
          >
            <input
              type="radio"
              name="type"
              value={type}
              checked={value === type}
              disabled={Boolean(lockedReason)}
              onChange={() => onChange(type)}
              className="mt-1"
            />
            <span className="space-y-1">
              <span className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                {TYPE_LABELS[type]} <ICloudBadge syncs={icloudByType[type] ?? true} />
              </span>
              <span className="block text-xs text-slate-600">{TYPE_DESCRIPTIONS[type]}</span>
            </span>
          </label>
        ))}
      </div>
      {lockedReason ? <p className="mt-2 text-xs text-slate-600">{lockedReason}</p> : null}
      {changeWarning && !lockedReason ? <p className="mt-2 text-xs text-slate-600">{changeWarning}</p> : null}
      {errors?.length ? (
        <p id="type-error" className="mt-2 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
