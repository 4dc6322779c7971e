import type { Runner } from "graphile-worker";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { startWorker } from "@/lib/sync/worker";

describe("worker heartbeats", () => {
  let runner: Runner | undefined;
  afterAll(async () => {
    await runner?.stop();
  });

  it("releases the locks of a worker that stopped beating, so its jobs run again", async () => {
    // A job left locked by a worker that was killed: no heartbeat for two minutes.
    const key = `heartbeat-${Date.now()}`;
    await enqueueJob(
      db,
      "record_sign_in",
      { userId: "nobody", at: new Date().toISOString() },
      { jobKey: key, runAt: new Date(Date.now() + 3_600_000) },
    );
    await db.$executeRaw`UPDATE graphile_worker._private_jobs SET locked_by = 'killed-worker', locked_at = now() WHERE key = ${key}`;
    await db.$executeRaw`INSERT INTO "WorkerHeartbeat" ("workerId", "seenAt") VALUES ('killed-worker', now() - interval '2 minutes')`;

    runner = await startWorker({
      connectionString: process.env.DATABASE_URL!,
      noHandleSignals: true,
      cron: false,
      only: ["record_sign_in"],
      heartbeat: { intervalMs: 200, deadAfterMs: 60_000 },
    });
    const deadline = Date.now() + 10_000;
    let lockedBy: string | null = "killed-worker";
    while (lockedBy && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      const rows = await db.$queryRaw<
        { locked_by: string | null }[]
      >`SELECT locked_by FROM graphile_worker._private_jobs WHERE key = ${key}`;
      lockedBy = rows[0]?.locked_by ?? null;
    }
    expect(lockedBy).toBeNull();
    // The live worker beats; the dead one's row is gone.
    const beats = await db.workerHeartbeat.findMany();
    expect(beats.map((b) => b.workerId)).not.toContain("killed-worker");
    expect(beats.length).toBeGreaterThan(0);
  });
});

describe("worker heartbeats, with a job running", () => {
  it("beat in the name graphile-worker locks jobs with, so a dead worker's jobs can be found", async () => {
    const { createOrganization, createUser } = await import("../support/factories");
    const pg = (await import("pg")).default;
    const { stopWorker } = await import("@/lib/sync/worker");
    const org = await createOrganization();
    const user = await createUser({ organizationId: org.id });
    const key = `heartbeat-lock-${user.id}`;
    // The job blocks on the user's row until the test lets go.
    const lock = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await lock.connect();
    await lock.query("BEGIN");
    await lock.query(`SELECT id FROM "User" WHERE id = $1 FOR UPDATE`, [user.id]);
    const runner = await startWorker({
      connectionString: process.env.DATABASE_URL!,
      noHandleSignals: true,
      pollInterval: 100,
      cron: false,
      only: ["record_sign_in"],
      heartbeat: { intervalMs: 200 },
    });
    try {
      await enqueueJob(db, "record_sign_in", { userId: user.id, at: new Date().toISOString() }, { jobKey: key });
      let lockedBy: string | null = null;
      for (let i = 0; i < 100 && !lockedBy; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const rows = await db.$queryRaw<
          { locked_by: string | null }[]
        >`SELECT locked_by FROM graphile_worker._private_jobs WHERE key = ${key}`;
        lockedBy = rows[0]?.locked_by ?? null;
      }
      expect(lockedBy).not.toBeNull();
      // force_unlock_workers(<dead heartbeats>) releases exactly the jobs whose locked_by beats here.
      expect((await db.workerHeartbeat.findMany()).map((b) => b.workerId)).toContain(lockedBy);
    } finally {
      await lock.query("ROLLBACK");
      await lock.end();
      await stopWorker(runner);
    }
  });
});
