"use server";

import { redirect } from "next/navigation";
import { runAction } from "@/lib/actions";
import type { FormState } from "@/lib/auth/form-state";
import { resetPassword } from "@/lib/team/account";
import { ResetPasswordSchema } from "@/lib/team/account-schemas";

export async function resetPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let done = false;
  const result = await runAction("reset-password", async () => {
    const parsed = ResetPasswordSchema.safeParse({ password: formData.get("password"), confirmPassword: formData.get("confirmPassword") });
    if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: parsed.error.flatten().fieldErrors };
    await resetPassword({ token: String(formData.get("token") ?? ""), password: parsed.data.password });
    done = true;
    return { ok: true };
  });
  if (done) redirect("/login?reset=1");
  return result;
}
