import type { Sql } from "@/lib/db";
import { JOBS, jobOptions, type JobName, type JobPayload } from "./registry";

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

/** Adds a registered job (lib/jobs/registry.ts): its payload is checked, its key and queue come from the registry. */
export async function enqueue<N extends JobName>(
  sql: Sql,
  name: N,
  payload: JobPayload<N>,
  extra: { runAt?: Date; jobKey?: string } = {},
): Promise<void> {
  JOBS[name].payload.parse(payload);
  await enqueueJob(sql, name, payload, jobOptions(name, payload, extra));
}
