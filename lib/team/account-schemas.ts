import { z } from "zod";
import { canonicalTimeZone } from "@/lib/time-zones";

export const timeZoneField = z.string().transform((value, ctx) => {
  const zone = canonicalTimeZone(value);
  if (!zone) {
    ctx.addIssue({ code: "custom", message: "Choose a time zone from the list." });
    return z.NEVER;
  }
  return zone;
});

const name = z.string().trim().min(1, { message: "Enter a name." }).max(100);
const email = z.string().trim().toLowerCase().email({ message: "Enter a valid email address." }).max(254);
export const newPassword = z.string().min(10, { message: "Use at least 10 characters." }).max(200);

export const InviteSchema = z.object({
  name,
  email,
  role: z.enum(["ADMIN", "STAFF"], { error: "Choose Admin or Staff." }),
  timeZone: timeZoneField,
});
export type InviteInput = z.infer<typeof InviteSchema>;

const passwords = <T extends { password: string; confirmPassword: string }>(value: T) => value.password === value.confirmPassword;
const mismatch = { path: ["confirmPassword"], message: "The passwords don't match." };

export const AcceptInvitationSchema = z.object({ name, password: newPassword, confirmPassword: z.string() }).refine(passwords, mismatch);

export const ResetPasswordSchema = z.object({ password: newPassword, confirmPassword: z.string() }).refine(passwords, mismatch);

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, { message: "Enter your current password." }).max(200),
    password: newPassword,
    confirmPassword: z.string(),
  })
  .refine(passwords, mismatch);

export const ProfileSchema = z.object({ name, timeZone: timeZoneField });

export const ForgotPasswordSchema = z.object({ email });
