// `npm run worker`: the job worker as its own process, for running workers apart from the
// web tier (set WORKER_IN_PROCESS=false on the web servers then). Any number may run at once.
import { loadLocalEnv } from "./lib/local-env";

loadLocalEnv();
const { env } = await import("@/lib/env");
const { migrateJobQueue } = await import("@/lib/sync/queue-schema");
const { startWorker, stopWorker } = await import("@/lib/sync/worker");
await migrateJobQueue(env.DATABASE_URL);
// WORKER_CRON=false leaves the schedule to other workers (and to tests that drive refreshes).
// Signals are ours: a normal stop waits for the running jobs and exits 0 (graphile-worker's own
// handler re-raises the signal, which npm reports as a failure).
const runner = await startWorker({
  connectionString: env.DATABASE_URL,
  concurrency: 8,
  cron: env.WORKER_CRON === "true",
  noHandleSignals: true,
});
console.log("worker: running (Ctrl-C to stop)");

const REPEAT_MS = 5_000;
let stoppingSince = 0;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stoppingSince) {
      // npm and the terminal both pass Ctrl-C on: a repeat within 5 s is the same request.
      if (Date.now() - stoppingSince < REPEAT_MS) return;
      // A later Ctrl-C: stop now. Jobs still running are released by a live worker's heartbeat within a minute.
      console.log("worker: stopping now");
      process.exit(130);
    }
    stoppingSince = Date.now();
    console.log(`worker: ${signal} received; stopping once the running jobs finish (Ctrl-C again to stop now)`);
    void stopWorker(runner, { log: (line) => console.log(line) }).then(() => {
      console.log("worker: stopped");
      process.exit(0);
    });
  });
}
await runner.promise;
