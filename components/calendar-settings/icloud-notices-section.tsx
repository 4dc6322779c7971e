import type { Actor } from "@/lib/auth/session";
import { listICloudNotices } from "@/lib/sync/two-way/notices";
import { formatDateTime } from "@/lib/ui/format";
import { ICloudNotices } from "./icloud-notices";

/** The banner of undone iCloud changes for the signed-in member (server part). */
export async function ICloudNoticesSection({ actor, timeZone }: { actor: Actor; timeZone: string }) {
  const notices = await listICloudNotices(actor);
  return (
    <ICloudNotices
      notices={notices.map((n) => ({
        id: n.id,
        detail: n.detail,
        createdAt: n.createdAt.toISOString(),
        when: formatDateTime(n.createdAt, timeZone),
        appointmentId: n.appointmentId,
      }))}
    />
  );
}
