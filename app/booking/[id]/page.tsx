import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ManageBooking } from "@/components/booking-page/manage-booking";
import { getBookingForCustomer } from "@/lib/booking/customer";
import { getManageContext } from "@/lib/booking/public";
import { isAppError } from "@/lib/errors";
import { formatWhen } from "@/lib/time-format";

export const metadata: Metadata = { title: "Your booking", robots: { index: false } };

type Search = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/**
 * The customer's own address for their booking. `booked=1` is the confirmation right after
 * booking (it survives a reload, unlike state in the booking page); `rescheduled=1` confirms a
 * move. A wrong id or token answers not found, the same either way.
 */
export default async function ManageBookingPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Search>;
}) {
  const { id } = await params;
  const search = await searchParams;
  const token = one(search.token);
  let booking;
  try {
    booking = await getBookingForCustomer(id, token);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "GONE") return <ExpiredLink message={error.message} />;
    notFound();
  }
  const context = await getManageContext(id);
  if (!context) notFound();

  const cancelled = booking.status === "CANCELLED";
  const justBooked = !cancelled && one(search.booked) === "1";
  const rescheduled = !cancelled && !justBooked && one(search.rescheduled) === "1";
  const encodedToken = encodeURIComponent(token);
  const manageHref = `/booking/${booking.id}?token=${encodedToken}`;
  // The time in the address: a moved booking gets a new link, never a cached copy of the old time.
  const icsHref = `/api/public/bookings/${booking.id}/ics?token=${encodedToken}&v=${booking.start}`;
  const when = formatWhen(booking.start, booking.end, booking.timeZone);
  const linkClass = "rounded-md bg-white px-3.5 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50";

  return (
    <main className="mx-auto max-w-4xl px-4 py-8 sm:py-12">
      <header>
        <p className="text-sm font-medium text-brand-700">{context.organizationName}</p>
        <h1 className="mt-1 text-2xl font-semibold">{justBooked ? "You're booked" : "Your booking"}</h1>
      </header>
      <div className="mt-6 space-y-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
        {rescheduled ? (
          <div className="space-y-2 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900 ring-1 ring-green-200">
            <p>Rescheduled to {when}.</p>
            <p>
              Calendar apps keep the old time until you add the new one:{" "}
              <a href={icsHref} download className="font-medium underline">
                Add the new time to your calendar (.ics)
              </a>
            </p>
          </div>
        ) : null}
        <dl className="grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
          <dt className="text-slate-600">What</dt>
          <dd>{booking.serviceName ? `${booking.serviceName} · ${booking.calendar.name}` : booking.calendar.name}</dd>
          <dt className="text-slate-600">When</dt>
          <dd className={cancelled ? "line-through" : undefined}>{when}</dd>
          <dt className="text-slate-600">With</dt>
          <dd>{context.staff.map((s) => s.name).join(", ") || "—"}</dd>
          <dt className="text-slate-600">Status</dt>
          <dd role="status">{cancelled ? "Cancelled" : "Confirmed"}</dd>
        </dl>
        {cancelled ? (
          <p className="text-sm text-slate-600">
            This booking is cancelled.{" "}
            {context.bookingPageSlug ? (
              <>
                You can{" "}
                <Link href={`/book/${context.bookingPageSlug}`} className="font-medium text-brand-700 underline">
                  book a new time from the booking page
                </Link>
                .
              </>
            ) : (
              <>Its booking page is no longer available; to book again, contact {context.organizationName}.</>
            )}
          </p>
        ) : justBooked ? (
          <div className="space-y-3">
            <div className="flex flex-wrap gap-3">
              <a href={icsHref} download className={linkClass}>
                Add to calendar (.ics)
              </a>
              <Link href={manageHref} className="rounded-md px-3.5 py-2 text-sm font-medium text-brand-700 underline">
                Reschedule or cancel
              </Link>
            </div>
            <p className="text-xs text-slate-500">
              Keep this page&apos;s address (it is also in your confirmation email): it is the only way to change this booking without an
              account.
            </p>
          </div>
        ) : (
          <div className="space-y-4">
            {rescheduled ? null : (
              <a href={icsHref} download className={`inline-block ${linkClass}`}>
                Add to calendar (.ics)
              </a>
            )}
            <ManageBooking
              id={booking.id}
              token={token}
              slug={booking.calendar.slug}
              serviceId={booking.serviceId ?? undefined}
              timeZone={booking.timeZone}
              initialMonth={new Date().toISOString().slice(0, 7)}
              canReschedule={context.bookingPageSlug !== null}
            />
          </div>
        )}
      </div>
    </main>
  );
}

/** A right link whose appointment is long past: say so plainly, with nothing of the booking. */
function ExpiredLink({ message }: { message: string }) {
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">This link has expired</h1>
      <p className="mt-3 text-sm text-slate-600">{message}</p>
    </main>
  );
}
