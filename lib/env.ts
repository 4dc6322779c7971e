import { z } from "zod";
import { parseKeyring } from "@/lib/crypto/keyring";

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
  APP_URL: z.string().url().default("http://localhost:3000"),
  WORKER_IN_PROCESS: z.enum(["true", "false"]).default("true"),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);
