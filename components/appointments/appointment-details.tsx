import Link from "next/link";
import type { StaffAppointment } from "@/lib/booking/staff";
import { NOT_IN_ICLOUD, syncsToICloud, type AppointmentPushStates, type MemberPushState, type PushState } from "@/lib/sync/push/status";
import { zoneName } from "@/lib/time-format";
import { cn } from "@/lib/ui/cn";
import { formatDateTime, TYPE_LABELS } from "@/lib/ui/format";
import { whenText } from "./format";
import { PushButton } from "./push-button";
import { AppointmentStatusBadge } from "./status-badge";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 sm:grid-cols-[10rem_1fr] sm:gap-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="min-w-0 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

const TONE: Record<PushState, string> = {
  SYNCED: "text-emerald-800",
  PENDING: "text-slate-700",
  FAILED: "text-red-700",
  CHANGED_IN_ICLOUD: "text-amber-800",
  REMOVED_IN_ICLOUD: "text-amber-800",
  NO_CONNECTION: "text-slate-600",
  NO_PRIMARY: "text-slate-600",
  NEEDS_REAUTH: "text-amber-800",
};
const ACTION: Partial<Record<PushState, "retry" | "restore">> = {
  PENDING: "retry",
  FAILED: "retry",
  CHANGED_IN_ICLOUD: "restore",
  REMOVED_IN_ICLOUD: "restore",
};
const SETUP: ReadonlySet<PushState> = new Set(["NO_CONNECTION", "NO_PRIMARY", "NEEDS_REAUTH"]);

function MemberSync({
  appointmentId,
  member: m,
  timeZone,
  viewerId,
}: {
  appointmentId: string;
  member: MemberPushState;
  timeZone: string;
  viewerId: string;
}) {
  const action = ACTION[m.state];
  const second =
    m.note ??
    (m.lastSyncedAt ? `Last synced ${formatDateTime(m.lastSyncedAt, timeZone)}` : syncsToICloud(m.state) ? "Not synced yet" : null);
  return (
    <li>
      <span className="font-medium">{m.name}</span>
      {m.assigned ? null : <span className="text-slate-500"> (to be removed from their iCloud)</span>}:{" "}
      <span className={cn("font-medium", TONE[m.state])}>{m.label}</span>
      {m.state === "PENDING" && m.lastError ? <span className="block text-xs text-slate-500">Last attempt: {m.lastError}</span> : null}
      {/* A member without iCloud sync gets the reason, not "Not synced yet": nothing is waiting to be written. */}
      {second ? <span className="block text-xs text-slate-500">{second}</span> : null}
      {SETUP.has(m.state) && m.userId === viewerId ? (
        <Link href="/settings/profile/calendars" className="text-xs text-brand-700 hover:underline">
          Open Calendar Settings
        </Link>
      ) : null}
      {action ? <PushButton appointmentId={appointmentId} userId={m.userId} memberName={m.name} kind={action} /> : null}
    </li>
  );
}

function PushStates({
  appointmentId,
  states,
  timeZone,
  viewerId,
}: {
  appointmentId: string;
  states: AppointmentPushStates;
  timeZone: string;
  viewerId: string;
}) {
  if (!states.syncs) return <span className="text-slate-600">{states.label}</span>;
  if (states.members.length === 0) return <span className="text-slate-600">{NOT_IN_ICLOUD}</span>;
  return (
    <>
      {states.classOccurrenceId && states.members.some((m) => syncsToICloud(m.state)) ? (
        <p className="mb-1 text-xs text-slate-500">One event per class session, in the instructor&apos;s iCloud calendar:</p>
      ) : null}
      <ul className="space-y-2" aria-label="iCloud sync per staff member">
        {states.members.map((m) => (
          <MemberSync key={m.userId} appointmentId={appointmentId} member={m} timeZone={timeZone} viewerId={viewerId} />
        ))}
      </ul>
    </>
  );
}

/** Everything staff need about one appointment; times in the viewer's zone, the customer's alongside. */
export function AppointmentDetails({
  appointment: a,
  pushStates,
  timeZone,
  viewerId,
}: {
  appointment: StaffAppointment;
  pushStates: AppointmentPushStates;
  timeZone: string;
  viewerId: string;
}) {
  return (
    <dl className="divide-y divide-slate-100">
      <Row label="When">
        {whenText(a.start, a.end, timeZone)}
        {zoneName(a.customerTimeZone) !== zoneName(timeZone) ? (
          <span className="block text-xs text-slate-500">Customer&apos;s time: {whenText(a.start, a.end, a.customerTimeZone)}</span>
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
        {bookedAs(a) ? <span className="mt-1 block text-sm text-slate-600">Booked as: {bookedAs(a)}</span> : null}
      </Row>
      <Row label="Notes">
        {a.notes ? <span className="whitespace-pre-line">{a.notes}</span> : <span className="text-slate-500">None</span>}
      </Row>
      <Row label="Booking calendar">
        {a.calendar.name} <span className="text-slate-500">· {TYPE_LABELS[a.calendar.type] ?? a.calendar.type}</span>
      </Row>
      {a.service ? <Row label="Service">{a.service.name}</Row> : null}
      {a.classTitle ? <Row label="Class">{a.classTitle}</Row> : null}
      <Row label="Staff">{a.staff.map((s) => s.name).join(", ") || "Unassigned"}</Row>
      <Row label="iCloud">
        <PushStates appointmentId={a.id} states={pushStates} timeZone={timeZone} viewerId={viewerId} />
      </Row>
    </dl>
  );
}

/** What the customer typed on the booking form, when it differs from the CRM contact. */
function bookedAs(a: {
  customerName: string | null;
  customerPhone: string | null;
  contact: { name: string; phone: string | null };
}): string | null {
  const parts = [
    a.customerName && a.customerName !== a.contact.name ? a.customerName : null,
    a.customerPhone && a.customerPhone !== a.contact.phone ? a.customerPhone : null,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}
