import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { DEV_KEY_ID_PREFIX, DEV_SECRET_PREFIX } from "../../lib/env-markers";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const LOCAL_ENV = path.join(ROOT, ".env.local");
export const EMBEDDED_URL_FILE = path.join(ROOT, ".data", "embedded-postgres.url");

/**
 * Loads .env and .env.local into process.env without overriding what the shell already set.
 * With `useRunningEmbedded`, a script started beside the run command (the worker, the prisma
 * CLI) also finds the embedded database that command started.
 */
export function loadLocalEnv({ useRunningEmbedded = true } = {}): void {
  for (const file of [".env.local", ".env"]) {
    const full = path.join(ROOT, file);
    if (!existsSync(full)) continue;
    for (const [key, value] of Object.entries(parseEnv(readFileSync(full, "utf8")))) {
      if (process.env[key] === undefined && value !== undefined) process.env[key] = value;
    }
  }
  // A separately started worker finds the embedded database the run command started.
  if (useRunningEmbedded && !process.env.DATABASE_URL && existsSync(EMBEDDED_URL_FILE)) {
    process.env.DATABASE_URL = readFileSync(EMBEDDED_URL_FILE, "utf8").trim();
  }
}

/**
 * Development secrets are generated once into the git-ignored .env.local, never committed.
 * Production deployments set them in the environment (see .env.example).
 */
export function ensureDevSecrets(): void {
  const existing = existsSync(LOCAL_ENV) ? parseEnv(readFileSync(LOCAL_ENV, "utf8")) : {};
  const lines: string[] = [];
  if (!existing.AUTH_SECRET && !process.env.AUTH_SECRET) {
    // Marked, so that a production start refuses them (lib/env.ts).
    lines.push(`AUTH_SECRET=${DEV_SECRET_PREFIX}${randomBytes(32).toString("base64url")}`);
  }
  if (!existing.CREDENTIALS_ENCRYPTION_KEYS && !process.env.CREDENTIALS_ENCRYPTION_KEYS) {
    lines.push(
      `CREDENTIALS_ENCRYPTION_KEYS=${newEncryptionKey(`${DEV_KEY_ID_PREFIX}${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`)}`,
    );
  }
  if (lines.length === 0) return;
  appendFileSync(LOCAL_ENV, `# generated for development on ${new Date().toISOString()}\n${lines.join("\n")}\n`, {
    mode: 0o600,
  });
  console.log(`› generated development secrets into .env.local (${lines.map((l) => l.split("=")[0]).join(", ")})`);
}

/** A keyring entry "<id>:<base64 32 bytes>"; the id lets rotated keys keep decrypting old rows. */
export function newEncryptionKey(id = `k${new Date().toISOString().slice(0, 10).replaceAll("-", "")}`): string {
  return `${id}:${randomBytes(32).toString("base64")}`;
}
