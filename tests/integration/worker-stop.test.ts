// A worker stopped the normal way (SIGTERM from a process manager or a deploy, Ctrl-C's SIGINT)
// is not a failure: it logs no ERROR line, lets the running job finish, leaves no job locked,
// and `npm run worker` exits 0. The processes run on a database of their own, so they never
// take the jobs of other test files.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Runner } from "graphile-worker";
import { db } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { startWorker, stopWorker } from "@/lib/sync/worker";
import { ensureDatabase } from "@/scripts/lib/postgres";
import { prepareDatabase } from "@/scripts/lib/prepare-database";
import { createOrganization, createUser } from "../support/factories";

const ROOT = path.resolve(import.meta.dirname, "../..");
const children: ChildProcess[] = [];
let databaseUrl = "";
let database = "";
let client: pg.Client;

beforeAll(async () => {
  database = `crm_worker_stop_${randomBytes(4).toString("hex")}`;
  await ensureDatabase(process.env.TEST_PG_ADMIN_URL!, database);
  const url = new URL(process.env.TEST_PG_ADMIN_URL!);
  url.pathname = `/${database}`;
  databaseUrl = url.toString();
  await prepareDatabase(databaseUrl, { seed: false });
  client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
});

afterEach(() => {
  for (const child of children.splice(0)) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

const signalGroup = (run: Run, signal: NodeJS.Signals) => process.kill(-run.child.pid!, signal);

afterAll(async () => {
  await client?.end();
  const admin = new pg.Client({ connectionString: process.env.TEST_PG_ADMIN_URL! });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
});

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForOutput: (pattern: RegExp) => Promise<void>;
}

async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function start(command: string, args: string[], extraEnv: Record<string, string> = {}): Run {
  // A process group of its own: the test signals all of it, as a terminal's Ctrl-C or systemd's stop do.
  const child = spawn(command, args, {
    detached: true,
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, WORKER_CRON: "false", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let text = "";
  child.stdout!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code: number | null, signal: NodeJS.Signals | null) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => text,
    exited,
    async waitForOutput(pattern) {
      await until(async () => {
        if (child.exitCode !== null) throw new Error(`exited early:\n${text}`);
        return pattern.test(text);
      }, `${pattern}`).catch((error: Error) => {
        throw new Error(`${error.message}; the output so far:\n${text}`);
      });
    },
  };
}

const npmWorker = () => start("npm", ["run", "--silent", "worker"]);
const webServerHost = () =>
  start(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/support/next-like-host.ts")], { WORKER_IN_PROCESS: "true" });

/** A user whose row the test locks: the record_sign_in job for them runs until the lock is let go. */
async function blockedSignInJob() {
  const suffix = randomBytes(4).toString("hex");
  const org = await client.query<{ id: string }>(`INSERT INTO "Organization" (id, name) VALUES ($1, 'Stop test') RETURNING id`, [
    `org-${suffix}`,
  ]);
  const user = await client.query<{ id: string }>(
    `INSERT INTO "User" (id, "organizationId", email, name, "passwordHash", "timeZone") VALUES ($1, $2, $3, 'Stop', 'x', 'UTC') RETURNING id`,
    [`user-${suffix}`, org.rows[0]!.id, `stop-${suffix}@example.test`],
  );
  const userId = user.rows[0]!.id;
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  await lock.query("BEGIN");
  await lock.query(`SELECT id FROM "User" WHERE id = $1 FOR UPDATE`, [userId]);
  const key = `stop-${suffix}`;
  const at = new Date().toISOString();
  await client.query(`SELECT graphile_worker.add_job('record_sign_in', $1::json, job_key => $2)`, [JSON.stringify({ userId, at }), key]);
  return {
    userId,
    at,
    running: () =>
      until(
        async () =>
          (await client.query(`SELECT 1 FROM graphile_worker._private_jobs WHERE key = $1 AND locked_by IS NOT NULL`, [key])).rowCount,
        "the job to start",
      ),
    release: async () => {
      await lock.query("COMMIT");
      await lock.end();
    },
    jobsLeft: async () =>
      (await client.query(`SELECT locked_by, attempts, last_error FROM graphile_worker._private_jobs WHERE key = $1`, [key])).rows,
    lastSignInAt: async () =>
      (await client.query<{ lastSignInAt: Date | null }>(`SELECT "lastSignInAt" FROM "User" WHERE id = $1`, [userId])).rows[0]!
        .lastSignInAt,
  };
}

/** npm passes the signal on, waits for the worker, then ends itself by the same signal (and prints nothing for it). */
const npmStopped = (exit: { code: number | null; signal: NodeJS.Signals | null }, signal: NodeJS.Signals) =>
  expect([
    { code: 0, signal: null },
    { code: null, signal },
  ]).toContainEqual(exit);

const noErrorLines = (output: string) => expect(output.split("\n").filter((line) => /error/i.test(line))).toEqual([]);

describe("npm run worker, stopped normally", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`logs no ERROR line and stops cleanly on ${signal}`, async () => {
      const run = npmWorker();
      await run.waitForOutput(/worker: running/);
      signalGroup(run, signal);
      const exit = await run.exited;
      noErrorLines(run.output());
      expect(run.output()).toMatch(/worker: stopped\n$/);
      npmStopped(exit, signal);
    });
  }

  it("lets the running job finish before it exits", async () => {
    const job = await blockedSignInJob();
    const run = npmWorker();
    await run.waitForOutput(/worker: running/);
    await job.running();
    signalGroup(run, "SIGTERM");
    await run.waitForOutput(/stopping once the running jobs finish/);
    await new Promise((r) => setTimeout(r, 1000));
    expect(run.child.exitCode).toBeNull();
    await job.release();
    npmStopped(await run.exited, "SIGTERM");
    noErrorLines(run.output());
    expect(run.output()).toMatch(/Completed task .*\nworker: stopped\n$/);
    expect((await job.lastSignInAt())?.toISOString()).toBe(job.at);
    expect(await job.jobsLeft(), run.output()).toEqual([]);
  });
});

describe("the web server's in-process worker, stopped normally", () => {
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    it(`finishes the running job, then lets the server exit as it would (${signal})`, async () => {
      const job = await blockedSignInJob();
      const run = webServerHost();
      await run.waitForOutput(/host: ready/);
      await job.running();
      signalGroup(run, signal);
      await run.waitForOutput(/stopping once the running jobs finish/);
      await new Promise((r) => setTimeout(r, 1000));
      expect(run.child.exitCode, run.output()).toBeNull();
      await job.release();
      expect(await run.exited).toEqual({ code, signal: null });
      const output = run.output();
      noErrorLines(output);
      expect(output).toMatch(/worker: stopped\nhost: closed/);
      expect((await job.lastSignInAt())?.toISOString()).toBe(job.at);
      expect(await job.jobsLeft(), run.output()).toEqual([]);
    });
  }
});

describe("stopWorker", () => {
  let runner: Runner | undefined;
  afterAll(async () => {
    if (runner) await stopWorker(runner);
  });

  it("releases a job still running after the grace period, so it runs again later", async () => {
    const org = await createOrganization();
    const user = await createUser({ organizationId: org.id });
    const key = `stop-late-${user.id}`;
    const lock = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await lock.connect();
    await lock.query("BEGIN");
    await lock.query(`SELECT id FROM "User" WHERE id = $1 FOR UPDATE`, [user.id]);
    try {
      await enqueueJob(db, "record_sign_in", { userId: user.id, at: new Date().toISOString() }, { jobKey: key });
      runner = await startWorker({
        connectionString: process.env.DATABASE_URL!,
        noHandleSignals: true,
        pollInterval: 200,
        cron: false,
        only: ["record_sign_in"],
      });
      await until(
        async () =>
          (await db.$queryRaw<unknown[]>`SELECT 1 FROM graphile_worker._private_jobs WHERE key = ${key} AND locked_by IS NOT NULL`).length,
        "the job to start",
      );
      const lines: string[] = [];
      await stopWorker(runner, { graceMs: 500, log: (line) => lines.push(line) });
      expect(lines.join("\n")).toMatch(/releasing them to run again later/);
      const rows = await db.$queryRaw<{ locked_by: string | null; attempts: number }[]>`
        SELECT locked_by, attempts FROM graphile_worker._private_jobs WHERE key = ${key}`;
      expect(rows).toEqual([{ locked_by: null, attempts: 1 }]);
      expect(lines).toHaveLength(1);
    } finally {
      await lock.query("ROLLBACK");
      await lock.end();
    }
  });
});
