import { db } from "@/lib/db";
export { usesICloud } from "./calendar-rules";

export function listBookingCalendars({ organizationId }: { organizationId: string }) {
  return db.bookingCalendar.findMany({
    where: { organizationId },
    orderBy: { name: "asc" },
    include: {
      members: { orderBy: { priority: "desc" }, include: { user: { select: { id: true, name: true } } } },
    },
  });
}
