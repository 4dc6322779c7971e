// The job registry (lib/jobs/registry.ts) is the one list of background jobs: the worker runs a
// task for each and nothing else, enqueueing checks payloads and takes keys and queues from it.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/jobs/enqueue";
import { JOB_NAMES, jobKey } from "@/lib/jobs/registry";
import { taskList } from "@/lib/sync/worker";

describe("the job registry", () => {
  it("matches the worker's task list exactly", () => {
    expect(Object.keys(taskList).sort()).toEqual([...JOB_NAMES].sort());
  });

  it("spells each key once, as the status pages and retries look for it", () => {
    expect(jobKey("push_appointment", { appointmentId: "a1", userId: "u1" })).toBe("push_appointment:a1:u1");
    expect(jobKey("push_blocked_time", { blockedTimeId: "b1", userId: "u1" })).toBe("push_blocked_time:b1:u1");
    expect(jobKey("refresh_calendar", { calendarId: "c1" })).toBe("refresh_calendar:c1");
    expect(jobKey("send_email", { emailId: "e1" })).toBe("send_email:e1");
    expect(jobKey("record_sign_in", { userId: "u1", at: new Date().toISOString() })).toBeUndefined();
  });

  it("refuses a malformed payload before anything is queued", async () => {
    await expect(enqueue(db, "push_appointment", { appointmentId: "", userId: "u" })).rejects.toThrow();
    await expect(enqueue(db, "send_email", { emailId: 42 } as never)).rejects.toThrow();
    expect(
      (await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = 'push_appointment::u'`)[0]!.n,
    ).toBe(0n);
  });

  it("queues a push under its key in its own queue, so two pushes of one event never overlap", async () => {
    const payload = { appointmentId: `reg-${Date.now()}`, userId: "u-registry" };
    await enqueue(db, "push_appointment", payload);
    await enqueue(db, "push_appointment", payload);
    const rows = await db.$queryRaw<{ key: string; queue_name: string | null; max_attempts: number }[]>`
      SELECT key, queue_name, max_attempts FROM graphile_worker.jobs WHERE key = ${jobKey("push_appointment", payload)}`;
    expect(rows).toEqual([
      {
        key: `push_appointment:${payload.appointmentId}:u-registry`,
        queue_name: `push_appointment:${payload.appointmentId}:u-registry`,
        max_attempts: 25,
      },
    ]);
    await db.$executeRaw`SELECT graphile_worker.remove_job(${rows[0]!.key})`;
  });
});
