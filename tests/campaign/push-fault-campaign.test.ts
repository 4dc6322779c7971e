// Runs as its own vitest project, on its own fresh database: its worker process must not pick
// up (or be blocked by) jobs that other test files enqueue.
// The push invariant under faults: 100 booking operations while iCloud answers about one
// request in five with a fault, and the worker process is killed with SIGKILL three times.
// Once the queue drains, every member's primary calendar holds exactly the CRM's events.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHostPolicy } from "@/lib/caldav/allow-list";
import type { Actor } from "@/lib/auth/session";
import { cancelAppointment } from "@/lib/booking/cancel";
import { createBooking } from "@/lib/booking/create";
import { rescheduleAppointment } from "@/lib/booking/reschedule";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud } from "@/lib/connections/connect";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { startIcloudProxy, type IcloudAccount, type IcloudProxy } from "../fixtures/icloud-proxy";
import { createBookingCalendar, customer, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser } from "../support/factories";
import { collectionUrl, startRadicale, type RadicaleServer } from "../support/radicale";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DAY = 86_400_000;
let radicale: RadicaleServer;
let proxy: IcloudProxy;
let worker: ChildProcess | undefined;

function startWorkerProcess(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    stdio: "ignore",
    env: {
      ...process.env,
      ICLOUD_CALDAV_URL: proxy.entryUrl,
      CALDAV_ALLOWED_HOSTS: "127.0.0.1",
      CALDAV_TIMEOUT_MS: "1500",
      WORKER_CRON: "false",
    },
  });
}

async function killWorker(): Promise<void> {
  if (!worker || worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((resolve) => worker!.once("exit", resolve));
  worker.kill("SIGKILL");
  await exited;
  // A killed worker's locks would otherwise hold its jobs for graphile-worker's 4 hours.
  await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(ARRAY(SELECT DISTINCT locked_by FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL))`;
}

beforeAll(async () => {
  radicale = await startRadicale();
  proxy = await startIcloudProxy({ radicale });
});
afterAll(async () => {
  await killWorker();
  await proxy?.close();
  await radicale?.stop();
});

async function crmEventsIn(account: IcloudAccount, calendar: string): Promise<{ uid: string; start: number }[]> {
  const res = await fetch(collectionUrl(radicale, account, calendar), {
    method: "REPORT",
    headers: {
      authorization: `Basic ${Buffer.from(`${account.username}:${account.password}`).toString("base64")}`,
      depth: "1",
      "content-type": "application/xml",
    },
    body: `<?xml version="1.0"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>`,
  });
  const xml = await res.text();
  return [...xml.matchAll(/<(?:\w+:)?calendar-data[^>]*>([\s\S]*?)<\/(?:\w+:)?calendar-data>/g)].map((m) => {
    const ics = m[1]!.replace(/&#13;/g, "\r").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!);
    return { uid: event.uid, start: event.startDate.toJSDate().getTime() };
  });
}

async function pendingPushJobs(): Promise<number> {
  const rows = await db.$queryRaw<
    { n: bigint }[]
  >`SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'push_appointment' AND attempts < max_attempts`;
  return Number(rows[0]!.n);
}

describe("push fault campaign", () => {
  it("ends with iCloud equal to the CRM: nothing lost, nothing duplicated", { timeout: 240_000 }, async () => {
    const settings = { serverUrl: proxy.entryUrl, policy: createHostPolicy(proxy.entryUrl, "127.0.0.1"), timeoutMs: 5000 };
    const org = await createOrganization();
    const members: { id: string; account: IcloudAccount }[] = [];
    for (let i = 0; i < 3; i++) {
      const user = await withWorkingHours(await createUser({ organizationId: org.id, timeZone: "UTC" }), [0, 1, 2, 3, 4, 5, 6], 0, 1440);
      const actor: Actor = { userId: user.id, organizationId: org.id, role: "STAFF", name: user.name, email: user.email };
      const account = await proxy.createAccount();
      const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
      const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
      await saveCalendarConfiguration({ actor, input: { userId: user.id, primaryCalendarId: home.id, conflictCalendarIds: [home.id] } });
      await db.externalCalendar.updateMany({ where: { connectionId }, data: { lastRefreshedAt: new Date(Date.now() + DAY) } });
      members.push({ id: user.id, account });
    }
    // Refreshes enqueued by connecting are not this test's subject.
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs WHERE task_id IN (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'refresh_calendar')`;
    const calendar = await createBookingCalendar({
      organizationId: org.id,
      type: "ROUND_ROBIN",
      memberIds: members.map((m) => m.id),
      timeZone: "UTC",
      durationMinutes: 30,
    });

    for (const fault of [
      { kind: "unavailable", retryAfter: 1 },
      { kind: "server-error" },
      { kind: "stall" },
      { kind: "reset" },
      { kind: "precondition-failed" },
    ] as const) {
      proxy.addFault({ match: {}, probability: 0.045, fault });
    }
    worker = startWorkerProcess();

    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const base = Math.floor(Date.now() / DAY) * DAY + 2 * DAY;
    const live: string[] = [];
    let operations = 0;
    for (let op = 0; op < 100; op++) {
      if (op === 25 || op === 50 || op === 75) {
        await killWorker();
        worker = startWorkerProcess();
      }
      const choice = random();
      const start = base + Math.floor(random() * 20) * DAY + Math.floor(random() * 40) * 30 * 60_000;
      try {
        if (choice < 0.5 || live.length === 0) {
          live.push((await createBooking({ slug: calendar.slug, start, timeZone: "UTC", customer: customer(op) })).id);
        } else if (choice < 0.8) {
          await rescheduleAppointment({ appointmentId: live[Math.floor(random() * live.length)]!, start });
        } else {
          const [id] = live.splice(Math.floor(random() * live.length), 1);
          await cancelAppointment({ appointmentId: id! });
        }
        operations++;
      } catch (error) {
        if (!(isAppError(error) && error.code === "CONFLICT")) throw error;
      }
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(operations).toBeGreaterThan(80);

    // The outage ends: faults stop and the retries waiting out their backoff run now (as an
    // operator would do after an outage), then the queue drains with the last worker.
    proxy.clearFaults();
    await db.$executeRaw`SELECT graphile_worker.reschedule_jobs(ARRAY(SELECT id FROM graphile_worker._private_jobs WHERE locked_at IS NULL), run_at => now())`;
    const deadline = Date.now() + 150_000;
    while ((await pendingPushJobs()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    expect(await pendingPushJobs()).toBe(0);
    await killWorker();

    const expected = await db.staffHold.findMany({
      where: { bookingCalendarId: calendar.id, active: true, appointment: { status: "CONFIRMED" } },
      select: { userId: true, appointmentId: true, startsAt: true },
    });
    let total = 0;
    for (const m of members) {
      const events = await crmEventsIn(m.account, "home");
      const uids = events.map((e) => e.uid);
      expect(new Set(uids).size).toBe(uids.length); // no duplicates
      const want = expected.filter((h) => h.userId === m.id);
      expect(events.map((e) => `${e.uid}@${e.start}`).sort()).toEqual(
        want.map((h) => `crm-${h.appointmentId}-${m.id}@crm-calendar@${h.startsAt.getTime()}`).sort(),
      );
      total += want.length;
    }
    expect(total).toBeGreaterThan(10);
  });
});
