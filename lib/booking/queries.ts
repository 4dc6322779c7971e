import { db } from "@/lib/db";

/** iCloud applies to every booking calendar type except SIMPLE (ARCHITECTURE.md). */
export function usesICloud(type: string): boolean {
  return type !== "SIMPLE";
}

export function listBookingCalendars({ organizationId }: { organizationId: string }) {
  return db.bookingCalendar.findMany({
    where: { organizationId },
    orderBy: { name: "asc" },
    include: {
      members: { orderBy: { priority: "desc" }, include: { user: { select: { id: true, name: true } } } },
    },
  });
}
