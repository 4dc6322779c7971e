import type { Metadata } from "next";
import { AppointmentList } from "@/components/appointments/appointment-list";
import { StaffFilter } from "@/components/appointments/staff-filter";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { listAppointments } from "@/lib/booking/staff";
import { pushStatesForAppointments } from "@/lib/sync/push/status";
import { getStaffMember, listStaff } from "@/lib/team/queries";
import { zoneLabel } from "@/lib/time-format";

export const metadata: Metadata = { title: "Appointments" };

const DAYS_AHEAD = 30;

export default async function AppointmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireStaff();
  const params = await searchParams;
  const isAdmin = actor.role === "ADMIN";
  const staffId = isAdmin ? params.staff || undefined : undefined;
  const from = new Date();
  const to = new Date(from.getTime() + DAYS_AHEAD * 86_400_000);
  const [me, appointments, staff] = await Promise.all([
    getStaffMember({ organizationId: actor.organizationId, userId: actor.userId }),
    listAppointments({ actor, from, to, staffId }),
    isAdmin ? listStaff({ organizationId: actor.organizationId }) : [],
  ]);
  const pushStates = await pushStatesForAppointments({
    organizationId: actor.organizationId,
    appointmentIds: appointments.map((a) => a.id),
  });
  const timeZone = me?.timeZone ?? "UTC";
  const whose = !isAdmin ? "Your" : staffId ? `${staff.find((s) => s.id === staffId)?.name ?? "This member"}'s` : "Everyone's";
  return (
    <>
      <PageHeader
        title="Appointments"
        description={`${whose} appointments for the next ${DAYS_AHEAD} days, in your time zone, ${zoneLabel(timeZone)}.`}
      />
      {params.handedOver ? (
        <p role="status" className="mb-6 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
          Rescheduled. You were busy at the new time, so the appointment went to a free colleague.
        </p>
      ) : null}
      {isAdmin ? (
        <div className="mb-6">
          <StaffFilter staff={staff} selected={staffId} />
        </div>
      ) : null}
      {appointments.length ? (
        <AppointmentList appointments={appointments} pushStates={pushStates} timeZone={timeZone} />
      ) : (
        <Card>
          <p className="text-sm text-slate-600">No appointments in the next {DAYS_AHEAD} days.</p>
        </Card>
      )}
    </>
  );
}
