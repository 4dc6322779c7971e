import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { WorkingHoursEditor } from "@/components/working-hours/working-hours-editor";
import { requireStaff } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Working Hours" };

export default async function WorkingHoursPage() {
  const actor = await requireStaff();
  return (
    <>
      <PageHeader
        title="Working Hours"
        description="When customers can book you. Appointments and, except on Simple calendars, your iCloud busy time are taken out of these hours."
      />
      <Card aria-labelledby="hours-title" className="p-4 sm:p-6">
        <h2 id="hours-title" className="sr-only">
          Your working hours
        </h2>
        <WorkingHoursEditor actor={actor} userId={actor.userId} />
      </Card>
    </>
  );
}
