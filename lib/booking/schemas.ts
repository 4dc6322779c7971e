import { z } from "zod";
import { canonicalTimeZone, isDisplayTimeZone } from "@/lib/time-zones";

const MAX_RANGE_DAYS = 62;

const Instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T09:00:00-05:00" });
// Stored and echoed under its current name: a browser may report "Asia/Calcutta" for Asia/Kolkata.
const TimeZone = z
  .string()
  .min(1)
  .max(64)
  .refine(isDisplayTimeZone, { message: "must be an IANA time zone such as Europe/Berlin" })
  .transform((zone) => canonicalTimeZone(zone) ?? zone);

export const SlotsQuerySchema = z
  .object({
    start: Instant,
    end: Instant,
    timeZone: TimeZone,
    serviceId: z.string().min(1).max(64).optional(),
  })
  .transform((q) => ({ ...q, startMs: Date.parse(q.start), endMs: Date.parse(q.end) }))
  .refine((q) => q.endMs > q.startMs, { message: "end must be after start", path: ["end"] })
  .refine((q) => q.endMs - q.startMs <= MAX_RANGE_DAYS * 86_400_000, {
    message: `the range may span at most ${MAX_RANGE_DAYS} days`,
    path: ["end"],
  });

export const CustomerSchema = z.object({
  name: z.string().trim().min(1, { message: "Enter your name." }).max(200),
  email: z.string().trim().toLowerCase().max(254).email({ message: "Enter a valid email address." }),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[+()0-9 .-]*$/, { message: "Use digits, spaces and + ( ) - only." })
    .optional()
    .transform((v) => v || undefined),
  notes: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((v) => v || undefined),
});

export const CreateBookingSchema = CustomerSchema.extend({
  start: Instant,
  timeZone: TimeZone,
  serviceId: z.string().min(1).max(64).optional(),
});

export const RescheduleSchema = z.object({ token: z.string().min(1).max(100), start: Instant });
export const CancelSchema = z.object({ token: z.string().min(1).max(100) });

export const IdempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, { message: "must be printable ASCII" });
