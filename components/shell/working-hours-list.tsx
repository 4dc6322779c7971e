import { minuteOfDay, weekdayName } from "@/lib/ui/format";

export function WorkingHoursList({
  hours,
  timeZone,
}: {
  hours: { id: string; weekday: number; startMinute: number; endMinute: number }[];
  timeZone: string;
}) {
  if (hours.length === 0) return <p className="text-sm text-slate-600">No working hours set.</p>;
  return (
    <dl className="grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
      {hours.map((h) => (
        <div key={h.id} className="contents">
          <dt className="text-slate-600">{weekdayName(h.weekday)}</dt>
          <dd>
            {minuteOfDay(h.startMinute)}–{minuteOfDay(h.endMinute)} <span className="text-slate-500">({timeZone})</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
