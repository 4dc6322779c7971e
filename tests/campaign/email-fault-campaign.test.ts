// Email delivery under faults, with the real worker process and a real SMTP server: the server
// refuses every message's first attempt with a 4xx, and the worker is SIGKILLed while the server
// holds a message it has not acknowledged. Every message must still arrive, exactly once.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBooking } from "@/lib/booking/create";
import { db } from "@/lib/db";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser } from "../support/factories";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DAY = 86_400_000;
const BOOKINGS = 20;
let smtp: TestSmtpServer;
let worker: ChildProcess | undefined;
/** Messages held unanswered while the worker is killed; holding stops once it is dead. */
const heldIds = new Set<string>();
let holding = false;

function startWorkerProcess(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    stdio: "ignore",
    env: { ...process.env, SMTP_URL: smtp.url, WORKER_CRON: "false" },
  });
}

async function killWorker(): Promise<void> {
  if (!worker || worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((resolve) => worker!.once("exit", resolve));
  worker.kill("SIGKILL");
  await exited;
  // What the heartbeat does for a worker silent for a minute, done at once.
  await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(ARRAY(SELECT DISTINCT locked_by FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL))`;
}

beforeAll(async () => {
  smtp = await startSmtpServer({
    decide: ({ messageId, n }) => {
      if (n === 1) return { code: 451, message: "4.3.0 Try again later" };
      // From the tenth message's second attempt on, every message is held until the worker is
      // killed: whatever it is sending at that moment was never acknowledged by the server.
      if (holding || (heldIds.size === 0 && smtp.attempts.size >= 10)) {
        holding = true;
        heldIds.add(messageId);
        return "hold";
      }
      return "accept";
    },
  });
});
afterAll(async () => {
  await killWorker();
  await smtp?.close();
});

describe("email delivery under faults", () => {
  it(`${BOOKINGS} bookings: every confirmation and staff notice arrives exactly once despite 4xx answers and a killed worker`, async () => {
    const org = await createOrganization();
    const member = await withWorkingHours(await createUser({ organizationId: org.id, timeZone: "UTC" }), [0, 1, 2, 3, 4, 5, 6], 0, 24 * 60);
    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "ROUND_ROBIN",
      memberIds: [member.id],
      timeZone: "UTC",
      durationMinutes: 30,
    });
    const firstDay = Math.ceil((Date.now() + 2 * DAY) / DAY) * DAY;

    worker = startWorkerProcess();
    for (let i = 0; i < BOOKINGS; i++) {
      await createBooking({ slug: calendar.slug, start: firstDay + i * 60 * 60_000, timeZone: "UTC", customer: customer(`fault-${i}`) });
    }
    const expected = await db.emailMessage.findMany({ where: { organizationId: org.id } });
    expect(expected).toHaveLength(2 * BOOKINGS);

    await expect.poll(() => smtp.heldCount(), { timeout: 60_000, interval: 100 }).toBeGreaterThan(0);
    // Until no more arrive: every send in flight is then waiting on the server, and every send
    // the server acknowledged earlier has long been recorded.
    let seen = -1;
    while (seen !== smtp.heldCount()) {
      seen = smtp.heldCount();
      await new Promise((r) => setTimeout(r, 500));
    }
    await killWorker();
    holding = false;
    worker = startWorkerProcess();

    await expect
      .poll(async () => db.emailMessage.count({ where: { organizationId: org.id, status: "SENT" } }), { timeout: 120_000, interval: 500 })
      .toBe(2 * BOOKINGS);
    // A moment more, so that a duplicate still on its way would be counted.
    await new Promise((r) => setTimeout(r, 2_000));

    const ours = new Set(expected.map((m) => m.messageId));
    const delivered = smtp.received.filter((m) => ours.has(m.messageId)).map((m) => m.messageId);
    expect(delivered.sort()).toEqual([...ours].sort()); // every one, none twice
    expect([...heldIds].every((id) => ours.has(id))).toBe(true);
    // Each was refused once before it went through; a held one took one attempt more.
    expect(expected.every((m) => (smtp.attempts.get(m.messageId) ?? 0) >= 2)).toBe(true);
    expect([...heldIds].every((id) => smtp.attempts.get(id) === 3)).toBe(true);
    // The refusals were recorded while retrying and cleared on success.
    expect(await db.emailMessage.count({ where: { organizationId: org.id, NOT: { lastError: null } } })).toBe(0);
  });
});
