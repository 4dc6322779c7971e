import type { Metadata } from "next";
import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { connectionStatusText } from "@/components/calendar-settings/status-badge";
import { connectionStatusesByUser, iCloudBlockersByUser } from "@/lib/connections/queries";
import type { ICloudBlocker } from "@/lib/icloud-state/freshness";
import { listStaff } from "@/lib/team/queries";
import { formatDateTime } from "@/lib/ui/format";
import { InviteForm } from "@/components/team/invite-form";
import { PendingInvitations } from "@/components/team/pending-invitations";
import { db } from "@/lib/db";
import { listPendingInvitations } from "@/lib/team/invitations";
import { timeZoneOptions } from "@/lib/time-format";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const actor = await requireAdmin();
  const [staff, statuses, blockers, invitations, me] = await Promise.all([
    listStaff({ organizationId: actor.organizationId }),
    connectionStatusesByUser({ organizationId: actor.organizationId }),
    iCloudBlockersByUser({ organizationId: actor.organizationId }),
    listPendingInvitations({ actor }),
    db.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { timeZone: true } }),
  ]);
  return (
    <>
      <PageHeader title="Team" description="Everyone in your organization, their role, time zone and last sign-in." />
      <Card className="overflow-x-auto p-0">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Staff members</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wider text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3">
                Name
              </th>
              <th scope="col" className="px-4 py-3">
                Role
              </th>
              <th scope="col" className="px-4 py-3">
                Time zone
              </th>
              <th scope="col" className="px-4 py-3">
                iCloud
              </th>
              <th scope="col" className="px-4 py-3">
                Last sign-in
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {staff.map((member) => (
              <tr key={member.id}>
                <td className="px-4 py-3">
                  <Link href={`/admin/team/${member.id}`} className="font-medium text-brand-700 hover:underline">
                    {member.name}
                  </Link>
                  <div className="text-xs text-slate-500">{member.email}</div>
                </td>
                <td className="px-4 py-3">
                  {member.role === "ADMIN" ? "Admin" : "Staff"}
                  {member.deactivatedAt ? (
                    <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700">Deactivated</span>
                  ) : null}
                </td>
                <td className="px-4 py-3">{member.timeZone}</td>
                <td className="px-4 py-3">
                  <ICloudStatus statuses={statuses.get(member.id) ?? []} blocker={blockers.get(member.id)} />
                </td>
                <td className="px-4 py-3 text-slate-600">
                  {member.lastSignInAt ? formatDateTime(member.lastSignInAt, member.timeZone) : "Never"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="invite-title">
          <h2 id="invite-title" className="mb-4 text-base font-semibold">
            Invite team member
          </h2>
          <InviteForm timeZones={timeZoneOptions(me.timeZone)} defaultTimeZone={me.timeZone} />
        </Card>
        <Card aria-labelledby="invitations-title">
          <h2 id="invitations-title" className="mb-2 text-base font-semibold">
            Pending invitations
          </h2>
          <PendingInvitations
            timeZone={me.timeZone}
            invitations={invitations.map((i) => ({
              id: i.id,
              name: i.name,
              email: i.email,
              role: i.role,
              expiresAt: i.expiresAt.getTime(),
              expired: i.expired,
            }))}
          />
        </Card>
      </div>
    </>
  );
}

function ICloudStatus({ statuses, blocker }: { statuses: ("ACTIVE" | "NEEDS_REAUTH" | "ERROR")[]; blocker?: ICloudBlocker }) {
  if (statuses.length === 0) return <span className="text-slate-500">Not connected</span>;
  if (blocker && blocker.reason !== "NEEDS_REAUTH") {
    return (
      <span className="text-amber-800" title={blocker.message}>
        <span aria-hidden>⚠</span> Not bookable:{" "}
        {blocker.reason === "STALE"
          ? "iCloud data too old"
          : blocker.reason === "UNREADABLE"
            ? "an iCloud event could not be read"
            : "iCloud not read yet"}
      </span>
    );
  }
  if (statuses.includes("NEEDS_REAUTH")) {
    return (
      <span className="inline-flex items-center gap-1 font-medium text-amber-800">
        <span aria-hidden>⚠</span> Needs reconnect
      </span>
    );
  }
  return <span>{connectionStatusText(statuses.includes("ERROR") ? "ERROR" : "ACTIVE")}</span>;
}
