import { signManageToken } from "./manage-token";
import type { Db } from "@/lib/db";

export interface BookingResult {
  id: string;
  start: number;
  end: number;
  status: "CONFIRMED" | "CANCELLED";
  timeZone: string;
  staff: { id: string; name: string }[];
  manageToken: string;
  calendar: { slug: string; name: string; type: string };
  serviceId: string | null;
  serviceName: string | null;
}

/** The booking as its customer may see it: staff names, never other customers or titles. */
export async function loadBookingResult(client: Db, appointmentId: string): Promise<BookingResult | null> {
  const a = await client.appointment.findUnique({
    where: { id: appointmentId },
    include: {
      bookingCalendar: { select: { slug: true, name: true, type: true } },
      service: { select: { name: true } },
      holds: { where: { active: true }, include: { user: { select: { id: true, name: true } } } },
      classOccurrence: { include: { holds: { where: { active: true }, include: { user: { select: { id: true, name: true } } } } } },
    },
  });
  if (!a) return null;
  const holds = a.holds.length ? a.holds : (a.classOccurrence?.holds ?? []);
  return {
    id: a.id,
    start: a.startsAt.getTime(),
    end: a.endsAt.getTime(),
    status: a.status,
    timeZone: a.customerTimeZone,
    staff: holds.map((h) => ({ id: h.user.id, name: h.user.name })).sort((x, y) => x.name.localeCompare(y.name)),
    manageToken: await signManageToken(a.id, client),
    calendar: a.bookingCalendar,
    serviceId: a.serviceId,
    serviceName: a.service?.name ?? null,
  };
}
