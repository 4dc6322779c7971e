import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listBookingCalendars, usesICloud } from "@/lib/booking/queries";
import { TYPE_LABELS } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Booking calendars" };

export default async function BookingCalendarsPage() {
  const actor = await requireAdmin();
  const calendars = await listBookingCalendars({ organizationId: actor.organizationId });
  return (
    <>
      <PageHeader
        title="Booking calendars"
        description="What customers book. Creating and editing them comes with the booking work; these are the calendars that exist."
      />
      <ul className="grid gap-4 lg:grid-cols-2">
        {calendars.map((calendar) => (
          <li key={calendar.id}>
            <Card>
              <div className="flex items-start justify-between gap-4">
                <div>
                  <h2 className="text-base font-semibold">{calendar.name}</h2>
                  <p className="text-sm text-slate-600">
                    {TYPE_LABELS[calendar.type]} · {calendar.durationMinutes} min · /book/{calendar.slug}
                  </p>
                </div>
                <span
                  className={
                    usesICloud(calendar.type)
                      ? "rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700"
                      : "rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600"
                  }
                >
                  {usesICloud(calendar.type) ? "Syncs with iCloud" : "No iCloud sync"}
                </span>
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
    </>
  );
}
