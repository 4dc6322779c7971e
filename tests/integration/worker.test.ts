import type { Runner } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { startWorker } from "@/lib/sync/worker";
import { createOrganization, createUser } from "../support/factories";

async function waitFor<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting for the job");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("graphile-worker on the application database", () => {
  let runner: Runner;
  beforeAll(async () => {
    runner = await startWorker({
      connectionString: process.env.DATABASE_URL!,
      noHandleSignals: true,
      pollInterval: 200,
      cron: false,
      only: ["record_sign_in"],
    });
  });
  afterAll(async () => {
    await runner?.stop();
  });

  it("runs a job enqueued in a committed transaction", async () => {
    const org = await createOrganization();
    const user = await createUser({ organizationId: org.id });
    const at = new Date("2026-11-20T10:00:00Z");
    await db.$transaction(async (tx) => {
      await enqueueJob(tx, "record_sign_in", { userId: user.id, at: at.toISOString() });
    });
    const updated = await waitFor(async () => {
      const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
      return row.lastSignInAt ? row : null;
    });
    expect(updated.lastSignInAt?.toISOString()).toBe(at.toISOString());
  });

  it("never runs a job whose transaction rolled back (the outbox rule)", async () => {
    const org = await createOrganization();
    const user = await createUser({ organizationId: org.id });
    await expect(
      db.$transaction(async (tx) => {
        await enqueueJob(tx, "record_sign_in", { userId: user.id, at: new Date().toISOString() }, { jobKey: `rollback-${user.id}` });
        throw new Error("abort the booking");
      }),
    ).rejects.toThrow("abort the booking");
    const rows = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ${`rollback-${user.id}`}`;
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it("keeps the newest sign-in when an older job runs late", async () => {
    const org = await createOrganization();
    const user = await createUser({ organizationId: org.id });
    const newer = new Date("2026-11-21T10:00:00Z");
    await db.user.update({ where: { id: user.id }, data: { lastSignInAt: newer } });
    await enqueueJob(db, "record_sign_in", { userId: user.id, at: "2026-11-01T10:00:00Z" }, { jobKey: `late-${user.id}` });
    await waitFor(async () => {
      const rows = await db.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ${`late-${user.id}`}`;
      return Number(rows[0]!.n) === 0 ? true : null;
    });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lastSignInAt?.toISOString()).toBe(newer.toISOString());
  });
});
