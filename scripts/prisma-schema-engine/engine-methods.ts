import { readFile } from "node:fs/promises";
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  type ErrorRegistry,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { createAdapterFactory } from "./adapter-factory";
import { databaseName, type DatasourceConfig, quoteIdent, urlForDatabase, withClient } from "./connection";
import { UserFacingError } from "./errors";
import { loadSchemaEngine } from "./load-wasm";

export interface EngineOptions {
  datasource: DatasourceConfig;
  /** Paths of the Prisma schema files, as passed with `--datamodels`. */
  datamodelPaths: string[];
}

type Handler = (params: unknown) => Promise<unknown>;

/**
 * Maps the JSON-RPC methods the prisma CLI calls onto the wasm engine. The method names and
 * parameter shapes are the same as the native engine's; a few exist only there and are done here.
 */
export function createMethods(options: EngineOptions, print: (content: string) => void): Record<string, Handler> {
  let engine: Promise<SchemaEngine> | undefined;
  let factory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory | undefined;
  // Connecting is lazy, like the native engine: the CLI starts the engine before it knows
  // whether the database exists (it may call createDatabase first).
  const getEngine = () =>
    (engine ??= (async () => {
      factory = bindMigrationAwareSqlAdapterFactory(createAdapterFactory(options.datasource));
      return startEngine(options, factory);
    })());
  const forward =
    (name: Exclude<keyof SchemaEngine, symbol>): Handler =>
    async (params) => {
      const instance = (await getEngine()) as unknown as Record<string, (p: unknown) => Promise<unknown>>;
      return instance[name]!.call(instance, params).catch((error: unknown) => {
        throw factory ? explainExternalError(error, factory.errorRegistry) : error;
      });
    };

  return {
    applyMigrations: forward("applyMigrations"),
    createMigration: withWarmMigrationSchema(getEngine, forward("createMigration")),
    dbExecute: forward("dbExecute"),
    devDiagnostic: forward("devDiagnostic"),
    diagnoseMigrationHistory: forward("diagnoseMigrationHistory"),
    diff: async (params) => {
      const result = (await forward("diff")(params)) as { exitCode: number; stdout: string | null };
      // The wasm engine returns the diff where the native one prints it (see RpcServer.print).
      if (result.stdout !== null) print(result.stdout.replace(/\n$/, ""));
      return { ...result, stdout: null };
    },
    ensureConnectionValidity: forward("ensureConnectionValidity"),
    evaluateDataLoss: withWarmMigrationSchema(getEngine, forward("evaluateDataLoss")),
    introspect: forward("introspect"),
    introspectSql: forward("introspectSql"),
    markMigrationApplied: forward("markMigrationApplied"),
    markMigrationRolledBack: forward("markMigrationRolledBack"),
    reset: forward("reset"),
    schemaPush: forward("schemaPush"),
    // The wasm `debugPanic` is synchronous and traps; the RPC server turns that into a panic reply.
    debugPanic: async () => (await getEngine()).debugPanic(),
    getDatabaseVersion: async () => (await getEngine()).version(),
    createDatabase: async (params) => createDatabase(targetUrl(params, options.datasource)),
  };
}

/**
 * evaluateDataLoss and createMigration need the schema the migration history produces, which
 * takes a shadow database. Unlike the native engine, the wasm connector cannot open one itself:
 * only methods handed the adapter factory (diagnoseMigrationHistory, devDiagnostic, diff) can,
 * and they leave the result in the engine's per-process cache, keyed by the applied migrations.
 * `migrate dev` calls devDiagnostic *before* applying pending migrations, so the cache holds the
 * wrong list and the engine fails with "shadow DB must be provided through an external factory".
 * Diagnosing again right before (with the migrations now applied) fills the cache with the
 * right list; when the cache is already right this is a cheap lookup.
 */
function withWarmMigrationSchema(getEngine: () => Promise<SchemaEngine>, call: Handler): Handler {
  return async (params) => {
    const { migrationsList, filters } = params as Parameters<SchemaEngine["diagnoseMigrationHistory"]>[0];
    const key = JSON.stringify(migrationsList.migrationDirectories);
    if (!warmedFor.has(key)) {
      // Its errors (e.g. a broken migration) resurface, with better context, from the call itself.
      await (
        await getEngine()
      )
        .diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true })
        .then(() => warmedFor.add(key))
        .catch(() => undefined);
    }
    return call(params);
  };
}

/** Migration lists already diagnosed by this process (evaluateDataLoss then createMigration). */
const warmedFor = new Set<string>();

/**
 * An exception thrown on the JS side of the adapter (e.g. our CREATE DATABASE for the shadow
 * database being refused) reaches the engine as an opaque "External error id#N"; the original
 * is kept in the bound factory's registry. Put its message back so the user can act on it.
 */
function explainExternalError(error: unknown, registry: ErrorRegistry): unknown {
  const e = error as { message?: unknown };
  if (typeof e?.message !== "string") return error;
  e.message = e.message.replace(/External error id#(\d+)/g, (text, id: string) => {
    const original = registry.consumeError(Number(id))?.error as { message?: unknown } | undefined;
    return typeof original?.message === "string" ? `${text}: ${original.message}` : text;
  });
  return error;
}

async function startEngine(
  { datamodelPaths }: EngineOptions,
  factory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
): Promise<SchemaEngine> {
  const SchemaEngineClass = await loadSchemaEngine();
  const datamodels = await Promise.all(datamodelPaths.map(async (file): Promise<[string, string]> => [file, await readFile(file, "utf8")]));
  // The engine's tracing output is already the JSON-lines format the CLI reads from stderr.
  const log = (line: string) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`);
  return SchemaEngineClass.new({ datamodels: datamodels.length > 0 ? datamodels : undefined }, log, factory);
}

/** `createDatabase` params name the database either by URL or by the schema's datasource. */
function targetUrl(params: unknown, datasource: DatasourceConfig): string {
  const p = params as { datasource?: { tag?: string; url?: string } } | undefined;
  const url = p?.datasource?.tag === "ConnectionString" ? p.datasource.url : datasource.url;
  if (!url) throw new UserFacingError("P1012", "No datasource URL to create the database from.");
  return url;
}

/** Creates the database named in `url` (connecting to the `postgres` maintenance database). */
export async function createDatabase(url: string): Promise<{ databaseName: string }> {
  const name = databaseName(url);
  await withClient(urlForDatabase(url, "postgres"), async (client) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount) throw new UserFacingError("P1009", `Database \`${name}\` already exists on the database server.`);
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  });
  return { databaseName: name };
}
