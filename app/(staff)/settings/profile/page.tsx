import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/profile/change-password-form";
import { NotificationPreferencesForm } from "@/components/profile/notification-preferences-form";
import { ProfileForm } from "@/components/profile/profile-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { getProfile } from "@/lib/team/account";
import { getNotificationPreferences } from "@/lib/team/notification-preferences";
import { timeZoneOptions } from "@/lib/time-format";

export const metadata: Metadata = { title: "My Profile" };

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const actor = await requireStaff();
  const { password } = await searchParams;
  const [preferences, profile] = await Promise.all([getNotificationPreferences(actor), getProfile(actor)]);
  return (
    <>
      <PageHeader title="My Profile" description={`${actor.name} · ${actor.email}`} />
      {password === "changed" ? (
        <p role="status" className="mb-6 max-w-5xl rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
          Password changed. You were signed out everywhere else.
        </p>
      ) : null}
      <div className="grid max-w-5xl gap-6 lg:grid-cols-2">
        <Card aria-labelledby="profile-title">
          <h2 id="profile-title" className="mb-4 text-base font-semibold">
            Name and time zone
          </h2>
          <ProfileForm initial={{ name: profile.name, timeZone: profile.timeZone }} timeZones={timeZoneOptions(profile.timeZone)} />
        </Card>
        <Card aria-labelledby="password-title">
          <h2 id="password-title" className="mb-4 text-base font-semibold">
            Change password
          </h2>
          <ChangePasswordForm email={profile.email} />
        </Card>
        <Card aria-labelledby="notifications-title" className="lg:col-span-2">
          <h2 id="notifications-title" className="mb-4 text-base font-semibold">
            Email notifications
          </h2>
          <NotificationPreferencesForm initial={preferences} />
        </Card>
      </div>
    </>
  );
}
