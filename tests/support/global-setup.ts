// Starts the real services the integration tests use: a PostgreSQL (embedded, or the server in
// TEST_DATABASE_ADMIN_URL) with a fresh database per run, migrated like production.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "@/scripts/lib/postgres";
import { freePort } from "./ports";

export default async function setup(_project: TestProject) {
  let embedded: RunningPostgres | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (!adminUrl) {
    dataDir = mkdtempSync(path.join(tmpdir(), "crm-test-pg-"));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), port: await freePort(), persistent: false });
    adminUrl = embedded.adminUrl;
  }
  const database = `crm_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await ensureDatabase(adminUrl, database);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;

  Object.assign(process.env, {
    TEST_PG_ADMIN_URL: adminUrl,
    DATABASE_URL: url.toString(),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    CREDENTIALS_ENCRYPTION_KEYS: `ktest:${randomBytes(32).toString("base64")}`,
    WORKER_IN_PROCESS: "false",
    // Route handlers are called directly (no server, so no peer address): each test names its
    // client in X-Forwarded-For, as one trusted proxy would.
    TRUST_PROXY_HOPS: "1",
    NODE_ENV: "test",
  });

  const { prepareDatabase } = await import("@/scripts/lib/prepare-database");
  await prepareDatabase(url.toString(), { seed: false });

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await client.end();
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
