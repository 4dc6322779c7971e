import type { Metadata } from "next";
import Link from "next/link";
import { CalendarForm } from "@/components/booking-calendars/calendar-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { newCalendarValues } from "@/lib/booking-calendars/form-values";
import { defaultTimeZoneFor, icloudByType, listBookablePeople } from "@/lib/booking-calendars/queries";
import { timeZoneOptions } from "@/lib/time-format";

export const metadata: Metadata = { title: "New booking calendar" };

export default async function NewBookingCalendarPage() {
  const actor = await requireAdmin();
  const [people, timeZone] = await Promise.all([listBookablePeople({ actor }), defaultTimeZoneFor(actor)]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/booking-calendars" className="text-brand-700 hover:underline">
          ← Booking calendars
        </Link>
      </p>
      <PageHeader
        title="New booking calendar"
        description="Choose what customers book. iCloud applies to every type except Simple; services and classes are added after creating."
      />
      <Card>
        <CalendarForm
          values={newCalendarValues(timeZone)}
          members={[]}
          people={people}
          timeZones={timeZoneOptions(timeZone)}
          icloudByType={icloudByType()}
        />
      </Card>
    </>
  );
}
