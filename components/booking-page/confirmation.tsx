import { formatDate, formatTimeRange, zoneLabel } from "@/lib/time-format";
import type { Confirmed } from "./details-form";

export function Confirmation({ booking, timeZone, what }: { booking: Confirmed; timeZone: string; what: string }) {
  const token = encodeURIComponent(booking.manageToken);
  const manageHref = `/booking/${booking.id}?token=${token}`;
  return (
    <section aria-labelledby="confirmed-title" className="max-w-md space-y-4">
      <h2 id="confirmed-title" className="text-xl font-semibold">
        You&apos;re booked
      </h2>
      <dl className="grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
        <dt className="text-slate-600">What</dt>
        <dd>{what}</dd>
        <dt className="text-slate-600">When</dt>
        <dd>
          {formatDate(booking.start, timeZone)}, {formatTimeRange(booking.start, booking.end, timeZone)}
          <span className="block text-xs text-slate-500">{zoneLabel(timeZone, booking.start)}</span>
        </dd>
        <dt className="text-slate-600">With</dt>
        <dd>{booking.staff.map((s) => s.name).join(", ")}</dd>
      </dl>
      <div className="flex flex-wrap gap-3">
        <a
          href={`/api/public/bookings/${booking.id}/ics?token=${token}`}
          download
          className="rounded-md bg-white px-3.5 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50"
        >
          Add to calendar (.ics)
        </a>
        <a href={manageHref} className="rounded-md px-3.5 py-2 text-sm font-medium text-brand-700 underline">
          Reschedule or cancel
        </a>
      </div>
      <p className="text-xs text-slate-500">Keep the reschedule link: it is the only way to change this booking without an account.</p>
    </section>
  );
}
