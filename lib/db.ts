import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One client per process. In development Next reloads modules, so the client is kept on
// globalThis to avoid opening a new pool on every edit.
const globalForDb = globalThis as unknown as { crmDb?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL });
  return new PrismaClient({ adapter });
}

export const db: PrismaClient = globalForDb.crmDb ?? createClient();
if (env.NODE_ENV !== "production") globalForDb.crmDb = db;

export type { PrismaClient };

/** An interactive transaction (db.$transaction(async (tx) => …)). */
export type Tx = Prisma.TransactionClient;
/** The app's client or a transaction: domain loaders accept either. */
export type Db = PrismaClient | Tx;
/** Anything that can run a raw statement, e.g. to enqueue a job in the caller's transaction. */
export type Sql = Pick<Tx, "$executeRaw">;
