import { EventEmitter } from "node:events";
import type { WorkerEvents } from "graphile-worker";
import { db } from "@/lib/db";

export interface HeartbeatOptions {
  intervalMs?: number;
  /** A worker not seen for this long is dead; its locks are released. */
  deadAfterMs?: number;
}

/**
 * graphile-worker keeps a job locked for 4 hours when its worker dies without unlocking it,
 * and since each pushed event has its own queue, newer work for that event waits too. Every
 * worker records that it is alive; each beat also releases the locks of workers that stopped
 * beating (graphile_worker.force_unlock_workers), so a killed worker's jobs run again within
 * about a minute.
 */
export function startHeartbeat(options: HeartbeatOptions = {}) {
  const intervalMs = options.intervalMs ?? 15_000;
  const deadAfterSeconds = (options.deadAfterMs ?? 60_000) / 1000;
  const events = new EventEmitter() as WorkerEvents;
  const ours = new Set<string>();
  events.on("worker:create", ({ worker }) => {
    ours.add(worker.workerId);
    void beat().catch(() => undefined);
  });
  // graphile-worker 0.18 locks jobs in its pool's name (locked_by = "pool-…"), not a worker's.
  events.on("pool:create", ({ workerPool }) => {
    ours.add(workerPool.id);
    void beat().catch(() => undefined);
  });

  async function beat(): Promise<void> {
    const ids = [...ours];
    if (ids.length) {
      await db.$executeRaw`
        INSERT INTO "WorkerHeartbeat" ("workerId", "seenAt") SELECT unnest(${ids}::text[]), now()
        ON CONFLICT ("workerId") DO UPDATE SET "seenAt" = now()`;
    }
    const dead = await db.$queryRaw<{ workerId: string }[]>`
      DELETE FROM "WorkerHeartbeat" WHERE "seenAt" < now() - make_interval(secs => ${deadAfterSeconds}::float8)
      RETURNING "workerId"`;
    if (dead.length) {
      await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${dead.map((d) => d.workerId)}::text[])`;
    }
  }

  const timer = setInterval(() => void beat().catch(() => undefined), intervalMs);
  timer.unref();
  return {
    events,
    beat,
    async stop(): Promise<void> {
      clearInterval(timer);
      const ids = [...ours];
      if (ids.length) await db.$executeRaw`DELETE FROM "WorkerHeartbeat" WHERE "workerId" = ANY(${ids}::text[])`.catch(() => undefined);
    },
  };
}
