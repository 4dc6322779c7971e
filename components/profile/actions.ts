"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions";
import type { FormState } from "@/lib/auth/form-state";
import { assertStaff } from "@/lib/auth/session";
import { signIn } from "@/lib/auth/config";
import { isAppError } from "@/lib/errors";
import { ChangePasswordSchema, ProfileSchema } from "@/lib/team/account-schemas";
import { changePassword, updateProfile } from "@/lib/team/account";
import { preferencesFromForm, saveNotificationPreferences } from "@/lib/team/notification-preferences";

export async function saveNotificationPreferencesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("save-notification-preferences", async () => {
    const actor = await assertStaff();
    await saveNotificationPreferences(actor, preferencesFromForm(formData));
    revalidatePath("/settings/profile");
    return { ok: true, message: "Saved." };
  });
}

export async function saveProfileAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = { name: String(formData.get("name") ?? ""), timeZone: String(formData.get("timeZone") ?? "") };
  return runAction(
    "save-profile",
    async () => {
      const actor = await assertStaff();
      const parsed = ProfileSchema.safeParse(values);
      if (!parsed.success)
        return { ok: false, message: "Check the highlighted fields.", fieldErrors: parsed.error.flatten().fieldErrors, values };
      await updateProfile({ actor, ...parsed.data });
      revalidatePath("/", "layout");
      return { ok: true, message: "Saved." };
    },
    values,
  );
}

/** Ends the member's other sessions (session version) and keeps this one by signing in again with the new password. */
export async function changePasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let changed: { email: string; password: string } | null = null;
  const result = await runAction("change-password", async () => {
    const actor = await assertStaff();
    const parsed = ChangePasswordSchema.safeParse({
      currentPassword: formData.get("currentPassword"),
      password: formData.get("password"),
      confirmPassword: formData.get("confirmPassword"),
    });
    if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: parsed.error.flatten().fieldErrors };
    try {
      const { email } = await changePassword({ actor, currentPassword: parsed.data.currentPassword, password: parsed.data.password });
      changed = { email, password: parsed.data.password };
    } catch (error) {
      if (isAppError(error) && error.code === "INVALID_INPUT")
        return { ok: false, message: error.message, fieldErrors: { currentPassword: [error.message] } };
      throw error;
    }
    return { ok: true };
  });
  if (!changed) return result;
  // A new session token with the new version, for this browser only. The redirect renders the
  // page with it (a re-render in this request would still read the old token).
  await signIn("credentials", { ...(changed as { email: string; password: string }), redirectTo: "/settings/profile?password=changed" });
  return { ok: true };
}
