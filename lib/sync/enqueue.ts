import type { PrismaClient } from "@/lib/generated/prisma/client";

// Anything that can run a raw query: the client itself or an interactive transaction.
type Sql = Pick<PrismaClient, "$executeRaw">;

export interface EnqueueOptions {
  /** Jobs with the same key coalesce: a newer one replaces one still waiting. */
  jobKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  /** Jobs in one named queue run one at a time, in order. */
  queueName?: string;
}

/**
 * Adds a graphile-worker job through SQL, so that called with a transaction it commits or
 * rolls back together with the change that caused it (the outbox rule in docs/ARCHITECTURE.md).
 */
export async function enqueueJob(sql: Sql, task: string, payload: unknown, options: EnqueueOptions = {}) {
  await sql.$executeRaw`
    SELECT graphile_worker.add_job(
      ${task}::text,
      ${JSON.stringify(payload)}::json,
      queue_name => ${options.queueName ?? null}::text,
      run_at => ${options.runAt ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? null}::int,
      job_key => ${options.jobKey ?? null}::text
    )`;
}
