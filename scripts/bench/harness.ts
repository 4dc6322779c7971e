// Shared by the benchmark scripts: a throwaway PostgreSQL and a production server on it.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "../lib/local-env";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "../lib/postgres";
import { prepareDatabase } from "../lib/prepare-database";
import { freePort } from "../../tests/support/ports";

export interface BenchEnv {
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export async function startBenchDatabase(extraEnv: Record<string, string> = {}): Promise<BenchEnv> {
  const dir = mkdtempSync(path.join(tmpdir(), "crm-bench-"));
  const pg: RunningPostgres = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: await freePort(), persistent: false });
  await ensureDatabase(pg.adminUrl, "bench");
  const databaseUrl = pg.urlFor("bench");
  await prepareDatabase(databaseUrl, { seed: false });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    CREDENTIALS_ENCRYPTION_KEYS: `kbench:${randomBytes(32).toString("base64")}`,
    NEXT_TELEMETRY_DISABLED: "1",
    PUBLIC_WRITE_RATE_LIMIT: "100000",
    PUBLIC_READ_RATE_LIMIT: "100000",
    ...extraEnv,
  };
  Object.assign(process.env, env);
  // `next start` runs the production build; this process keeps its own NODE_ENV.
  const serverEnv = { ...env, NODE_ENV: "production" } as NodeJS.ProcessEnv;
  return {
    databaseUrl,
    env: serverEnv,
    stop: async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startServer(env: NodeJS.ProcessEnv): Promise<{ url: string; pid: number; stop(): void }> {
  const bin = path.join(ROOT, "node_modules/.bin/next");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  if (!existsSync(path.join(ROOT, ".next/BUILD_ID")) || process.argv.includes("--build")) {
    // Production refuses to build without its public address too.
    await run(spawn(bin, ["build"], { cwd: ROOT, stdio: "inherit", env: { APP_URL: url, ...env } }));
  }
  // Production refuses to start without its public address.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    stdio: "ignore",
    env: { APP_URL: url, ...env },
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/login`)).status < 500) return { url, pid: child.pid!, stop: () => child.kill("SIGTERM") };
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGKILL");
  throw new Error("the server did not start");
}

function run(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`)))));
}

/**
 * `--name <number>` from the command line, or `fallback` when absent. A value that is not a number
 * or fails `check` stops the bench with "bench:<bench>: --<name> must be <what>".
 */
export function numberOption(bench: string, name: string, fallback: number, check: (n: number) => boolean, what: string): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const raw = process.argv[at + 1];
  const value = Number(raw);
  if (raw === undefined || !Number.isFinite(value) || !check(value)) {
    console.error(`bench:${bench}: --${name} must be ${what} (got ${raw ?? "nothing"})`);
    process.exit(2);
  }
  return value;
}

export function percentiles(samples: number[]): { p50: number; p95: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: round(at(0.5)), p95: round(at(0.95)), n: sorted.length };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export function machine(): string {
  return `${process.platform} ${process.arch}, ${navigatorCores()} cores, node ${process.version}`;
}

function navigatorCores(): number {
  return (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency ?? 0;
}
