import { z } from "zod";

/**
 * Apple's app-specific passwords are 16 lowercase letters shown as xxxx-xxxx-xxxx-xxxx.
 * People paste them with spaces, without hyphens or in capitals; all of that is accepted
 * and normalised. Anything else (most often the Apple ID password itself) is rejected
 * before any request reaches Apple, because failed logins can lock the Apple ID.
 */
export function normaliseAppSpecificPassword(raw: string): string | null {
  const letters = raw.replace(/[\s-]/g, "").toLowerCase();
  if (!/^[a-z]{16}$/.test(letters)) return null;
  return letters.match(/.{4}/g)!.join("-");
}

export const APP_PASSWORD_HELP =
  "An app-specific password looks like abcd-efgh-ijkl-mnop. Create one at account.apple.com › Sign-In and Security › App-Specific Passwords (two-factor authentication must be on), label it e.g. \u201cMy CRM's Calendar\u201d, and paste it here. Your Apple ID password will not work.";

const AppSpecificPassword = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const normalised = normaliseAppSpecificPassword(value);
    if (!normalised) {
      ctx.addIssue({ code: "custom", message: `That is not an app-specific password. ${APP_PASSWORD_HELP}` });
      return z.NEVER;
    }
    return normalised;
  });

export const ConnectSchema = z.object({
  appleId: z.string().trim().toLowerCase().max(254).email({ message: "Enter the email address of your Apple ID." }),
  appSpecificPassword: AppSpecificPassword,
});

export const ReconnectSchema = z.object({
  connectionId: z.string().min(1),
  appSpecificPassword: AppSpecificPassword,
});

export const DisconnectSchema = z.object({
  connectionId: z.string().min(1),
  removeEvents: z.enum(["remove", "keep"], { message: "Choose whether to remove the CRM's events from iCloud." }),
});

export const ConnectionIdSchema = z.object({ connectionId: z.string().min(1) });

export const CalendarConfigurationSchema = z.object({
  userId: z.string().min(1),
  primaryCalendarId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null)),
  conflictCalendarIds: z.array(z.string().min(1)).max(200).default([]),
});
export type CalendarConfigurationInput = z.infer<typeof CalendarConfigurationSchema>;

/** Calendar Settings > Sync: direction, what a deletion in iCloud does, and blocked time in iCloud. */
export const SyncOptionsSchema = z.object({
  userId: z.string().min(1),
  syncDirection: z.enum(["ONE_WAY", "TWO_WAY"], { error: "Choose a sync direction." }),
  onICloudDelete: z.enum(["RESTORE", "CANCEL"], { error: "Choose what deleting an event in iCloud does." }).default("RESTORE"),
  // A checkbox: "on" when ticked, absent (null from FormData) when not.
  copyBlockedTimeToICloud: z
    .enum(["on", "true", "false", ""])
    .nullish()
    .transform((v) => v === "on" || v === "true"),
});
export type SyncOptionsInput = z.infer<typeof SyncOptionsSchema>;
