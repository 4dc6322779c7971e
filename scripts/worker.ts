// `npm run worker`: the job worker as its own process, for running workers apart from the
// web tier (set WORKER_IN_PROCESS=false on the web servers then). Any number may run at once.
import { loadLocalEnv } from "./lib/local-env";

loadLocalEnv();
const { env } = await import("@/lib/env");
const { migrateJobQueue } = await import("@/lib/sync/queue-schema");
const { startWorker } = await import("@/lib/sync/worker");
await migrateJobQueue(env.DATABASE_URL);
// WORKER_CRON=false leaves the schedule to other workers (and to tests that drive refreshes).
const runner = await startWorker({ connectionString: env.DATABASE_URL, concurrency: 8, cron: process.env.WORKER_CRON !== "false" });
console.log("worker: running (Ctrl-C to stop)");
await runner.promise;
