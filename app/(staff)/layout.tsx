import { signOutAction } from "@/components/shell/actions";
import { NavLinks, type NavItem } from "@/components/shell/nav-links";
import { StaffNav } from "@/components/shell/staff-nav";
import { Button } from "@/components/ui/button";
import { ReauthBanner, StaleICloudBanner } from "@/components/shell/reauth-banner";
import { requireStaff } from "@/lib/auth/session";
import { iCloudBlockerFor } from "@/lib/connections/queries";
import { EmailNotConfiguredBanner } from "@/components/email-log/not-configured-banner";
import { emailConfigured } from "@/lib/email/transport";
import { env } from "@/lib/env";

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireStaff();
  const blocker = await iCloudBlockerFor({ organizationId: actor.organizationId, userId: actor.userId });
  const items: NavItem[] = [
    { href: "/calendar", label: "Calendar" },
    { href: "/appointments", label: "Appointments" },
    { href: "/settings/profile", label: "My Profile", section: "Settings" },
    { href: "/settings/profile/calendars", label: "Calendar Settings" },
    { href: "/settings/profile/hours", label: "Working Hours" },
  ];
  if (actor.role === "ADMIN") {
    items.push(
      { href: "/admin/team", label: "Team", section: "Admin" },
      { href: "/admin/booking-calendars", label: "Booking calendars" },
      { href: "/admin/emails", label: "Email log" },
    );
  }
  return (
    <div className="min-h-dvh md:grid md:grid-cols-[15rem_minmax(0,1fr)]">
      {/* From md up the sidebar keeps the viewport's height, so Sign out is always in view. */}
      <aside className="border-b border-slate-200 bg-white md:sticky md:top-0 md:h-dvh md:border-r md:border-b-0">
        <StaffNav>
          <NavLinks items={items} />
          <div className="mt-auto border-t border-slate-200 pt-4">
            <p className="truncate px-3 text-sm font-medium text-slate-900">{actor.name}</p>
            <p className="truncate px-3 text-xs text-slate-500">
              {actor.email} · {actor.role === "ADMIN" ? "Admin" : "Staff"}
            </p>
            <form action={signOutAction} className="mt-3 px-3">
              <Button type="submit" variant="secondary" className="w-full">
                Sign out
              </Button>
            </form>
          </div>
        </StaffNav>
      </aside>
      <div className="min-w-0">
        {actor.role === "ADMIN" && !emailConfigured() ? <EmailNotConfiguredBanner production={env.NODE_ENV === "production"} /> : null}
        {blocker?.reason === "NEEDS_REAUTH" ? <ReauthBanner /> : null}
        {blocker && blocker.reason !== "NEEDS_REAUTH" ? <StaleICloudBanner message={blocker.message} /> : null}
        <main className="px-4 py-8 md:px-10">{children}</main>
      </div>
    </div>
  );
}
