import { env } from "@/lib/env";
import { startWorker } from "./worker";

/** Starts the job worker inside the web server's process (instrumentation.ts). */
export async function startInProcessWorker(): Promise<void> {
  const runner = await startWorker({ connectionString: env.DATABASE_URL, noHandleSignals: true, cron: process.env.WORKER_CRON !== "false" });
  const stop = () => void runner.stop().catch(() => undefined);
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
