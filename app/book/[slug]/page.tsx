import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BookingFlow } from "@/components/booking-page/booking-flow";
import { getPublicCalendar } from "@/lib/booking/public";

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const calendar = await getPublicCalendar((await params).slug);
  return { title: calendar ? `Book: ${calendar.name}` : "Booking" };
}

export default async function BookPage({ params }: { params: Promise<{ slug: string }> }) {
  const calendar = await getPublicCalendar((await params).slug);
  if (!calendar) notFound();
  return (
    <main className="mx-auto max-w-4xl px-4 py-8 sm:py-12">
      <header className="mb-8">
        <p className="text-sm font-medium text-brand-700">{calendar.organizationName}</p>
        <h1 className="mt-1 text-2xl font-semibold">{calendar.name}</h1>
        {calendar.description ? <p className="mt-2 text-sm text-slate-600">{calendar.description}</p> : null}
        {calendar.lengthLabel ? <p className="mt-1 text-sm text-slate-500">{calendar.lengthLabel}</p> : null}
      </header>
      <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
        <BookingFlow calendar={calendar} initialMonth={new Date().toISOString().slice(0, 7)} />
      </div>
    </main>
  );
}
