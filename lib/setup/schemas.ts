import { z } from "zod";
import { canonicalTimeZone } from "@/lib/time-zones";

/** The first-run form: the organization and its first admin. */
export const SetupSchema = z
  .object({
    organizationName: z.string().trim().min(1, { message: "Enter the organization's name." }).max(100),
    timeZone: z.string().transform((value, ctx) => {
      const zone = canonicalTimeZone(value);
      if (!zone) {
        ctx.addIssue({ code: "custom", message: "Choose a time zone from the list." });
        return z.NEVER;
      }
      return zone;
    }),
    name: z.string().trim().min(1, { message: "Enter your name." }).max(100),
    email: z.string().trim().toLowerCase().email({ message: "Enter a valid email address." }).max(254),
    password: z.string().min(10, { message: "Use at least 10 characters." }).max(200),
    confirmPassword: z.string(),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords don't match.",
  });
export type SetupInput = z.infer<typeof SetupSchema>;
