import { randomBytes } from "node:crypto";
import { databaseName, quoteIdent, urlForDatabase, withClient } from "./connection";
import { logLine } from "./errors";

/**
 * Temporary shadow databases. `migrate dev` and `migrate diff --from-migrations` replay the
 * migration history into a scratch database to learn what it produces. adapter-pg's own
 * `connectToShadowDb` creates one but then connects with the *main* connection string (the
 * `database` option loses to the URL), which would replay every migration onto the real database.
 * So we create a uniquely named database ourselves, hand the engine an adapter for exactly that
 * URL, and drop it when the engine disposes the adapter or when this process ends.
 */

const created = new Set<string>();
let mainUrl: string | undefined;

export const SHADOW_PREFIX = "prisma_shadow_";

export async function createShadowDatabase(url: string): Promise<string> {
  mainUrl = url;
  const name = `${SHADOW_PREFIX}${process.pid}_${randomBytes(4).toString("hex")}`;
  if (name === databaseName(url)) throw new Error("Refusing to use the main database as the shadow database.");
  await withAdminClient(url, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  created.add(name);
  process.stderr.write(logLine("INFO", `Created shadow database ${name}`));
  return urlForDatabase(url, name);
}

export async function dropShadowDatabase(name: string): Promise<void> {
  if (!created.has(name) || !mainUrl) return;
  // WITH (FORCE) (PostgreSQL 13+) ends connections a pool might still hold open.
  await withAdminClient(mainUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
  created.delete(name);
  process.stderr.write(logLine("INFO", `Dropped shadow database ${name}`));
}

/** Drops every shadow database this process created; called on every way out of the process. */
export async function dropAllShadowDatabases(): Promise<void> {
  for (const name of [...created]) {
    await dropShadowDatabase(name).catch((error: unknown) => {
      process.stderr.write(`could not drop shadow database ${name}: ${String(error)}\n`);
    });
  }
}

/**
 * Empties a user-configured shadow database (`shadowDatabaseUrl`). The native engine resets it
 * before replaying migrations; the wasm engine assumes the adapter hands it an empty database,
 * and would otherwise replay on top of whatever the last run left there.
 */
export async function resetConfiguredShadowDatabase(url: string): Promise<void> {
  await withClient(url, (client) =>
    client.query(`DO $$
      DECLARE s name;
      BEGIN
        FOR s IN SELECT nspname FROM pg_namespace
                 WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' LOOP
          EXECUTE format('DROP SCHEMA %I CASCADE', s);
        END LOOP;
        CREATE SCHEMA public;
      END $$`),
  );
  process.stderr.write(logLine("INFO", `Reset shadow database ${databaseName(url)}`));
}

/**
 * CREATE/DROP DATABASE cannot run inside the database being dropped, and the main database may
 * not exist yet (`migrate diff` works without it), so fall back to the `postgres` maintenance DB.
 */
async function withAdminClient<T>(url: string, fn: Parameters<typeof withClient<T>>[1]): Promise<T> {
  try {
    return await withClient(url, fn);
  } catch (error) {
    if ((error as { code?: string }).code !== "3D000") throw error;
    return withClient(urlForDatabase(url, "postgres"), fn);
  }
}
