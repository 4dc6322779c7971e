import { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";

export const NotificationPreferencesSchema = z.object({
  emailOnNewBooking: z.boolean(),
  emailOnReschedule: z.boolean(),
  emailOnCancel: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferencesSchema>;

/** Checkboxes are present in the form data only when ticked. */
export function preferencesFromForm(formData: FormData): NotificationPreferences {
  return NotificationPreferencesSchema.parse({
    emailOnNewBooking: formData.get("emailOnNewBooking") === "on",
    emailOnReschedule: formData.get("emailOnReschedule") === "on",
    emailOnCancel: formData.get("emailOnCancel") === "on",
  });
}

export async function getNotificationPreferences(actor: Actor): Promise<NotificationPreferences> {
  return db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { emailOnNewBooking: true, emailOnReschedule: true, emailOnCancel: true },
  });
}

/** Each member sets their own; the "reconnect iCloud" email is not optional. */
export async function saveNotificationPreferences(actor: Actor, preferences: NotificationPreferences): Promise<void> {
  await db.user.update({ where: { id: actor.userId, organizationId: actor.organizationId }, data: preferences });
}
