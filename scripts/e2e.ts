// End-to-end layer of the test command: a fresh database seeded with the demo data, a
// production build served by `next start`, then Playwright in Debian's Chromium.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./lib/local-env";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "./lib/postgres";
import { prepareDatabase } from "./lib/prepare-database";
import { startIcloudProxy, type IcloudProxy } from "../tests/fixtures/icloud-proxy";
import { freePort } from "../tests/support/ports";
import { startRadicale, type RadicaleServer } from "../tests/support/radicale";
import { startSmtpServer, type TestSmtpServer } from "../tests/support/smtp-server";

const children: ChildProcess[] = [];
let embedded: RunningPostgres | undefined;
let external: RunningPostgres | undefined;
let dataDir: string | undefined;
let radicale: RadicaleServer | undefined;
let proxy: IcloudProxy | undefined;
let smtp: TestSmtpServer | undefined;

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(command, args, { cwd: ROOT, stdio: "inherit", env });
  children.push(child);
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

async function main(): Promise<number> {
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  if (!adminUrl) {
    dataDir = mkdtempSync(path.join(tmpdir(), "crm-e2e-pg-"));
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "data"), port: await freePort(), persistent: false });
    adminUrl = embedded.adminUrl;
  }
  const database = `crm_e2e_${Date.now()}_${randomBytes(3).toString("hex")}`;
  await ensureDatabase(adminUrl, database);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  await prepareDatabase(url.toString(), { seed: true });

  // The real CalDAV server behind the iCloud-shaped proxy; tests make accounts through its control API.
  radicale = await startRadicale();
  proxy = await startIcloudProxy({ radicale });

  // A real SMTP server; what it accepts is written as .eml files the specs read.
  dataDir ??= mkdtempSync(path.join(tmpdir(), "crm-e2e-pg-"));
  const mailDir = path.join(dataDir, "mail");
  smtp = await startSmtpServer({ saveTo: mailDir });

  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url.toString(),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    CREDENTIALS_ENCRYPTION_KEYS: `ke2e:${randomBytes(32).toString("base64")}`,
    APP_URL: `http://127.0.0.1:${port}`,
    ICLOUD_CALDAV_URL: proxy.entryUrl,
    CALDAV_ALLOWED_HOSTS: "127.0.0.1",
    SMTP_URL: smtp.url,
    NEXT_TELEMETRY_DISABLED: "1",
    // Every spec's browser comes from 127.0.0.1: one client to the rate limits, which the
    // integration tests check; here they must not cut a long run short.
    PUBLIC_WRITE_RATE_LIMIT: "100000",
    PUBLIC_READ_RATE_LIMIT: "100000",
    PUBLIC_CALENDAR_WRITE_RATE_LIMIT: "100000",
  };
  const bin = (name: string) => path.join(ROOT, "node_modules/.bin", name);

  if (!process.argv.includes("--no-build")) {
    console.log("› next build");
    const built = await run(bin("next"), ["build"], env);
    if (built !== 0) return built;
  }
  console.log(`› the app's server (production build) on port ${port}`);
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    stdio: "inherit",
    env,
  });
  children.push(server);
  await waitForHttp(`http://127.0.0.1:${port}/login`, 60_000);

  // A second installation as a business would run it: the production run command against an
  // empty PostgreSQL of its own (an "external" database to the app), which a spec may stop.
  const emptyDir = path.join(dataDir, "external");
  external = await startEmbeddedPostgres({ dataDir: emptyDir, port: await freePort(), persistent: false });
  await ensureDatabase(external.adminUrl, "crm");
  const emptyPort = await freePort();
  const emptyApp = spawn(process.execPath, ["--import", "tsx", "scripts/run-app.ts", "--production"], {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...env,
      DATABASE_URL: external.urlFor("crm"),
      PORT: String(emptyPort),
      APP_URL: `http://127.0.0.1:${emptyPort}`,
      // This installation has no mail server: its admins are told customers receive nothing.
      SMTP_URL: undefined,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
    },
  });
  children.push(emptyApp);
  await waitForHttp(`http://127.0.0.1:${emptyPort}/login`, 90_000);

  const passthrough = process.argv.slice(2).filter((a) => a !== "--no-build");
  return run(bin("playwright"), ["test", ...passthrough], {
    ...env,
    E2E_BASE_URL: `http://127.0.0.1:${port}`,
    E2E_PROXY_URL: proxy.entryUrl,
    E2E_EMPTY_BASE_URL: `http://127.0.0.1:${emptyPort}`,
    E2E_EMPTY_PG_DATA: emptyDir,
    E2E_MAIL_DIR: mailDir,
  });
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error);
} finally {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await proxy?.close();
  await smtp?.close();
  await radicale?.stop();
  await external?.stop();
  await embedded?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
