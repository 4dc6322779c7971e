import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { AppointmentDetails } from "@/components/appointments/appointment-details";
import { CancelAppointmentDialog } from "@/components/appointments/cancel-dialog";
import { whenText } from "@/components/appointments/format";
import { RescheduleForm } from "@/components/appointments/reschedule-form";
import { Card, PageHeader } from "@/components/ui/card";
import { localDateOf } from "@/lib/availability";
import { requireStaff } from "@/lib/auth/session";
import { getAppointmentForStaff, type StaffAppointment } from "@/lib/booking/staff";
import { isAppError } from "@/lib/errors";
import { pushStatesFor } from "@/lib/sync/push/status";
import { getStaffMember } from "@/lib/team/queries";

export const metadata: Metadata = { title: "Appointment" };

const NOTICES: Record<string, string> = {
  rescheduled: "Rescheduled. The new time is shown below.",
  cancelled: "Cancelled. The time is free for new bookings again.",
};

export default async function AppointmentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await requireStaff();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [appointment, me] = await Promise.all([
    getAppointmentForStaff({ actor, appointmentId: id }).catch((error: unknown): StaffAppointment => {
      if (isAppError(error) && error.code === "NOT_FOUND") notFound();
      if (isAppError(error) && error.code === "FORBIDDEN") forbidden();
      throw error;
    }),
    getStaffMember({ organizationId: actor.organizationId, userId: actor.userId }),
  ]);
  // Only once access is checked: the states name the members and their iCloud errors.
  const pushStates = await pushStatesFor({ organizationId: actor.organizationId, appointmentId: appointment.id });
  const timeZone = me?.timeZone ?? "UTC";
  // A server component renders once per request: "now" is simply the request's time.
  // eslint-disable-next-line react-hooks/purity
  const now = Date.now();
  const changeable = appointment.status === "CONFIRMED" && appointment.start.getTime() > now;
  const when = whenText(appointment.start, appointment.end, timeZone);
  const notice = query.rescheduled ? NOTICES.rescheduled : query.cancelled ? NOTICES.cancelled : undefined;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/appointments" className="text-brand-700 hover:underline">
          ← Appointments
        </Link>
      </p>
      <PageHeader title={appointment.contact.name} description={`${appointment.service?.name ?? appointment.calendar.name} · ${when}`} />
      {notice ? (
        <p role="status" className="mb-6 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
          {notice}
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card aria-labelledby="details-title">
          <h2 id="details-title" className="mb-2 text-base font-semibold">
            Details
          </h2>
          <AppointmentDetails appointment={appointment} pushStates={pushStates} timeZone={timeZone} viewerId={actor.userId} />
        </Card>
        {changeable ? (
          <div className="space-y-6">
            <Card aria-labelledby="reschedule-title">
              <h2 id="reschedule-title" className="mb-1 text-base font-semibold">
                Reschedule
              </h2>
              <p className="mb-4 text-sm text-slate-600">Only times the booking calendar&apos;s rules leave free are offered.</p>
              <RescheduleForm
                key={appointment.start.toISOString()}
                appointmentId={appointment.id}
                initialDate={localDateOf(appointment.start.getTime(), timeZone)}
                today={localDateOf(now, timeZone)}
                timeZone={timeZone}
              />
            </Card>
            <Card aria-labelledby="cancel-title">
              <h2 id="cancel-title" className="mb-1 text-base font-semibold">
                Cancel
              </h2>
              <p className="mb-4 text-sm text-slate-600">Frees the time for new bookings.</p>
              <CancelAppointmentDialog
                appointmentId={appointment.id}
                summary={`${appointment.contact.name}, ${when}`}
                usesICloud={appointment.usesICloud}
              />
            </Card>
          </div>
        ) : (
          <Card>
            <p className="text-sm text-slate-600">
              {appointment.status === "CANCELLED"
                ? "This appointment was cancelled. Book a new one if the customer still wants to come."
                : "This appointment has started, so it can no longer be rescheduled or cancelled."}
            </p>
          </Card>
        )}
      </div>
    </>
  );
}
