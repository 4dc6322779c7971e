/** For customers: an unknown or retired booking address. No staff links; they have nothing to do there. */
export default function BookingPageNotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">This booking page isn&apos;t available</h1>
      <p className="mt-3 text-sm text-slate-600">
        The address may be mistyped, or the business no longer takes bookings here. Check the link you were given, or ask the business for
        its current booking link.
      </p>
    </main>
  );
}
