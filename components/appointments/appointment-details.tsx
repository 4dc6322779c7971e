import type { StaffAppointment } from "@/lib/booking/staff";
import { TYPE_LABELS } from "@/lib/ui/format";
import { syncText, whenText } from "./format";
import { AppointmentStatusBadge } from "./status-badge";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[10rem_1fr] sm:gap-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="min-w-0 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** Everything staff need about one appointment; times in the viewer's zone, the customer's alongside. */
export function AppointmentDetails({ appointment: a, timeZone }: { appointment: StaffAppointment; timeZone: string }) {
  return (
    <dl className="divide-y divide-slate-100">
      <Row label="When">
        {whenText(a.start, a.end, timeZone)}
        {a.customerTimeZone !== timeZone ? (
          <span className="block text-xs text-slate-500">
            Customer&apos;s time: {whenText(a.start, a.end, a.customerTimeZone)} ({a.customerTimeZone})
          </span>
        ) : null}
      </Row>
      <Row label="Status">
        <AppointmentStatusBadge status={a.status} />
      </Row>
      <Row label="Customer">
        <span className="block font-medium">{a.contact.name}</span>
        <a href={`mailto:${a.contact.email}`} className="block break-all text-brand-700 hover:underline">
          {a.contact.email}
        </a>
        {a.contact.phone ? (
          <a href={`tel:${a.contact.phone.replace(/[^+0-9]/g, "")}`} className="block text-brand-700 hover:underline">
            {a.contact.phone}
          </a>
        ) : null}
      </Row>
      <Row label="Notes">{a.notes ? <span className="whitespace-pre-line">{a.notes}</span> : <span className="text-slate-500">None</span>}</Row>
      <Row label="Booking calendar">
        {a.calendar.name} <span className="text-slate-500">· {TYPE_LABELS[a.calendar.type] ?? a.calendar.type}</span>
      </Row>
      {a.service ? <Row label="Service">{a.service.name}</Row> : null}
      {a.classTitle ? <Row label="Class">{a.classTitle}</Row> : null}
      <Row label="Staff">{a.staff.map((s) => s.name).join(", ") || "Unassigned"}</Row>
      <Row label="iCloud">{syncText(a.usesICloud)}</Row>
    </dl>
  );
}
