/** For customers: a manage link that opens no booking (wrong id or token). No staff links. */
export default function ManageLinkNotFound() {
  return (
    <main className="mx-auto max-w-md px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">This link doesn&apos;t open a booking</h1>
      <p className="mt-3 text-sm text-slate-600">
        Use the link from your confirmation email exactly as it was given: a link that was cut short or changed can&apos;t be opened. If you
        still can&apos;t find your booking, contact the business you booked with.
      </p>
    </main>
  );
}
