import Link from "next/link";

/** Shown on every staff page while the user's iCloud connection needs a new password. */
export function ReauthBanner() {
  return (
    <div role="alert" className="border-b border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 md:px-10">
      Your iCloud connection needs a new app-specific password. Until then your iCloud events can&apos;t block bookings and appointments
      aren&apos;t written to iCloud.{" "}
      <Link href="/settings/profile/calendars" className="font-semibold underline">
        Reconnect
      </Link>
    </div>
  );
}

/** Shown while stale or unread iCloud data keeps the user out of iCloud-enabled bookings. */
export function StaleICloudBanner({ message }: { message: string }) {
  return (
    <div role="alert" className="border-b border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 md:px-10">
      You are not offered for bookings that check iCloud: {message} Customers book your colleagues meanwhile.{" "}
      <Link href="/settings/profile/calendars" className="font-semibold underline">
        Calendar Settings
      </Link>
    </div>
  );
}
