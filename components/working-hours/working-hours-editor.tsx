import type { Actor } from "@/lib/auth/session";
import { getWorkingHoursForEdit } from "@/lib/team/working-hours";
import { clockValue } from "@/lib/team/working-hours-schemas";
import { formatLocalDate, timeZoneOptions, zoneLabel } from "@/lib/time-format";
import { minuteOfDay } from "@/lib/ui/format";
import { OverrideForm } from "./override-form";
import { OverridesList } from "./overrides-list";
import { WeeklyHoursForm } from "./weekly-hours-form";

/**
 * A staff member's weekly hours and upcoming date overrides, editable. Loads its own data through
 * the domain (which checks the permission), so any page can place it with one element.
 */
export async function WorkingHoursEditor({ actor, userId }: { actor: Actor; userId: string }) {
  const view = await getWorkingHoursForEdit({ actor, userId });
  const rows = view.overrides.map((o) => ({
    date: o.date,
    label: formatLocalDate(o.date, "long"),
    summary:
      o.intervals.length === 0 ? "Day off" : o.intervals.map((i) => `${minuteOfDay(i.startMinute)}–${minuteOfDay(i.endMinute)}`).join(", "),
  }));
  return (
    <div className="space-y-8">
      <section aria-labelledby={`weekly-${userId}`} className="space-y-3">
        <h3 id={`weekly-${userId}`} className="text-sm font-semibold">
          Weekly hours
        </h3>
        <WeeklyHoursForm
          userId={view.userId}
          timeZone={view.timeZone}
          timeZones={timeZoneOptions(view.timeZone)}
          weekly={view.weekly.map((d) => ({
            weekday: d.weekday,
            intervals: d.intervals.map((i) => ({ start: clockValue(i.startMinute), end: clockValue(i.endMinute) })),
          }))}
        />
      </section>
      <section aria-labelledby={`overrides-${userId}`} className="space-y-3">
        <h3 id={`overrides-${userId}`} className="text-sm font-semibold">
          Dates with different hours
        </h3>
        <p className="text-sm text-slate-600">
          A day off or different hours on one date replace the weekly hours for that date ({zoneLabel(view.timeZone)}).
        </p>
        <OverridesList userId={view.userId} rows={rows} />
        <OverrideForm key={rows.map((r) => r.date).join()} userId={view.userId} today={view.today} />
      </section>
    </div>
  );
}
