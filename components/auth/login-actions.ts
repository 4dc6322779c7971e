"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/config";
import type { FormState } from "@/lib/auth/form-state";
import { LoginSchema } from "@/lib/auth/schemas";

/** Only same-site paths: "/x" but never "//evil.example" or "https://…". */
function safeNext(value: FormDataEntryValue | null): string {
  return typeof value === "string" && /^\/(?!\/)/.test(value) ? value : "/calendar";
}

export async function loginAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = LoginSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  const values = { email: String(formData.get("email") ?? "") };
  if (!parsed.success) {
    return { ok: false, fieldErrors: parsed.error.flatten().fieldErrors, values };
  }
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeNext(formData.get("next")) });
    return { ok: true };
  } catch (error) {
    // signIn signals success by throwing Next's redirect; only auth failures are handled here.
    if (error instanceof AuthError) {
      return {
        ok: false,
        values,
        message:
          error.type === "CredentialsSignin" && (error as { code?: string }).code === "throttled"
            ? "Too many sign-in attempts. Wait 15 minutes and try again, or reset your password."
            : error.type === "CredentialsSignin"
              ? "That email and password don't match an account."
              : "Signing in failed. Try again in a moment.",
      };
    }
    throw error;
  }
}
