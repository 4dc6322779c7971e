// Shared set-up for the booking-calendar integration tests: an organization with an admin and two
// staff members, calendar input through the real schema, and appointments written directly.
import type { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { BookingCalendarSchema } from "@/lib/booking-calendars/schemas";
import { db } from "@/lib/db";
import { createOrganization, createUser, uniqueSuffix } from "./factories";

type User = Awaited<ReturnType<typeof createUser>>;
export const actorOf = (u: User): Actor => ({ userId: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email });
export const DAY = 86_400_000;

export async function org() {
  const { id } = await createOrganization();
  const admin = await createUser({ organizationId: id, role: "ADMIN" });
  const alice = await createUser({ organizationId: id, name: "Alice" });
  const bob = await createUser({ organizationId: id, name: "Bob" });
  return { id, admin: actorOf(admin), staff: actorOf(alice), alice, bob };
}

export function calendar(fields: Partial<z.input<typeof BookingCalendarSchema>> = {}) {
  return BookingCalendarSchema.parse({
    type: "ROUND_ROBIN",
    name: "Consultation",
    slug: `consult-${uniqueSuffix()}`,
    timeZone: "Europe/Berlin",
    durationMinutes: "30",
    bufferBeforeMinutes: "0",
    bufferAfterMinutes: "0",
    minimumNoticeMinutes: "60",
    windowRollingDays: "60",
    ...fields,
  });
}

export const errorsOf = (schema: z.ZodType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? {} : ((result.error as z.ZodError).flatten().fieldErrors as Record<string, string[]>);
};

export async function book(
  bookingCalendarId: string,
  organizationId: string,
  startsAt: Date,
  extra: { status?: "CONFIRMED" | "CANCELLED"; serviceId?: string; classOccurrenceId?: string } = {},
) {
  const contact = await db.contact.create({ data: { organizationId, name: "Customer", email: `c-${uniqueSuffix()}@example.test` } });
  return db.appointment.create({
    data: {
      organizationId,
      bookingCalendarId,
      contactId: contact.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      customerTimeZone: "UTC",
      ...extra,
    },
  });
}
