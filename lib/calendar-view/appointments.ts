import { usesICloud } from "@/lib/booking/calendar-rules";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { pushStatesForHolds, type MemberPushState } from "@/lib/sync/push/status";
import type { AppointmentItem, ICloudSyncState, ViewedMember } from "./types";

// A member's time is what their active holds say: one hold per assigned member of an appointment,
// one per class occurrence (its instructor). Cancelling deactivates holds, and a reassigned
// member's hold goes inactive, so active holds are exactly what is on each member's calendar.

const holdSelect = {
  id: true,
  userId: true,
  startsAt: true,
  endsAt: true,
  appointment: {
    select: {
      id: true,
      status: true,
      bookingCalendar: { select: { name: true, type: true } },
      service: { select: { name: true } },
      contact: { select: { name: true } },
    },
  },
  classOccurrence: {
    select: {
      id: true,
      seatsTaken: true,
      capacity: true,
      session: { select: { title: true, bookingCalendar: { select: { name: true, type: true } } } },
      appointments: { where: { status: "CONFIRMED" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 1, select: { id: true } },
    },
  },
} satisfies Prisma.StaffHoldSelect;

type HoldRow = Prisma.StaffHoldGetPayload<{ select: typeof holdSelect }>;

export async function listAppointmentItems({
  organizationId,
  members,
  start,
  end,
}: {
  organizationId: string;
  members: ViewedMember[];
  start: Date;
  end: Date;
}): Promise<AppointmentItem[]> {
  if (members.length === 0) return [];
  const names = new Map(members.map((m) => [m.id, m.name]));
  const holds = await db.staffHold.findMany({
    where: {
      organizationId,
      userId: { in: [...names.keys()] },
      active: true,
      startsAt: { lt: end },
      endsAt: { gt: start },
      OR: [{ appointment: { status: "CONFIRMED" } }, { classOccurrenceId: { not: null } }],
    },
    select: holdSelect,
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
  // The same per-member states and words as the appointment page, so the two can't disagree.
  const states = await pushStatesForHolds({
    organizationId,
    holds: holds.flatMap((h): { userId: string; appointmentId: string | null; classOccurrenceId: string | null }[] =>
      h.appointment
        ? [{ userId: h.userId, appointmentId: h.appointment.id, classOccurrenceId: null }]
        : h.classOccurrence
          ? [{ userId: h.userId, appointmentId: null, classOccurrenceId: h.classOccurrence.id }]
          : [],
    ),
  });
  return holds.flatMap((hold) => {
    const item = toItem(hold, names.get(hold.userId) ?? "", states);
    return item ? [item] : [];
  });
}

function toItem(hold: HoldRow, staffName: string, states: Map<string, MemberPushState>): AppointmentItem | null {
  const base = { id: hold.id, staff: { id: hold.userId, name: staffName }, start: hold.startsAt, end: hold.endsAt };
  const { appointment, classOccurrence: occurrence } = hold;
  if (appointment) {
    return {
      ...base,
      kind: "appointment",
      calendarName: appointment.bookingCalendar.name,
      serviceName: appointment.service?.name ?? null,
      customerName: appointment.contact.name,
      classTitle: null,
      seatsBooked: null,
      capacity: null,
      href: `/appointments/${appointment.id}`,
      iCloud: syncState(appointment.bookingCalendar.type, states.get(`a:${appointment.id}:${hold.userId}`)),
    };
  }
  if (occurrence) {
    const first = occurrence.appointments[0];
    return {
      ...base,
      kind: "class",
      calendarName: occurrence.session.bookingCalendar.name,
      serviceName: null,
      customerName: null,
      classTitle: occurrence.session.title,
      seatsBooked: occurrence.seatsTaken,
      capacity: occurrence.capacity,
      href: first ? `/appointments/${first.id}` : null,
      iCloud: syncState(occurrence.session.bookingCalendar.type, states.get(`c:${occurrence.id}:${hold.userId}`)),
    };
  }
  return null;
}

function syncState(calendarType: string, state: MemberPushState | undefined): ICloudSyncState | null {
  if (!usesICloud(calendarType) || !state) return null;
  return { state: state.state, label: state.label };
}
