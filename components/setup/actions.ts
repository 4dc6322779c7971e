"use server";

import { AuthError } from "next-auth";
import { notFound } from "next/navigation";
import { runAction } from "@/lib/actions";
import { signIn } from "@/lib/auth/config";
import type { FormState } from "@/lib/auth/form-state";
import { createFirstOrganization, needsSetup } from "@/lib/setup/create-organization";
import { SetupSchema } from "@/lib/setup/schemas";

/** First-run setup: creates the organization and its first admin, then signs them in. */
export async function setupAction(_prev: FormState, formData: FormData): Promise<FormState> {
  // Everything typed but the passwords comes back after a refusal.
  const values = {
    organizationName: String(formData.get("organizationName") ?? ""),
    timeZone: String(formData.get("timeZone") ?? ""),
    name: String(formData.get("name") ?? ""),
    email: String(formData.get("email") ?? ""),
  };
  let created: { email: string; password: string } | null = null;
  const result = await runAction(
    "setup",
    async () => {
      if (!(await needsSetup())) notFound();
      const parsed = SetupSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) {
        return { ok: false, message: "Check the highlighted fields.", fieldErrors: parsed.error.flatten().fieldErrors, values };
      }
      await createFirstOrganization(parsed.data);
      created = { email: parsed.data.email, password: parsed.data.password };
      return { ok: true };
    },
    values,
  );
  if (!created) return result;
  try {
    // signIn answers with Next's redirect, which must leave this function.
    await signIn("credentials", { ...(created as { email: string; password: string }), redirectTo: "/admin/team" });
  } catch (error) {
    if (error instanceof AuthError) {
      return { ok: false, message: "Your organization was created, but signing in failed. Sign in on the login page." };
    }
    throw error;
  }
  return { ok: true };
}
