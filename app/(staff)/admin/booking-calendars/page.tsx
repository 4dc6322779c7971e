import type { Metadata } from "next";
import Link from "next/link";
import { ICloudBadge } from "@/components/booking-calendars/icloud-note";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { usesICloud } from "@/lib/booking/calendar-rules";
import { listBookingCalendars } from "@/lib/booking/queries";
import { TYPE_LABELS } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Booking calendars" };

export default async function BookingCalendarsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdmin();
  const [calendars, params] = await Promise.all([listBookingCalendars({ organizationId: actor.organizationId }), searchParams]);
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-x-4">
        <PageHeader title="Booking calendars" description="What customers book at /book/<link>. iCloud applies to every type except Simple." />
        <Button asChild className="mb-6">
          <Link href="/admin/booking-calendars/new">New booking calendar</Link>
        </Button>
      </div>
      {params.deleted ? (
        <p role="status" className="mb-6 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
          The booking calendar was deleted.
        </p>
      ) : null}
      {calendars.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">No booking calendars yet. Create one to let customers book.</p>
        </Card>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2">
          {calendars.map((calendar) => (
            <li key={calendar.id}>
              <Card className="h-full">
                <div className="flex items-start justify-between gap-4">
                  <div className="min-w-0">
                    <h2 className="text-base font-semibold">
                      <Link href={`/admin/booking-calendars/${calendar.id}`} className="text-brand-700 hover:underline">
                        {calendar.name}
                      </Link>
                    </h2>
                    <p className="text-sm text-slate-600">
                      {TYPE_LABELS[calendar.type]} · {calendar.durationMinutes} min ·{" "}
                      <span className="break-all sm:whitespace-nowrap">/book/{calendar.slug}</span>
                    </p>
                  </div>
                  <ICloudBadge syncs={usesICloud(calendar.type)} />
                </div>
                {!usesICloud(calendar.type) ? (
                  <p className="mt-2 text-xs text-slate-500">Simple calendars don&apos;t sync with iCloud.</p>
                ) : null}
                <p className="mt-3 text-sm">
                  <span className="text-slate-600">Members: </span>
                  {calendar.members.map((m) => m.user.name).join(", ") || "none"}
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
