import { z } from "zod";
import { parseKeyring } from "@/lib/crypto/keyring";
import { DEV_KEY_ID_PREFIX, DEV_SECRET_PREFIX } from "@/lib/env-markers";

/** A public rate limit: requests per window, a whole number from 1 to 1,000,000. */
const rateLimit = (name: string, fallback: number) =>
  z.coerce
    .number({ message: `${name} must be a whole number of requests` })
    .int({ message: `${name} must be a whole number of requests` })
    .min(1, { message: `${name} must be at least 1` })
    .max(1_000_000, { message: `${name} must be at most 1000000` })
    .default(fallback);

const RATE_LIMITS = {
  /** Public writes (bookings, reschedules, cancels) per client per minute. */
  PUBLIC_WRITE_RATE_LIMIT: rateLimit("PUBLIC_WRITE_RATE_LIMIT", 30),
  /** Bookings per booking calendar per 10 minutes, from all clients together. */
  PUBLIC_CALENDAR_WRITE_RATE_LIMIT: rateLimit("PUBLIC_CALENDAR_WRITE_RATE_LIMIT", 60),
  /** Public reads (slots, calendars, manage pages' data) per client per minute. */
  PUBLIC_READ_RATE_LIMIT: rateLimit("PUBLIC_READ_RATE_LIMIT", 300),
};
export type RateLimitName = keyof typeof RATE_LIMITS;

// Validated once, at boot: a missing or malformed secret stops the server with a clear
// message instead of surfacing later as a confusing runtime error.
const EnvSchema = z.object({
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgres:// connection string" }),
  AUTH_SECRET: z.string().min(32, { message: "AUTH_SECRET must be at least 32 characters" }),
  CREDENTIALS_ENCRYPTION_KEYS: z
    .string()
    .min(1, { message: "CREDENTIALS_ENCRYPTION_KEYS is required (see .env.example)" })
    .superRefine((value, ctx) => {
      try {
        parseKeyring(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
      }
    }),
  ICLOUD_CALDAV_URL: z.string().url().default("https://caldav.icloud.com"),
  CALDAV_ALLOWED_HOSTS: z.string().default("*.icloud.com"),
  APP_URL: z.string().url().optional(),
  WORKER_IN_PROCESS: z.enum(["true", "false"]).default("true"),
  /** Per CalDAV request, in ms: 1 s to 5 min. */
  CALDAV_TIMEOUT_MS: z.coerce
    .number({ message: "CALDAV_TIMEOUT_MS must be a whole number of milliseconds" })
    .int({ message: "CALDAV_TIMEOUT_MS must be a whole number of milliseconds" })
    .min(1000, { message: "CALDAV_TIMEOUT_MS must be at least 1000 (1 s)" })
    .max(300_000, { message: "CALDAV_TIMEOUT_MS must be at most 300000 (5 min)" })
    .default(15_000),
  /** How old iCloud busy data may be before a member is unavailable: 5 min to 30 days. */
  ICLOUD_MAX_STALENESS_MINUTES: z.coerce
    .number({ message: "ICLOUD_MAX_STALENESS_MINUTES must be a whole number of minutes" })
    .int({ message: "ICLOUD_MAX_STALENESS_MINUTES must be a whole number of minutes" })
    .min(5, { message: "ICLOUD_MAX_STALENESS_MINUTES must be at least 5" })
    .max(43_200, { message: "ICLOUD_MAX_STALENESS_MINUTES must be at most 43200 (30 days)" })
    .default(1440),
  WORKER_CRON: z.enum(["true", "false"], { message: 'WORKER_CRON must be "true" or "false"' }).default("true"),
  /**
   * Reverse proxies in front of the app that append to X-Forwarded-For: 0 (default) uses the
   * connection's own address; n uses the n-th address from the right of X-Forwarded-For.
   */
  TRUST_PROXY_HOPS: z.coerce
    .number({ message: "TRUST_PROXY_HOPS must be a whole number (0 = no proxy in front of the app)" })
    .int({ message: "TRUST_PROXY_HOPS must be a whole number (0 = no proxy in front of the app)" })
    .min(0, { message: "TRUST_PROXY_HOPS must be 0 or more" })
    .max(10, { message: "TRUST_PROXY_HOPS must be at most 10" })
    .default(0),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, { message: "SMTP_URL must look like smtp://user:pass@host:587 or smtps://user:pass@host:465" })
    .optional(),
  /** e.g. "Demo Salon <bookings@example.com>"; default: the organization's name at no-reply@<APP_URL's host>. */
  EMAIL_FROM: z.string().min(3).optional(),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  ...RATE_LIMITS,
});

// Production must not run on secrets generated for a developer's machine, nor guess its own
// address (links in emails and manage pages would point at localhost).
const ProductionEnvSchema = EnvSchema.superRefine((value, ctx) => {
  if (value.NODE_ENV !== "production") return;
  if (!value.APP_URL)
    ctx.addIssue({
      code: "custom",
      path: ["APP_URL"],
      message: "APP_URL is required in production (the address customers use, e.g. https://book.example.com)",
    });
  if (value.AUTH_SECRET.startsWith(DEV_SECRET_PREFIX)) {
    ctx.addIssue({
      code: "custom",
      path: ["AUTH_SECRET"],
      message: "AUTH_SECRET is a development secret from .env.local; set a production secret in the environment",
    });
  }
  if (value.CREDENTIALS_ENCRYPTION_KEYS.split(",").some((entry) => entry.trim().startsWith(DEV_KEY_ID_PREFIX))) {
    ctx.addIssue({
      code: "custom",
      path: ["CREDENTIALS_ENCRYPTION_KEYS"],
      message: "CREDENTIALS_ENCRYPTION_KEYS holds a development key from .env.local; set production keys in the environment",
    });
  }
}).transform((value) => ({ ...value, APP_URL: value.APP_URL ?? "http://localhost:3000" }));

export type Env = z.output<typeof ProductionEnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = ProductionEnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

/**
 * A public rate limit as set now: validated at boot with the rest (a bad value stops the server),
 * and read again when used, so the test suites can lower a limit for one case.
 */
export function rateLimitSetting(name: RateLimitName): number {
  const raw = process.env[name];
  return RATE_LIMITS[name].parse(raw === "" ? undefined : raw);
}
