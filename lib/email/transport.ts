import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

let transport: Transporter | null | undefined;

/** The SMTP transport from SMTP_URL, or null when email is not configured (messages are only recorded). */
export function smtpTransport(): Transporter | null {
  if (transport !== undefined) return transport;
  transport = env.SMTP_URL
    ? nodemailer.createTransport(env.SMTP_URL, {
        // Bounded: a hung server must not hold a worker slot; the job retries instead.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : null;
  return transport;
}

export function emailConfigured(): boolean {
  return Boolean(env.SMTP_URL);
}

/** EMAIL_FROM, or the organization's name at no-reply@ the app's own host. */
export function fromAddress(organizationName: string): { name: string; address: string } {
  if (env.EMAIL_FROM) {
    const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(env.EMAIL_FROM);
    return match ? { name: match[1] || organizationName, address: match[2]! } : { name: organizationName, address: env.EMAIL_FROM.trim() };
  }
  return { name: organizationName, address: `no-reply@${new URL(env.APP_URL).hostname}` };
}

/** SMTP's own classification: 5xx is permanent, anything else (4xx, a dropped connection, a timeout) is worth retrying. */
export function isPermanentSmtpError(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

export function describeSmtpError(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
  if (e.responseCode) return `The mail server answered ${e.response ?? e.responseCode}`.slice(0, 500);
  return `Could not reach the mail server (${e.code ?? e.message ?? "unknown error"})`.slice(0, 500);
}
