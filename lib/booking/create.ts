import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { contactForBooking, typedCustomer } from "./contact";
import type { BookingCalendar } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { queueAppointmentNotifications } from "@/lib/booking/notifications";
import { enqueueAppointmentPush } from "@/lib/jobs/push";
import { refreshStaleBusyTime } from "./busy-time-refresh";
import { usesICloud } from "./calendar-rules";
import { bookClassSeat } from "./class-booking";
import { candidateOrder } from "./candidates";
import { isOverlapViolation, isUniqueViolation } from "@/lib/db-errors";
import { lockForBooking } from "./locks";
import { loadBookingResult, type BookingResult } from "./result";
import { bookableStaff, findSlots } from "./slots";

export interface CustomerDetails {
  name: string;
  email: string;
  phone?: string;
  notes?: string;
}

export interface CreateBookingInput {
  slug: string;
  start: number;
  timeZone: string;
  customer: CustomerDetails;
  serviceId?: string;
  idempotencyKey?: string;
  /** Set by createBooking from the request: stored with the key. */
  idempotencyRequestHash?: string;
  now?: number;
}

export const SLOT_TAKEN = "That time is no longer available. Please choose another.";

class SlotTaken extends Error {}

/**
 * Books a slot. Availability is re-checked inside the transaction that writes the booking,
 * under per-staff locks, and the exclusion constraint on StaffHold rejects any overlap that
 * slipped through. Round robin falls through to the next free member before answering 409.
 * The push-to-iCloud jobs are enqueued in the same transaction.
 */
export async function createBooking(input: CreateBookingInput): Promise<BookingResult> {
  const calendar = await db.bookingCalendar.findUnique({ where: { slug: input.slug } });
  // Archived: not found (a trigger refuses an insert that races the archiving).
  if (!calendar || calendar.archivedAt) throw new AppError("NOT_FOUND", "This booking calendar does not exist.");
  const now = input.now ?? Date.now();
  const request = input.idempotencyKey ? { ...input, idempotencyRequestHash: idempotencyRequestHash(input) } : input;
  if (request.idempotencyKey) {
    const earlier = await findByIdempotencyKey(calendar.id, request.idempotencyKey, request.idempotencyRequestHash);
    if (earlier) return earlier;
  }
  try {
    if (calendar.type === "CLASS") return await bookClassSeat(calendar, request, now);
    return await bookStaff(calendar, request, now);
  } catch (error) {
    // Two retries of one request raced: the loser returns the winner's booking.
    if (request.idempotencyKey && isUniqueViolation(error, "idempotencyKey")) {
      const earlier = await findByIdempotencyKey(calendar.id, request.idempotencyKey, request.idempotencyRequestHash);
      if (earlier) return earlier;
    }
    throw error;
  }
}

export const IDEMPOTENCY_KEY_REUSED =
  "This Idempotency-Key was already used for a different booking request. Use a new key for a new request.";

/**
 * What an Idempotency-Key stands for: the request it was first sent with. Only the fields that
 * decide the booking, normalised (the email's case, trimmed text), in a fixed order.
 */
export function idempotencyRequestHash(input: Pick<CreateBookingInput, "slug" | "start" | "timeZone" | "serviceId" | "customer">): string {
  const c = input.customer;
  const canonical = JSON.stringify([
    input.slug,
    input.start,
    input.timeZone,
    input.serviceId ?? null,
    c.name.trim(),
    c.email.trim().toLowerCase(),
    c.phone?.trim() || null,
    c.notes?.trim() || null,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/** The booking an earlier request with this key made; the same key with another request is refused (422). */
async function findByIdempotencyKey(calendarId: string, key: string, requestHash: string | undefined): Promise<BookingResult | null> {
  const found = await db.appointment.findUnique({
    where: { bookingCalendarId_idempotencyKey: { bookingCalendarId: calendarId, idempotencyKey: key } },
    select: { id: true, idempotencyRequestHash: true },
  });
  if (!found) return null;
  // Appointments from before the hash was kept have none: they answer as before.
  if (found.idempotencyRequestHash && requestHash && found.idempotencyRequestHash !== requestHash)
    throw new AppError("INVALID_INPUT", IDEMPOTENCY_KEY_REUSED);
  return loadBookingResult(db, found.id);
}

async function bookStaff(calendar: BookingCalendar, input: CreateBookingInput, now: number): Promise<BookingResult> {
  const range = { start: input.start, end: input.start + 1 };
  // Read once: the check here and the re-check under the locks use the same members and length.
  const bookable = await bookableStaff(db, calendar, input.serviceId);
  const { durationMinutes, serviceId } = bookable;
  // A first look without locks picks the candidates; the re-check inside the transaction decides.
  const offered = (await findSlots(db, { calendar, range, now, serviceId, bookable })).find((s) => s.start === input.start);
  if (!offered) throw new AppError("CONFLICT", SLOT_TAKEN);
  // The in-transaction re-check below then reads busy time no older than a couple of minutes.
  if (usesICloud(calendar.type)) await refreshStaleBusyTime(offered.staffIds, now);
  const attempts =
    calendar.type === "COLLECTIVE" ? [offered.staffIds] : (await candidateOrder(db, calendar, offered.staffIds, now)).map((id) => [id]);

  for (const staffIds of attempts) {
    try {
      const id = await db.$transaction(async (tx) => {
        await lockForBooking(tx, { calendarId: calendar.maxPerDayTotal ? calendar.id : undefined, staffIds });
        const recheck = await findSlots(tx, { calendar, range, now, serviceId, onlyStaffIds: staffIds, bookable });
        const slot = recheck.find((s) => s.start === input.start);
        if (!slot || staffIds.some((id) => !slot.staffIds.includes(id))) throw new SlotTaken();
        const contact = await contactForBooking(tx, calendar.organizationId, input.customer);
        const end = input.start + durationMinutes * 60_000;
        const appointment = await tx.appointment.create({
          data: {
            organizationId: calendar.organizationId,
            bookingCalendarId: calendar.id,
            serviceId,
            contactId: contact.id,
            ...typedCustomer(input.customer),
            ...typedCustomer(input.customer),
            startsAt: new Date(input.start),
            endsAt: new Date(end),
            notes: input.customer.notes ?? "",
            customerTimeZone: input.timeZone,
            idempotencyKey: input.idempotencyKey,
            idempotencyRequestHash: input.idempotencyRequestHash,
          },
        });
        await tx.staffHold.createMany({
          data: staffIds.map((userId) => ({
            organizationId: calendar.organizationId,
            userId,
            appointmentId: appointment.id,
            bookingCalendarId: calendar.id,
            startsAt: new Date(input.start),
            endsAt: new Date(end),
          })),
        });
        if (usesICloud(calendar.type)) await enqueueAppointmentPush(tx, appointment.id, staffIds);
        await queueAppointmentNotifications(tx, { appointmentId: appointment.id, change: { event: "booked" }, staffIds, now });
        return appointment.id;
      });
      return (await loadBookingResult(db, id))!;
    } catch (error) {
      if (error instanceof SlotTaken || isOverlapViolation(error)) continue; // the next member, or 409
      throw error;
    }
  }
  throw new AppError("CONFLICT", SLOT_TAKEN);
}
