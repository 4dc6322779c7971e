import type { Metadata } from "next";
import { ICloudNoticesSection } from "@/components/calendar-settings/icloud-notices-section";
import { StaffCalendar } from "@/components/calendar-view/staff-calendar";
import { parseDate, parseView } from "@/components/calendar-view/views";
import { WorkingHoursList } from "@/components/shell/working-hours-list";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { blockTimeAction, deleteBlockedTimeAction, updateBlockedTimeAction } from "@/components/calendar-view/actions";
import { getStaffMember, listStaff } from "@/lib/team/queries";

export const metadata: Metadata = { title: "Calendar" };

export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireStaff();
  const isAdmin = actor.role === "ADMIN";
  const [me, staff, params] = await Promise.all([
    getStaffMember({ organizationId: actor.organizationId, userId: actor.userId }),
    isAdmin ? listStaff({ organizationId: actor.organizationId }) : null,
    searchParams,
  ]);
  return (
    <>
      <PageHeader
        title="Calendar"
        description="Appointments booked in the CRM, time blocked off, and the busy time read from iCloud calendars. Open an appointment or blocked time to change it; iCloud events are read-only here."
      />
      <ICloudNoticesSection actor={actor} timeZone={me?.timeZone ?? "UTC"} />
      <div className="space-y-6">
        <Card aria-label="Calendar" className="p-3 sm:p-6">
          <StaffCalendar
            me={{ id: actor.userId, name: actor.name, timeZone: me?.timeZone ?? "UTC" }}
            team={staff?.map((s) => ({ id: s.id, name: s.name, timeZone: s.timeZone })) ?? null}
            blockedTimeActions={{ create: blockTimeAction, update: updateBlockedTimeAction, remove: deleteBlockedTimeAction }}
            initial={{ view: parseView(params.view), date: parseDate(params.date), show: params.show }}
          />
        </Card>
        {me ? (
          <Card aria-labelledby="hours-title" className="max-w-xl">
            <h2 id="hours-title" className="mb-3 text-base font-semibold">
              Your working hours
            </h2>
            <WorkingHoursList hours={me.workingHours} timeZone={me.timeZone} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
