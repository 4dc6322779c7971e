import { z } from "zod";

// Month view asks for six weeks; a little more leaves room for FullCalendar's padding days.
export const MAX_RANGE_DAYS = 62;

const Instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with an offset, e.g. 2026-12-01T00:00:00Z" });

/** GET /calendar/events?start&end&staffId — staffId is a user id or "team"; absent means "me". */
export const CalendarFeedQuerySchema = z
  .object({
    start: Instant,
    end: Instant,
    staffId: z.string().trim().min(1).max(64).optional(),
  })
  .transform((q) => ({ start: new Date(q.start), end: new Date(q.end), staffId: q.staffId }))
  .refine((q) => q.end.getTime() > q.start.getTime(), { message: "end must be after start", path: ["end"] })
  .refine((q) => q.end.getTime() - q.start.getTime() <= MAX_RANGE_DAYS * 86_400_000, {
    message: `the range may span at most ${MAX_RANGE_DAYS} days`,
    path: ["end"],
  });

export type CalendarFeedQuery = z.output<typeof CalendarFeedQuerySchema>;
