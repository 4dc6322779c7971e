import pg from "pg";
import { CatalogFriendlyClient } from "./catalog-types";

/** What the CLI passes as `--datasource`: the `datasource` block of prisma.config.ts. */
export interface DatasourceConfig {
  url?: string;
  shadowDatabaseUrl?: string;
}

/** The same server and credentials, another database (used for shadow databases). */
export function urlForDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, "")) || "postgres";
}

/**
 * Prisma URLs carry `?schema=` (the PostgreSQL search path Prisma manages), which libpq and pg
 * do not know. It becomes adapter-pg's `schema` option instead of a connection parameter.
 */
export function splitPrismaUrl(url: string): { connectionString: string; schema: string | undefined } {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}

export function newPool(url: string): pg.Pool {
  const { connectionString } = splitPrismaUrl(url);
  // Few connections: the engine runs one statement at a time; a pool lets transactions check out a client.
  return new pg.Pool({ connectionString, Client: CatalogFriendlyClient, max: 4 });
}

/** Runs `fn` with a single connection to `url`, always closing it. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: splitPrismaUrl(url).connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The user-facing Prisma error codes the CLI knows how to explain (pris.ly/d/engine-errors).
 * The native engine produces these itself; we map the equivalent pg / socket failures.
 */
export function prismaConnectionError(error: unknown, url: string): { code: string; message: string } | undefined {
  const e = error as { code?: string; message?: string };
  const { hostname, port } = new URL(url);
  const where = `${hostname}:${port || 5432}`;
  switch (e.code) {
    case "3D000":
      return { code: "P1003", message: `Database \`${databaseName(url)}\` does not exist on the database server at \`${where}\`.` };
    case "28P01":
    case "28000":
      return { code: "P1000", message: `Authentication failed against the database server at \`${where}\`: ${e.message}` };
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
      return { code: "P1001", message: `Can't reach database server at \`${where}\`.` };
    default:
      return undefined;
  }
}
