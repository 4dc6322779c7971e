import Link from "next/link";
import { localDateOf } from "@/lib/availability";
import type { StaffAppointment } from "@/lib/booking/staff";
import { summarizePushStates, type AppointmentPushStates, type PushSummaryTone } from "@/lib/sync/push/status";
import { cn } from "@/lib/ui/cn";
import { dayHeading, timeRange } from "./format";
import { AppointmentStatusBadge } from "./status-badge";

function what(a: StaffAppointment): string {
  return [a.calendar.name, a.service?.name ?? a.classTitle].filter(Boolean).join(" · ");
}

const TONE: Record<PushSummaryTone, string> = {
  ok: "text-emerald-800",
  waiting: "text-slate-600",
  problem: "text-red-700",
  none: "text-slate-500",
};

/** The iCloud line of a row: summarised from the same member states the appointment page lists. */
function SyncSummary({ states }: { states: AppointmentPushStates | undefined }) {
  if (!states) return null;
  const { label, tone } = summarizePushStates(states);
  return (
    <span className={cn("mt-1 block text-xs", TONE[tone])} data-testid="sync-summary">
      {label}
    </span>
  );
}

/** Appointments grouped by the viewer's local day; each row opens the appointment. */
export function AppointmentList({
  appointments,
  pushStates,
  timeZone,
}: {
  appointments: StaffAppointment[];
  pushStates: Map<string, AppointmentPushStates>;
  timeZone: string;
}) {
  const days = new Map<string, StaffAppointment[]>();
  for (const a of appointments) {
    const day = localDateOf(a.start.getTime(), timeZone);
    days.set(day, [...(days.get(day) ?? []), a]);
  }
  return (
    <div className="space-y-6">
      <div
        aria-hidden
        className="hidden gap-x-4 px-4 text-xs font-medium uppercase tracking-wider text-slate-500 md:grid md:grid-cols-[7rem_minmax(0,1fr)_minmax(0,1.3fr)_minmax(0,1fr)_9rem]"
      >
        <span>Time</span>
        <span>Customer</span>
        <span>Calendar / service</span>
        <span>Staff</span>
        <span>Status</span>
      </div>
      {[...days].map(([day, rows]) => (
        <section key={day} aria-labelledby={`day-${day}`}>
          <h2 id={`day-${day}`} className="mb-2 text-sm font-semibold text-slate-700">
            {dayHeading(rows[0]!.start, timeZone)}
          </h2>
          <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
            {rows.map((a) => (
              <li key={a.id}>
                <Link
                  href={`/appointments/${a.id}`}
                  className="grid grid-cols-[auto_1fr] items-start gap-x-4 gap-y-1 px-4 py-3 hover:bg-slate-50 md:grid-cols-[7rem_minmax(0,1fr)_minmax(0,1.3fr)_minmax(0,1fr)_9rem]"
                >
                  <span className="text-sm font-medium tabular-nums text-slate-900">{timeRange(a.start, a.end, timeZone)}</span>
                  <span className="min-w-0 justify-self-end md:order-last md:justify-self-start">
                    <AppointmentStatusBadge status={a.status} />
                    <SyncSummary states={pushStates.get(a.id)} />
                  </span>
                  <span
                    className={`col-span-2 min-w-0 truncate text-sm font-medium md:col-span-1 ${a.status === "CANCELLED" ? "text-slate-500 line-through" : "text-brand-700"}`}
                  >
                    {a.contact.name}
                  </span>
                  <span className="col-span-2 min-w-0 text-sm text-slate-600 md:col-span-1">{what(a)}</span>
                  <span className="col-span-2 min-w-0 text-sm text-slate-600 md:col-span-1">
                    <span className="md:hidden">With </span>
                    {a.staff.map((s) => s.name).join(", ") || "Unassigned"}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
