import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditLog } from "@/components/calendar-settings/audit-log";
import { CalendarConfiguration } from "@/components/calendar-settings/calendar-configuration";
import { SyncOptions } from "@/components/calendar-settings/sync-options";
import { getSyncOptions } from "@/lib/connections/sync-options";
import { ConnectionsList } from "@/components/calendar-settings/connections-list";
import { WorkingHoursList } from "@/components/shell/working-hours-list";
import { Card, PageHeader } from "@/components/ui/card";
import { WorkingHoursEditor } from "@/components/working-hours/working-hours-editor";
import { requireAdmin } from "@/lib/auth/session";
import { listAuditEvents, listConnections } from "@/lib/connections/queries";
import { getStaffMember } from "@/lib/team/queries";
import { listFutureAppointments } from "@/lib/team/members";
import { MemberAdmin } from "@/components/team/member-admin";
import { FutureAppointments } from "@/components/team/future-appointments";

export const metadata: Metadata = { title: "Staff member" };

export default async function StaffMemberPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requireAdmin();
  const { userId } = await params;
  const member = await getStaffMember({ organizationId: actor.organizationId, userId });
  if (!member) notFound();
  const [connections, audit, future, syncOptions] = await Promise.all([
    listConnections({ organizationId: actor.organizationId, userId }),
    listAuditEvents({ organizationId: actor.organizationId, subjectUserId: userId }),
    member.deactivatedAt ? listFutureAppointments({ actor, userId }) : [],
    getSyncOptions({ actor, userId }),
  ]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/team" className="text-brand-700 hover:underline">
          ← Team
        </Link>
      </p>
      <PageHeader
        title={member.name}
        description={`${member.email} · ${member.role === "ADMIN" ? "Admin" : "Staff"} · ${member.timeZone}${member.deactivatedAt ? " · Deactivated" : ""}`}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="access-title" className="lg:col-span-2">
          <h2 id="access-title" className="mb-4 text-base font-semibold">
            Role and access
          </h2>
          <MemberAdmin
            member={{ id: member.id, name: member.name, role: member.role, deactivated: member.deactivatedAt !== null }}
            isSelf={member.id === actor.userId}
            hasICloud={connections.length > 0}
          />
        </Card>
        {member.deactivatedAt ? (
          <Card aria-labelledby="future-title" className="lg:col-span-2">
            <h2 id="future-title" className="mb-1 text-base font-semibold">
              Future appointments
            </h2>
            <p className="mb-2 text-sm text-slate-600">
              Reassign each to a colleague who is free then, or cancel it (the customer is emailed). Past appointments stay as they were.
            </p>
            <FutureAppointments
              fromUserId={member.id}
              timeZone={member.timeZone}
              appointments={future.map((a) => ({
                id: a.id,
                start: a.start.getTime(),
                customerName: a.customerName,
                what: a.what,
                calendarName: a.calendarName,
                isClass: a.isClass,
                freeMembers: a.freeMembers,
              }))}
            />
          </Card>
        ) : null}
        <Card aria-labelledby="connections-title">
          <h2 id="connections-title" className="mb-3 text-base font-semibold">
            Calendar connections
          </h2>
          <ConnectionsList connections={connections} timeZone={member.timeZone} manage={false} />
          <p className="mt-3 text-xs text-slate-500">Only {member.name} can connect, reconnect or disconnect their iCloud account.</p>
        </Card>
        <Card aria-labelledby="hours-title">
          <h2 id="hours-title" className="mb-3 text-base font-semibold">
            Working hours
          </h2>
          <WorkingHoursList hours={member.workingHours} timeZone={member.timeZone} />
        </Card>
        <Card aria-labelledby="edit-hours-title" className="p-4 sm:p-6 lg:col-span-2">
          <h2 id="edit-hours-title" className="mb-4 text-base font-semibold">
            Edit working hours
          </h2>
          <WorkingHoursEditor actor={actor} userId={member.id} />
        </Card>
        <Card aria-labelledby="configuration-title" className="lg:col-span-2">
          <h2 id="configuration-title" className="mb-4 text-base font-semibold">
            Calendar Configuration
          </h2>
          <CalendarConfiguration userId={member.id} connections={connections} />
        </Card>
        {syncOptions ? (
          <Card aria-labelledby="sync-options-title" className="lg:col-span-2">
            <h2 id="sync-options-title" className="mb-4 text-base font-semibold">
              Sync with iCloud
            </h2>
            <SyncOptions userId={member.id} options={syncOptions} self={false} />
          </Card>
        ) : null}
        <Card aria-labelledby="audit-title" className="lg:col-span-2">
          <h2 id="audit-title" className="mb-3 text-base font-semibold">
            Calendar activity
          </h2>
          <AuditLog rows={audit} timeZone={member.timeZone} />
        </Card>
      </div>
    </>
  );
}
