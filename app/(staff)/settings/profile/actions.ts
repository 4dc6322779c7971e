"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions";
import type { FormState } from "@/lib/auth/form-state";
import { assertStaff } from "@/lib/auth/session";
import { preferencesFromForm, saveNotificationPreferences } from "@/lib/team/notification-preferences";

export async function saveNotificationPreferencesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("save-notification-preferences", async () => {
    const actor = await assertStaff();
    await saveNotificationPreferences(actor, preferencesFromForm(formData));
    revalidatePath("/settings/profile");
    return { ok: true, message: "Saved." };
  });
}
