import { env } from "@/lib/env";
import { startWorker, stopWorker } from "./worker";

const SIGNALS = ["SIGTERM", "SIGINT"] as const;
type Listener = (signal: NodeJS.Signals) => void;

/**
 * Starts the job worker inside the web server's process (instrumentation.ts).
 *
 * On SIGTERM/SIGINT, `next start` closes its HTTP server and then calls process.exit, which
 * would cut a running job off mid-push and leave it locked. Next registers those handlers
 * before it loads instrumentation.ts, so we take them over: the worker stops first (running
 * jobs finish, or are released after STOP_GRACE_MS), then the host's handlers run as before.
 * A signal more than 5 s after the first goes straight to the host; a repeat within 5 s is the
 * same request passed on twice (by the terminal and a parent process). Without a host
 * handler, the signal's default action (ending the process) follows the worker's stop.
 */
export async function startInProcessWorker(): Promise<void> {
  const runner = await startWorker({ connectionString: env.DATABASE_URL, noHandleSignals: true, cron: env.WORKER_CRON === "true" });
  runner.promise.catch((error: unknown) => console.error("worker: stopped by an error:", error));

  let stopped: Promise<void> | null = null;
  let since = 0;
  for (const signal of SIGNALS) {
    const host = process.listeners(signal) as Listener[];
    for (const listener of host) process.removeListener(signal, listener);
    const passOn = () => {
      if (host.length > 0) {
        for (const listener of host) listener(signal);
      } else {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    const onSignal = () => {
      if (stopped) {
        if (Date.now() - since >= 5_000) passOn();
        return;
      }
      since = Date.now();
      console.log(`worker: ${signal} received; stopping once the running jobs finish`);
      stopped = stopWorker(runner, { log: (line) => console.log(line) }).then(() => console.log("worker: stopped"));
      void stopped.then(passOn);
    };
    process.on(signal, onSignal);
  }
}
