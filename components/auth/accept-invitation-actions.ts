"use server";

import { AuthError } from "next-auth";
import { runAction } from "@/lib/actions";
import { signIn } from "@/lib/auth/config";
import type { FormState } from "@/lib/auth/form-state";
import { AcceptInvitationSchema } from "@/lib/team/account-schemas";
import { acceptInvitation } from "@/lib/team/invitations";

/** /invite/{token}: creates the account the invitation describes, marks it used, and signs the new member in. */
export async function acceptInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = { name: String(formData.get("name") ?? "") };
  let created: { email: string; password: string } | null = null;
  const result = await runAction(
    "accept-invitation",
    async () => {
      const parsed = AcceptInvitationSchema.safeParse({
        name: formData.get("name"),
        password: formData.get("password"),
        confirmPassword: formData.get("confirmPassword"),
      });
      if (!parsed.success)
        return { ok: false, message: "Check the highlighted fields.", fieldErrors: parsed.error.flatten().fieldErrors, values };
      const { email } = await acceptInvitation({
        token: String(formData.get("token") ?? ""),
        name: parsed.data.name,
        password: parsed.data.password,
      });
      created = { email, password: parsed.data.password };
      return { ok: true };
    },
    values,
  );
  if (!created) return result;
  try {
    // signIn answers with Next's redirect, which must leave this function.
    await signIn("credentials", { ...(created as { email: string; password: string }), redirectTo: "/calendar" });
  } catch (error) {
    if (error instanceof AuthError)
      return { ok: false, message: "Your account was created, but signing in failed. Sign in on the login page." };
    throw error;
  }
  return { ok: true };
}
