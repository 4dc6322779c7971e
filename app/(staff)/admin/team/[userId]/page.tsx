import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { WorkingHoursList } from "@/components/shell/working-hours-list";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { getStaffMember } from "@/lib/team/queries";

export const metadata: Metadata = { title: "Staff member" };

export default async function StaffMemberPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requireAdmin();
  const { userId } = await params;
  const member = await getStaffMember({ organizationId: actor.organizationId, userId });
  if (!member) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/team" className="text-brand-700 hover:underline">
          ← Team
        </Link>
      </p>
      <PageHeader title={member.name} description={`${member.email} · ${member.role === "ADMIN" ? "Admin" : "Staff"} · ${member.timeZone}`} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="connections-title">
          <h2 id="connections-title" className="text-base font-semibold">
            Calendar connections
          </h2>
          <p className="mt-2 text-sm text-slate-600">No calendar connections.</p>
        </Card>
        <Card aria-labelledby="hours-title">
          <h2 id="hours-title" className="mb-3 text-base font-semibold">
            Working hours
          </h2>
          <WorkingHoursList hours={member.workingHours} timeZone={member.timeZone} />
        </Card>
      </div>
    </>
  );
}
