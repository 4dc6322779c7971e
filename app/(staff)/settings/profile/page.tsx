import type { Metadata } from "next";
import { NotificationPreferencesForm } from "@/components/profile/notification-preferences-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/lib/auth/session";
import { getNotificationPreferences } from "@/lib/team/notification-preferences";

export const metadata: Metadata = { title: "My Profile" };

export default async function ProfilePage() {
  const actor = await requireStaff();
  const preferences = await getNotificationPreferences(actor);
  return (
    <>
      <PageHeader title="My Profile" description={`${actor.name} · ${actor.email}`} />
      <Card aria-labelledby="notifications-title" className="max-w-2xl">
        <h2 id="notifications-title" className="mb-4 text-base font-semibold">
          Email notifications
        </h2>
        <NotificationPreferencesForm initial={preferences} />
      </Card>
    </>
  );
}
