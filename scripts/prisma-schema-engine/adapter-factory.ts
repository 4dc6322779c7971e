import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { reportCharColumns } from "./catalog-types";
import { databaseName, newPool, splitPrismaUrl, type DatasourceConfig } from "./connection";
import { createShadowDatabase, dropShadowDatabase, resetConfiguredShadowDatabase } from "./shadow-database";

/**
 * The driver adapter factory the wasm engine talks to. `connect()` is the main database;
 * `connectToShadowDb()` is a scratch database the engine may replay migrations into.
 * Both go through pools whose client relabels catalog column types (see catalog-types.ts).
 */
export function createAdapterFactory(datasource: DatasourceConfig): SqlMigrationAwareDriverAdapterFactory {
  const url = datasource.url;
  if (!url) {
    // Unlike the native engine, the wasm one needs a live connection even for schema-only diffs.
    throw new Error("No datasource URL: set DATABASE_URL (prisma.config.ts reads it); this schema engine always needs a database.");
  }
  const mainFactory = pgFactory(url);
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => mainFactory.connect(),
    connectToShadowDb: () => connectToShadowDb(url, datasource.shadowDatabaseUrl),
  };
}

function pgFactory(url: string): { connect(): Promise<SqlDriverAdapter> } {
  const factory = new PrismaPg(newPool(url), { schema: splitPrismaUrl(url).schema, disposeExternalPool: true });
  return { connect: async () => runScriptsWhole(reportCharColumns(await factory.connect())) };
}

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

/**
 * adapter-pg's executeScript splits the script on ";" and runs the pieces one by one. That
 * breaks statements containing ";" (function bodies, DO blocks, string literals) and leaves a
 * failed migration half-applied. The native engine sends a migration as one simple-protocol
 * query, which PostgreSQL runs as a single implicit transaction; we do the same.
 */
function runScriptsWhole(adapter: PgAdapter): PgAdapter {
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      // onError is adapter-pg's (protected) pg-error → DriverAdapterError mapping, which gives
      // the engine a structured error (SQLSTATE, message) instead of an opaque JS exception.
      (adapter as unknown as { onError(error: unknown): never }).onError(error);
    }
  };
  return adapter;
}

async function connectToShadowDb(mainUrl: string, configuredShadowUrl: string | undefined): Promise<SqlDriverAdapter> {
  if (configuredShadowUrl) {
    // A user-provided shadow database (e.g. a hosted DB where CREATE DATABASE is not allowed).
    // It gets emptied, so it must never be the main database.
    if (sameDatabase(configuredShadowUrl, mainUrl)) {
      throw new Error("shadowDatabaseUrl points at the main database; it must be a separate, disposable database.");
    }
    await resetConfiguredShadowDatabase(configuredShadowUrl);
    return pgFactory(configuredShadowUrl).connect();
  }
  const shadowUrl = await createShadowDatabase(mainUrl);
  const adapter = await pgFactory(shadowUrl).connect();
  const dispose = adapter.dispose.bind(adapter);
  // The engine disposes the shadow adapter when it is done with it; that is when the database goes.
  adapter.dispose = async () => {
    await dispose();
    await dropShadowDatabase(databaseName(shadowUrl));
  };
  return adapter;
}

function sameDatabase(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  return x.hostname === y.hostname && (x.port || "5432") === (y.port || "5432") && databaseName(a) === databaseName(b);
}
