// The committed migrations are the only way the production schema changes, so they must apply
// cleanly to an empty database and produce exactly what prisma/schema.prisma describes.
// Runs the real prisma CLI through scripts/prisma.ts (our wasm schema engine) against PostgreSQL.
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPrisma } from "@/scripts/prisma";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MIGRATIONS = path.join(ROOT, "prisma", "migrations");
const SCHEMA = path.join(ROOT, "prisma", "schema.prisma");

function adminUrl(): string {
  const url = process.env.TEST_PG_ADMIN_URL;
  if (!url) throw new Error("TEST_PG_ADMIN_URL is not set: run through `npm run test:integration` (its globalSetup starts PostgreSQL).");
  return url;
}

async function adminQuery<R extends pg.QueryResultRow>(sql: string, database?: string): Promise<R[]> {
  const url = new URL(adminUrl());
  if (database) url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A fresh, uniquely named database; dropped in afterAll. */
const created: string[] = [];
async function createDatabase(label: string): Promise<{ name: string; url: string }> {
  const name = `crm_migrations_${label}_${randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  created.push(name);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

const committedMigrations = () =>
  readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

/** `prisma migrate diff --exit-code`: 0 = no difference, 2 = difference (1 = error, which throws). */
async function diff(databaseUrl: string, from: string[], to: string[]) {
  return runPrisma(
    ["migrate", "diff", ...from, ...to, "--exit-code"],
    { ...process.env, DATABASE_URL: databaseUrl },
    {
      capture: true,
      okExitCodes: [0, 2],
    },
  );
}

async function leftoverShadowDatabases(): Promise<string[]> {
  const rows = await adminQuery<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_shadow_%'");
  return rows.map((row) => row.datname);
}

describe("prisma migrations", () => {
  let scratch: string;
  let db: { name: string; url: string };

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), "crm-migrations-"));
    db = await createDatabase("deploy");
  });

  afterAll(async () => {
    for (const name of created) await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("has at least the initial migration", () => {
    expect(committedMigrations().length).toBeGreaterThan(0);
    expect(readFileSync(path.join(MIGRATIONS, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
  });

  it("migrate deploy applies every committed migration to an empty database", async () => {
    await runPrisma(["migrate", "deploy"], { ...process.env, DATABASE_URL: db.url }, { capture: true });

    const applied = await adminQuery<{ migration_name: string; finished_at: Date | null }>(
      `SELECT migration_name, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
      db.name,
    );
    expect(applied.map((row) => row.migration_name)).toEqual(committedMigrations());
    expect(applied.every((row) => row.finished_at !== null)).toBe(true);

    const status = await runPrisma(["migrate", "status"], { ...process.env, DATABASE_URL: db.url }, { capture: true });
    expect(status.stdout).toContain("Database schema is up to date");
  });

  // The busy-version triggers (lib/booking/busy-blocks.ts keeps busy time in memory by version).
  // TRUNCATE has no row events; it must still move every calendar's version. Tested here, in a
  // database of its own: truncating the shared test database would wipe other files' data.
  it("moves a calendar's busy version on every change to its blocks, TRUNCATE included", async () => {
    const sql = (text: string) => adminQuery<{ busyVersion: number }>(text, db.name);
    await sql(`
      INSERT INTO "Organization" (id, name) VALUES ('o1', 'Org');
      INSERT INTO "User" (id, "organizationId", email, name, "passwordHash", "timeZone") VALUES ('u1', 'o1', 'u1@example.test', 'U', 'x', 'UTC');
      INSERT INTO "CalendarConnection" (id, "organizationId", "userId", "appleId", "serverUrl", "principalUrl", "homeUrl", "updatedAt")
        VALUES ('k1', 'o1', 'u1', 'a@icloud.test', 'https://x.test/', 'https://x.test/p/', 'https://x.test/c/', now());
      INSERT INTO "ExternalCalendar" (id, "organizationId", "connectionId", "userId", url, "displayName", "updatedAt")
        VALUES ('c1', 'o1', 'k1', 'u1', 'https://x.test/c/1/', 'One', now()), ('c2', 'o1', 'k1', 'u1', 'https://x.test/c/2/', 'Two', now());`);
    const versions = async () => (await sql(`SELECT "busyVersion" FROM "ExternalCalendar" ORDER BY id`)).map((r) => r.busyVersion);
    expect(await versions()).toEqual([0, 0]);
    await sql(`INSERT INTO "BusyBlock" (id, "organizationId", "userId", "externalCalendarId", "objectUrl", "startsAt", "endsAt")
      VALUES ('b1', 'o1', 'u1', 'c1', 'e1.ics', '2031-01-01 10:00', '2031-01-01 11:00'), ('b2', 'o1', 'u1', 'c1', 'e2.ics', '2031-01-01 12:00', '2031-01-01 13:00')`);
    expect(await versions()).toEqual([1, 0]);
    await sql(`UPDATE "BusyBlock" SET "externalCalendarId" = 'c2' WHERE id = 'b2'`);
    expect(await versions()).toEqual([2, 1]);
    await sql(`DELETE FROM "BusyBlock" WHERE id = 'none'`);
    expect(await versions()).toEqual([2, 1]);
    await sql(`TRUNCATE "BusyBlock"`);
    expect(await versions()).toEqual([3, 2]);
    // Once per transaction and calendar, however many statements changed its blocks — also when
    // the transaction touched the calendar's row first.
    await sql(`BEGIN;
      UPDATE "ExternalCalendar" SET "displayName" = 'One again' WHERE id = 'c1';
      INSERT INTO "BusyBlock" (id, "organizationId", "userId", "externalCalendarId", "objectUrl", "startsAt", "endsAt")
        VALUES ('b3', 'o1', 'u1', 'c1', 'e3.ics', '2031-01-02 10:00', '2031-01-02 11:00');
      INSERT INTO "BusyBlock" (id, "organizationId", "userId", "externalCalendarId", "objectUrl", "startsAt", "endsAt")
        VALUES ('b4', 'o1', 'u1', 'c1', 'e4.ics', '2031-01-02 12:00', '2031-01-02 13:00');
      DELETE FROM "BusyBlock" WHERE id = 'b3';
      COMMIT;`);
    expect(await versions()).toEqual([4, 2]);
    // The next transaction raises it again.
    await sql(`DELETE FROM "BusyBlock" WHERE id = 'b4'`);
    expect(await versions()).toEqual([5, 2]);
  });

  it("has no drift: the migrations produce exactly schema.prisma", async () => {
    const fromMigrations = await diff(db.url, ["--from-migrations", MIGRATIONS], ["--to-schema", SCHEMA]);
    expect(fromMigrations.exitCode, fromMigrations.stdout).toBe(0);

    // The database that migrate deploy built (previous test) matches the schema too.
    const fromDatabase = await diff(db.url, ["--from-config-datasource"], ["--to-schema", SCHEMA]);
    expect(fromDatabase.exitCode, fromDatabase.stdout).toBe(0);

    expect(await leftoverShadowDatabases()).toEqual([]);
  });

  it("reports drift when the schema has a model the migrations lack", async () => {
    const changed = path.join(scratch, "changed.prisma");
    writeFileSync(changed, `${readFileSync(SCHEMA, "utf8")}\nmodel DriftCanary {\n  id String @id\n}\n`);

    const result = await diff(db.url, ["--from-migrations", MIGRATIONS], ["--to-schema", changed]);

    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain("DriftCanary");
    expect(await leftoverShadowDatabases()).toEqual([]);
  });

  // Booking overlap rules will live in raw SQL that schema.prisma cannot express. Prisma's diff
  // ignores exclusion constraints (and extensions without the postgresqlExtensions preview
  // feature), so such a migration must neither break deploy nor show up as drift.
  it("deploys a btree_gist exclusion constraint migration without reporting drift", async () => {
    const migrations = path.join(scratch, "migrations");
    cpSync(MIGRATIONS, migrations, { recursive: true });
    mkdirSync(path.join(migrations, "99999999999999_exclusion_probe"));
    writeFileSync(
      path.join(migrations, "99999999999999_exclusion_probe", "migration.sql"),
      `CREATE EXTENSION IF NOT EXISTS btree_gist;\n\n` +
        `ALTER TABLE "WorkingHours" ADD CONSTRAINT "WorkingHours_no_overlap"\n` +
        `  EXCLUDE USING gist ("userId" WITH =, "weekday" WITH =, int4range("startMinute", "endMinute") WITH &&);\n`,
    );
    // A config without imports (it lives outside the project, where "prisma/config" cannot be resolved).
    const config = path.join(scratch, "prisma.config.ts");
    writeFileSync(
      config,
      `export default { schema: ${JSON.stringify(SCHEMA)}, migrations: { path: ${JSON.stringify(migrations)} }, ` +
        `datasource: { url: process.env.DATABASE_URL } };\n`,
    );
    const target = await createDatabase("gist");
    const env = { ...process.env, DATABASE_URL: target.url };

    await runPrisma(["migrate", "deploy", "--config", config], env, { capture: true });
    const constraints = await adminQuery<{ contype: string }>(
      `SELECT contype FROM pg_constraint WHERE conname = 'WorkingHours_no_overlap'`,
      target.name,
    );
    expect(constraints).toEqual([{ contype: "x" }]);

    const fromMigrations = await diff(target.url, ["--from-migrations", migrations], ["--to-schema", SCHEMA]);
    expect(fromMigrations.exitCode, fromMigrations.stdout).toBe(0);
    const fromDatabase = await diff(target.url, ["--from-config-datasource"], ["--to-schema", SCHEMA]);
    expect(fromDatabase.exitCode, fromDatabase.stdout).toBe(0);
  });
});
