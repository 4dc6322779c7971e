import type { Metadata } from "next";
import Link from "next/link";
import { RestoreCalendar } from "@/components/booking-calendars/archive-calendar";
import { CopyLink } from "@/components/booking-calendars/copy-link";
import { ICloudBadge } from "@/components/booking-calendars/icloud-note";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { usesICloud } from "@/lib/booking/calendar-rules";
import { defaultTimeZoneFor, listBookingCalendarsForAdmin } from "@/lib/booking-calendars/queries";
import { plural } from "@/lib/booking-calendars/access";
import { formatDate } from "@/lib/time-format";
import { TYPE_LABELS } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Booking calendars" };

export default async function BookingCalendarsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdmin();
  const [{ live, archived }, timeZone, params] = await Promise.all([
    listBookingCalendarsForAdmin({ actor }),
    defaultTimeZoneFor(actor),
    searchParams,
  ]);
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-x-4">
        <PageHeader
          title="Booking calendars"
          description="What customers book at /book/<link>. iCloud applies to every type except Simple."
        />
        <Button asChild className="mb-6">
          <Link href="/admin/booking-calendars/new">New booking calendar</Link>
        </Button>
      </div>
      {params.archived ? (
        <p role="status" className="mb-6 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
          The booking calendar was archived. Its appointments are kept; restore it below at any time.
        </p>
      ) : null}
      {live.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">No booking calendars yet. Create one to let customers book.</p>
        </Card>
      ) : (
        <ul className="grid gap-4 lg:grid-cols-2">
          {live.map((calendar) => (
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
                      {TYPE_LABELS[calendar.type]} · {calendar.durationMinutes} min
                    </p>
                  </div>
                  <ICloudBadge syncs={usesICloud(calendar.type)} />
                </div>
                <CopyLink slug={calendar.slug} className="mt-2 text-sm" />
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
      {archived.length > 0 ? (
        <section aria-labelledby="archived-title" className="mt-10">
          <h2 id="archived-title" className="text-lg font-semibold text-slate-900">
            Archived
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-600">
            Customers can&apos;t find or book these; their appointments are kept and their links stay reserved.
          </p>
          <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
            {archived.map((calendar) => (
              <li
                key={calendar.id}
                aria-label={calendar.name}
                className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3"
              >
                <div className="min-w-0">
                  <p className="text-sm font-medium">
                    <Link href={`/admin/booking-calendars/${calendar.id}`} className="text-brand-700 hover:underline">
                      {calendar.name}
                    </Link>
                  </p>
                  <p className="text-xs break-words text-slate-600">
                    {TYPE_LABELS[calendar.type]} · /book/{calendar.slug} · archived {formatDate(calendar.archivedAt!, timeZone)} ·{" "}
                    {plural(calendar._count.appointments, "appointment")} kept
                  </p>
                </div>
                <RestoreCalendar bookingCalendarId={calendar.id} name={calendar.name} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
