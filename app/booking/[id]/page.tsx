import type { Metadata } from "next";
import { ManageBooking } from "@/components/booking-page/manage-booking";
import { getBookingForCustomer } from "@/lib/booking/customer";
import { isAppError } from "@/lib/errors";
import { formatWhen } from "@/lib/time-format";

export const metadata: Metadata = { title: "Your booking", robots: { index: false } };

export default async function ManageBookingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ token?: string }> }) {
  const { id } = await params;
  const { token = "" } = await searchParams;
  let booking;
  try {
    booking = await getBookingForCustomer(id, token);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <main className="mx-auto max-w-md px-4 py-24 text-center">
        <h1 className="text-xl font-semibold">This link doesn&apos;t open a booking</h1>
        <p className="mt-2 text-sm text-slate-600">Use the link from your confirmation exactly as it was given.</p>
      </main>
    );
  }
  const cancelled = booking.status === "CANCELLED";
  return (
    <main className="mx-auto max-w-4xl px-4 py-8 sm:py-12">
      <h1 className="text-2xl font-semibold">Your booking</h1>
      <div className="mt-6 space-y-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
        <dl className="grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
          <dt className="text-slate-600">What</dt>
          <dd>{booking.serviceName ? `${booking.serviceName} · ${booking.calendar.name}` : booking.calendar.name}</dd>
          <dt className="text-slate-600">When</dt>
          <dd className={cancelled ? "line-through" : undefined}>
            {formatWhen(booking.start, booking.end, booking.timeZone)}
          </dd>
          <dt className="text-slate-600">With</dt>
          <dd>{booking.staff.map((s) => s.name).join(", ") || "—"}</dd>
          <dt className="text-slate-600">Status</dt>
          <dd role="status">{cancelled ? "Cancelled" : "Confirmed"}</dd>
        </dl>
        {cancelled ? (
          <p className="text-sm text-slate-600">This booking is cancelled. You can book a new time from the booking page.</p>
        ) : (
          <ManageBooking
            id={booking.id}
            token={token}
            slug={booking.calendar.slug}
            serviceId={booking.serviceId ?? undefined}
            timeZone={booking.timeZone}
            initialMonth={new Date().toISOString().slice(0, 7)}
          />
        )}
      </div>
    </main>
  );
}
