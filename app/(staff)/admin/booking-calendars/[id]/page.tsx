import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CalendarForm } from "@/components/booking-calendars/calendar-form";
import { ClassSessionsEditor } from "@/components/booking-calendars/class-sessions-editor";
import { ArchiveCalendar, RestoreCalendar } from "@/components/booking-calendars/archive-calendar";
import { CopyLink } from "@/components/booking-calendars/copy-link";
import { ICloudBadge, ICloudNote } from "@/components/booking-calendars/icloud-note";
import { ServicesEditor } from "@/components/booking-calendars/services-editor";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { usesICloud } from "@/lib/booking/calendar-rules";
import { defaultTimeZoneFor, getBookingCalendarForEdit, icloudByType, listBookablePeople } from "@/lib/booking-calendars/queries";
import { formatDate } from "@/lib/time-format";
import { timeZoneOptions } from "@/lib/time-format";
import { TYPE_LABELS } from "@/lib/ui/format";

export const metadata: Metadata = { title: "Booking calendar" };

function typeNotes(view: { appointmentCount: number; services: unknown[]; classSessions: unknown[] }) {
  const n = view.appointmentCount;
  return {
    locked: n > 0 ? `This calendar has ${n} appointment${n === 1 ? "" : "s"}, so its type can't change.` : undefined,
    warning: view.services.length
      ? "Changing the type removes this calendar's services."
      : view.classSessions.length
        ? "Changing the type removes this calendar's classes."
        : undefined,
  };
}

export default async function BookingCalendarPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await requireAdmin();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [view, people, adminZone] = await Promise.all([
    getBookingCalendarForEdit({ actor, bookingCalendarId: id }),
    listBookablePeople({ actor }),
    defaultTimeZoneFor(actor),
  ]);
  if (!view) notFound();
  const { type, name, slug, timeZone } = view.values;
  const syncs = usesICloud(type);
  const notes = typeNotes(view);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/booking-calendars" className="text-brand-700 hover:underline">
          ← Booking calendars
        </Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-x-4">
        <PageHeader title={name} description={TYPE_LABELS[type]} />
        <ICloudBadge syncs={syncs} />
      </div>
      {view.archivedAt ? (
        <div role="status" className="-mt-2 mb-6 space-y-3 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-200">
          <p>
            Archived on {formatDate(view.archivedAt, adminZone)}. Customers can&apos;t find or book it at /book/{slug}; its{" "}
            {view.appointmentCount === 1 ? "appointment is" : `${view.appointmentCount} appointments are`} kept.
          </p>
          <RestoreCalendar bookingCalendarId={view.id} name={name} />
        </div>
      ) : (
        <CopyLink slug={slug} className="-mt-4 mb-3 text-sm" />
      )}
      <ICloudNote syncs={syncs} className="mb-6 text-sm" />
      {query.restored && !view.archivedAt ? (
        <p role="status" className="mb-6 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
          Restored: customers can book it again at /book/{slug}.
        </p>
      ) : null}
      {query.created ? (
        <p role="status" className="mb-6 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
          Created. Customers can book it at /book/{slug}
          {type === "SERVICE" ? " once you add a service below." : type === "CLASS" ? " once you add a class below." : "."}
        </p>
      ) : null}
      <div className="space-y-6">
        {type === "SERVICE" ? (
          <Card aria-labelledby="services-title">
            <h2 id="services-title" className="mb-4 text-base font-semibold">
              Services
            </h2>
            <ServicesEditor bookingCalendarId={view.id} services={view.services} people={people} />
          </Card>
        ) : null}
        {type === "CLASS" ? (
          <Card aria-labelledby="classes-title">
            <h2 id="classes-title" className="mb-4 text-base font-semibold">
              Classes
            </h2>
            <ClassSessionsEditor bookingCalendarId={view.id} sessions={view.classSessions} people={people} timeZone={timeZone} />
          </Card>
        ) : null}
        <Card aria-labelledby="settings-title">
          <h2 id="settings-title" className="mb-4 text-base font-semibold">
            Settings
          </h2>
          <CalendarForm
            bookingCalendarId={view.id}
            values={view.values}
            members={view.members}
            people={people}
            timeZones={timeZoneOptions(timeZone)}
            icloudByType={icloudByType()}
            typeLockedReason={notes.locked}
            typeChangeWarning={notes.warning}
          />
        </Card>
        {view.archivedAt ? null : (
          <Card aria-labelledby="archive-title">
            <h2 id="archive-title" className="mb-2 text-base font-semibold">
              Archive this calendar
            </h2>
            <ArchiveCalendar bookingCalendarId={view.id} name={name} slug={slug} upcoming={view.upcomingAppointmentCount} />
          </Card>
        )}
      </div>
    </>
  );
}
