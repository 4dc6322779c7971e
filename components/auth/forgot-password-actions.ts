"use server";

import { headers } from "next/headers";
import { clientAddress } from "@/lib/http/client-address";
import { runAction } from "@/lib/actions";
import type { FormState } from "@/lib/auth/form-state";
import { RESET_REQUESTED, requestPasswordReset } from "@/lib/team/account";
import { ForgotPasswordSchema } from "@/lib/team/account-schemas";

/** The same answer whether or not the email has an account. */
export async function forgotPasswordAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = { email: String(formData.get("email") ?? "") };
  return runAction(
    "forgot-password",
    async () => {
      const parsed = ForgotPasswordSchema.safeParse(values);
      if (!parsed.success) return { ok: false, fieldErrors: parsed.error.flatten().fieldErrors, values };
      const h = await headers();
      const client = clientAddress(h);
      await requestPasswordReset({ email: parsed.data.email, client });
      return { ok: true, message: RESET_REQUESTED };
    },
    values,
  );
}
