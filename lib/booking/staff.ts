import { localDayInterval } from "@/lib/availability";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { usesICloud } from "./calendar-rules";
import { cancelAppointment } from "./cancel";
import { rescheduleAppointment } from "./reschedule";
import { findSlots } from "./slots";

// What staff may do with appointments: a member manages the appointments they are assigned to
// (for a class seat: the class they teach), an admin any in their organization. The domain's
// cancel and reschedule do no authorization of their own, so every entry point here checks first.

const person = { select: { id: true, name: true } } as const;
const include = {
  contact: { select: { name: true, email: true, phone: true } },
  bookingCalendar: true,
  service: { select: { id: true, name: true } },
  holds: { include: { user: person } },
  classOccurrence: { include: { holds: { include: { user: person } }, session: { select: { title: true } } } },
} satisfies Prisma.AppointmentInclude;

type Row = Prisma.AppointmentGetPayload<{ include: typeof include }>;

export interface StaffAppointment {
  id: string;
  status: "CONFIRMED" | "CANCELLED";
  start: Date;
  end: Date;
  cancelledAt: Date | null;
  contact: { name: string; email: string; phone: string | null };
  /** What the customer typed on the booking form (the contact is not overwritten by it). */
  customerName: string | null;
  customerPhone: string | null;
  notes: string;
  customerTimeZone: string;
  calendar: { id: string; name: string; slug: string; type: string };
  service: { id: string; name: string } | null;
  classTitle: string | null;
  staff: { id: string; name: string }[];
  /** Every booking calendar type but SIMPLE writes its appointments to iCloud. */
  usesICloud: boolean;
}

/**
 * Who an appointment is assigned to. A class seat has no holds of its own: its instructor is the
 * occurrence's hold. A confirmed appointment's members are its active holds; a reassigned
 * member's hold stays behind inactive at the old time. Cancelling deactivates every hold, so the
 * members of a cancelled appointment are the holds still at its time.
 */
function assignedStaff(row: Row): { id: string; name: string }[] {
  if (row.classOccurrence) return row.classOccurrence.holds.map((h) => h.user);
  const holds =
    row.status === "CONFIRMED"
      ? row.holds.filter((h) => h.active)
      : row.holds.filter((h) => h.startsAt.getTime() === row.startsAt.getTime() && h.endsAt.getTime() === row.endsAt.getTime());
  return holds.map((h) => h.user).sort((a, b) => a.name.localeCompare(b.name));
}

function toView(row: Row): StaffAppointment {
  const { bookingCalendar: calendar } = row;
  return {
    id: row.id,
    status: row.status,
    start: row.startsAt,
    end: row.endsAt,
    cancelledAt: row.cancelledAt,
    contact: row.contact,
    customerName: row.customerName,
    customerPhone: row.customerPhone,
    notes: row.notes,
    customerTimeZone: row.customerTimeZone,
    calendar: { id: calendar.id, name: calendar.name, slug: calendar.slug, type: calendar.type },
    service: row.service,
    classTitle: row.classOccurrence?.session.title ?? null,
    staff: assignedStaff(row),
    usesICloud: usesICloud(calendar.type),
  };
}

function canManage(actor: Actor, row: Row): boolean {
  return actor.role === "ADMIN" || assignedStaff(row).some((s) => s.id === actor.userId);
}

/** Another organization's appointment is NOT_FOUND, so ids can't be probed across tenants. */
async function loadManageable(actor: Actor, appointmentId: string): Promise<Row> {
  const row = await db.appointment.findFirst({ where: { id: appointmentId, organizationId: actor.organizationId }, include });
  if (!row) throw new AppError("NOT_FOUND", "This appointment does not exist.");
  if (!canManage(actor, row)) throw new AppError("FORBIDDEN", "This appointment is assigned to someone else.");
  return row;
}

async function reload(actor: Actor, appointmentId: string): Promise<StaffAppointment> {
  // No permission check: a reschedule may have handed the appointment to a colleague.
  const row = await db.appointment.findFirstOrThrow({ where: { id: appointmentId, organizationId: actor.organizationId }, include });
  return toView(row);
}

/**
 * Appointments overlapping [from, to), oldest first. Staff see their own (class seats of the
 * classes they teach included); admins see everyone's, or one member's with staffId.
 */
export async function listAppointments({
  actor,
  from,
  to,
  staffId,
}: {
  actor: Actor;
  from: Date;
  to: Date;
  staffId?: string;
}): Promise<StaffAppointment[]> {
  if (actor.role !== "ADMIN" && staffId && staffId !== actor.userId) {
    throw new AppError("FORBIDDEN", "Only administrators can see other staff members' appointments.");
  }
  const who = actor.role === "ADMIN" ? staffId : actor.userId;
  const rows = await db.appointment.findMany({
    where: {
      organizationId: actor.organizationId,
      startsAt: { lt: to },
      endsAt: { gt: from },
      // A coarse filter in SQL; assignedStaff() below decides exactly (reassigned, cancelled).
      ...(who ? { OR: [{ holds: { some: { userId: who } } }, { classOccurrence: { holds: { some: { userId: who } } } }] } : {}),
    },
    include,
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
  });
  const views = rows.map(toView);
  return who ? views.filter((a) => a.staff.some((s) => s.id === who)) : views;
}

export async function getAppointmentForStaff({ actor, appointmentId }: { actor: Actor; appointmentId: string }): Promise<StaffAppointment> {
  return toView(await loadManageable(actor, appointmentId));
}

/** Cancels under the same rules as the customer's cancel (not once started; twice is harmless). */
export async function cancelAppointmentAsStaff({
  actor,
  appointmentId,
  now,
}: {
  actor: Actor;
  appointmentId: string;
  now?: number;
}): Promise<StaffAppointment> {
  await loadManageable(actor, appointmentId);
  await cancelAppointment({ appointmentId, now, by: "staff", actorUserId: actor.userId });
  return reload(actor, appointmentId);
}

/**
 * Moves an appointment under the calendar's rules: the member keeps it when free, otherwise
 * round robin hands it to a free colleague (as for a customer's reschedule).
 */
export async function rescheduleAppointmentAsStaff({
  actor,
  appointmentId,
  start,
  now,
}: {
  actor: Actor;
  appointmentId: string;
  start: number;
  now?: number;
}): Promise<StaffAppointment> {
  await loadManageable(actor, appointmentId);
  await rescheduleAppointment({ appointmentId, start, now, by: "staff", actorUserId: actor.userId });
  return reload(actor, appointmentId);
}

export interface RescheduleTime {
  start: number;
  /** False when the assigned member is busy then and round robin would hand it to a colleague. */
  keepsStaff: boolean;
}

/**
 * The free start times on one local date (in the viewer's zone) that this appointment can move
 * to: the slots a customer would be offered, its own current time excluded from "busy".
 */
export async function listRescheduleTimes({
  actor,
  appointmentId,
  date,
  now = Date.now(),
}: {
  actor: Actor;
  appointmentId: string;
  /** "YYYY-MM-DD" */
  date: string;
  now?: number;
}): Promise<{ timeZone: string; times: RescheduleTime[] }> {
  const row = await loadManageable(actor, appointmentId);
  if (row.status === "CANCELLED") throw new AppError("CONFLICT", "This appointment was cancelled, so it can't be moved.");
  if (row.startsAt.getTime() <= now) throw new AppError("CONFLICT", "This appointment has already started, so it can't be moved.");
  const viewer = await db.user.findFirst({ where: { id: actor.userId, organizationId: actor.organizationId }, select: { timeZone: true } });
  const timeZone = viewer?.timeZone ?? "UTC";
  const slots = await findSlots(db, {
    calendar: row.bookingCalendar,
    range: localDayInterval(date, timeZone),
    now,
    serviceId: row.serviceId ?? undefined,
    excludeAppointmentId: row.id,
  });
  const current = assignedStaff(row).map((s) => s.id);
  return {
    timeZone,
    times: slots
      .filter((s) => s.start !== row.startsAt.getTime())
      .map((s) => ({ start: s.start, keepsStaff: current.every((id) => s.staffIds.includes(id)) })),
  };
}
