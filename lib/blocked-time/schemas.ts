import { z } from "zod";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * "Block time" on /calendar. Times are wall times in the member's own zone (User.timeZone):
 * a timed block has a date with a start and an end time (the end may be on a later date), an
 * all-day block a first and a last date (inclusive). "Repeat weekly until" repeats it on the same
 * weekday and wall time up to and including that date.
 */
export const BlockedTimeSchema = z
  .object({
    userId: z.string().min(1),
    title: z
      .string()
      .trim()
      .max(120, { message: "Keep the title under 120 characters." })
      .nullish()
      .transform((t) => t || "Blocked"),
    allDay: z
      .enum(["on", "true", "false", ""])
      .nullish()
      .transform((v) => v === "on" || v === "true"),
    startDate: z.string().regex(DATE, { message: "Choose a start date." }),
    startTime: z.string().regex(TIME, { message: "Choose a start time." }).nullish(),
    endDate: z.string().regex(DATE, { message: "Choose an end date." }),
    endTime: z.string().regex(TIME, { message: "Choose an end time." }).nullish(),
    repeatWeeklyUntil: z
      .string()
      .regex(DATE, { message: "Choose the last date of the repeat." })
      .or(z.literal(""))
      .nullish()
      .transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    if (!v.allDay) {
      if (!v.startTime) ctx.addIssue({ code: "custom", path: ["startTime"], message: "Choose a start time." });
      if (!v.endTime) ctx.addIssue({ code: "custom", path: ["endTime"], message: "Choose an end time." });
    }
  });
export type BlockedTimeInput = z.infer<typeof BlockedTimeSchema>;

export const BlockedTimeEditSchema = z.object({ blockedTimeId: z.string().min(1) }).and(BlockedTimeSchema);

export const BlockedTimeDeleteSchema = z.object({
  blockedTimeId: z.string().min(1),
  scope: z.enum(["one", "following"], { error: "Choose which occurrences to delete." }).default("one"),
});
