import { db } from "@/lib/db";

export interface HealthReport {
  status: "ok" | "error";
  database: "ok" | "unreachable";
  worker: { lastBeatSecondsAgo: number | null };
  queue: { pending: number; failed: number } | null;
  /** The failing parts, named, when status is "error". */
  failing?: string[];
}

/** A worker that has not beaten for this long is down (it beats every 15 s). */
export const WORKER_STALE_SECONDS = 60;
const DATABASE_TIMEOUT_MS = 3_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * What a load balancer asks every few seconds: one round trip to PostgreSQL reading the newest
 * worker heartbeat and the job counts (both from small, indexed tables), bounded in time so a
 * hung database answers "unreachable" instead of hanging the probe.
 */
export async function checkHealth(): Promise<HealthReport> {
  try {
    const [row] = await withTimeout(
      db.$queryRaw<{ beat: number | null; pending: bigint; failed: bigint }[]>`
        SELECT
          (SELECT extract(epoch FROM now() - max("seenAt"))::float8 FROM "WorkerHeartbeat") AS beat,
          (SELECT count(*) FROM graphile_worker._private_jobs WHERE attempts < max_attempts) AS pending,
          (SELECT count(*) FROM graphile_worker._private_jobs WHERE attempts >= max_attempts) AS failed`,
      DATABASE_TIMEOUT_MS,
    );
    const lastBeatSecondsAgo = row?.beat == null ? null : Math.max(0, Math.round(row.beat));
    const workerUp = lastBeatSecondsAgo !== null && lastBeatSecondsAgo <= WORKER_STALE_SECONDS;
    return {
      status: workerUp ? "ok" : "error",
      database: "ok",
      worker: { lastBeatSecondsAgo },
      queue: { pending: Number(row?.pending ?? 0), failed: Number(row?.failed ?? 0) },
      ...(workerUp ? {} : { failing: ["worker"] }),
    };
  } catch {
    // The reason stays in the server's own logs of the failing query; the probe names the part only.
    return { status: "error", database: "unreachable", worker: { lastBeatSecondsAgo: null }, queue: null, failing: ["database"] };
  }
}
