import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { WorkingHoursList } from "@/components/shell/working-hours-list";
import { requireStaff } from "@/lib/auth/session";
import { getStaffMember } from "@/lib/team/queries";

export const metadata: Metadata = { title: "Calendar" };

export default async function CalendarPage() {
  const actor = await requireStaff();
  const me = await getStaffMember({ organizationId: actor.organizationId, userId: actor.userId });
  return (
    <>
      <PageHeader title="Calendar" description="Your appointments and the busy time read from your iCloud calendars." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="grid-title">
          <h2 id="grid-title" className="text-base font-semibold">
            Day, week and month views
          </h2>
          <p className="mt-2 text-sm text-slate-600">
            Not built yet: the calendar grid with appointments and iCloud busy blocks comes with the booking and
            read-back work. Nothing here is hidden from you.
          </p>
        </Card>
        <Card aria-labelledby="hours-title">
          <h2 id="hours-title" className="mb-3 text-base font-semibold">
            Your working hours
          </h2>
          {me ? <WorkingHoursList hours={me.workingHours} timeZone={me.timeZone} /> : null}
        </Card>
      </div>
    </>
  );
}
