// Several instances on one PostgreSQL (issue 14): two web servers (scripts/server.ts on the
// production build that the e2e step has just made) and two job workers (scripts/worker.ts, both
// with the cron on), all separate processes. Runs as its own vitest project after the e2e step
// (scripts/test.sh): it needs the build, and its workers take every job on its database.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { createHostPolicy } from "@/lib/caldav/allow-list";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud } from "@/lib/connections/connect";
import { db } from "@/lib/db";
import { startIcloudProxy, type IcloudAccount, type IcloudProxy } from "../fixtures/icloud-proxy";
import { createBookingCalendar, withWorkingHours } from "../support/booking-factories";
import { createOrganization, createUser } from "../support/factories";
import { freePort } from "../support/ports";
import { collectionUrl, startRadicale, type RadicaleServer } from "../support/radicale";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DAY = 86_400_000;
let radicale: RadicaleServer;
let proxy: IcloudProxy;
let smtp: TestSmtpServer;
const children: ChildProcess[] = [];
const servers: string[] = [];
let workers: ChildProcess[] = [];
let slug = "";
const members: { id: string; account: IcloudAccount; connectionId: string }[] = [];

function baseEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ICLOUD_CALDAV_URL: proxy.entryUrl,
    CALDAV_ALLOWED_HOSTS: "127.0.0.1",
    CALDAV_TIMEOUT_MS: "5000",
    SMTP_URL: smtp.url,
    WORKER_IN_PROCESS: "false",
    PUBLIC_WRITE_RATE_LIMIT: "100000",
    PUBLIC_READ_RATE_LIMIT: "100000",
    PUBLIC_CALENDAR_WRITE_RATE_LIMIT: "100000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

async function startWebServer(): Promise<string> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...baseEnv(), NODE_ENV: "production", APP_URL: url },
  });
  children.push(child);
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/login`)).status < 500) return url;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the web server on ${url} did not start`);
}

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...baseEnv(), WORKER_CRON: "true" },
  });
  children.push(child);
  return child;
}

const pending = async (tasks: string[]) =>
  Number(
    (
      await db.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = ANY(${tasks}::text[]) AND attempts < max_attempts`
    )[0]!.n,
  );

async function drained(tasks: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await pending(tasks)) > 0) {
    if (Date.now() > deadline) throw new Error(`jobs ${tasks.join(", ")} still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function eventUids(account: IcloudAccount): Promise<string[]> {
  const res = await fetch(collectionUrl(radicale, account, "home"), {
    method: "REPORT",
    headers: {
      authorization: `Basic ${Buffer.from(`${account.username}:${account.password}`).toString("base64")}`,
      depth: "1",
      "content-type": "application/xml",
    },
    body: `<?xml version="1.0"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"/></c:filter></c:calendar-query>`,
  });
  return [...(await res.text()).matchAll(/UID:([^\r\n&]+)/g)].map((m) => m[1]!);
}

async function book(server: string, start: number, n: string): Promise<{ status: number; id?: string; email: string }> {
  const email = `c-${n}@instances.test`;
  const res = await fetch(`${server}/api/public/calendars/${slug}/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ start: new Date(start).toISOString(), timeZone: "UTC", name: `Customer ${n}`, email }),
  });
  const body = (await res.json().catch(() => ({}))) as { id?: string };
  return { status: res.status, id: body.id, email };
}

/** Every confirmed appointment's event is in its member's iCloud calendar, exactly once. */
async function expectICloudEqualsCrm(): Promise<number> {
  const holds = await db.staffHold.findMany({
    where: { active: true, appointment: { status: "CONFIRMED" } },
    select: { userId: true, appointmentId: true },
  });
  for (const m of members) {
    const uids = await eventUids(m.account);
    expect(new Set(uids).size).toBe(uids.length);
    const want = holds.filter((h) => h.userId === m.id).map((h) => `crm-${h.appointmentId}-${m.id}@crm-calendar`);
    expect(uids.filter((u) => u.startsWith("crm-")).sort()).toEqual(want.sort());
  }
  return holds.length;
}

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, ".next/BUILD_ID")))
    throw new Error("No production build: run `npx next build` first (scripts/test.sh runs this after the e2e step, which builds).");
  radicale = await startRadicale();
  proxy = await startIcloudProxy({ radicale });
  smtp = await startSmtpServer();
  const settings = { serverUrl: proxy.entryUrl, policy: createHostPolicy(proxy.entryUrl, "127.0.0.1"), timeoutMs: 5000 };
  const org = await createOrganization();
  for (let i = 0; i < 3; i++) {
    const user = await withWorkingHours(await createUser({ organizationId: org.id, timeZone: "UTC" }), [0, 1, 2, 3, 4, 5, 6], 0, 1440);
    const actor: Actor = { userId: user.id, organizationId: org.id, role: "STAFF", name: user.name, email: user.email };
    const account = await proxy.createAccount();
    const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
    const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
    await saveCalendarConfiguration({ actor, input: { userId: user.id, primaryCalendarId: home.id, conflictCalendarIds: [home.id] } });
    members.push({ id: user.id, account, connectionId });
  }
  const calendar = await createBookingCalendar({
    organizationId: org.id,
    type: "ROUND_ROBIN",
    memberIds: members.map((m) => m.id),
    timeZone: "UTC",
    durationMinutes: 30,
  });
  slug = calendar.slug;
  const [a, b] = await Promise.all([startWebServer(), startWebServer()]);
  servers.push(a, b);
  workers = [startWorkerProcess(), startWorkerProcess()];
  // The first reads (enqueued by connecting) are done by the workers before bookings start.
  await drained(["refresh_calendar"], 60_000);
}, 240_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await smtp?.close();
  await proxy?.close();
  await radicale?.stop();
});

describe("two web instances and two workers on one PostgreSQL", () => {
  it("concurrent bookings over both instances never double-book; each push and email job runs once", { timeout: 120_000 }, async () => {
    proxy.setLatency(50);
    const before = proxy.stats().log.length;
    const base = Math.floor(Date.now() / DAY) * DAY + 3 * DAY + 9 * 3_600_000;
    const starts = Array.from({ length: 8 }, (_, i) => base + i * 30 * 60_000);
    // 48 attempts for 8 slots × 3 members = 24 places, alternating the instances, all at once.
    const results = await Promise.all(Array.from({ length: 48 }, (_, i) => book(servers[i % 2]!, starts[i % 8]!, `a${i}`)));
    expect(results.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
    const booked = results.filter((r) => r.status === 201);
    expect(booked.length).toBeGreaterThan(8);
    expect(booked.length).toBeLessThanOrEqual(24);
    // Never two appointments for one member at one time.
    const holds = await db.staffHold.findMany({ where: { active: true }, select: { userId: true, startsAt: true } });
    const keys = holds.map((h) => `${h.userId}@${h.startsAt.getTime()}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(holds.length).toBe(booked.length);

    await drained(["push_appointment", "send_email"], 60_000);
    // Each push ran once: one PUT per booking, none repeated.
    const puts = proxy
      .stats()
      .log.slice(before)
      .filter((l) => l.method === "PUT");
    expect(puts.length).toBe(booked.length);
    expect(new Set(puts.map((p) => p.path)).size).toBe(puts.length);
    expect(await expectICloudEqualsCrm()).toBe(booked.length);
    // Each confirmation email went out once.
    await smtp.waitFor((mails) => booked.every((b) => mails.some((m) => m.to.includes(b.email))), 30_000);
    for (const b of booked) expect(smtp.to(b.email).length).toBe(1);
    for (const r of results.filter((x) => x.status === 409)) expect(smtp.to(r.email)).toEqual([]);
  });

  it("the cron enqueues each account's refresh once per minute although both workers run it", { timeout: 240_000 }, async () => {
    proxy.setLatency(0);
    await db.externalCalendar.updateMany({
      where: { connectionId: { in: members.map((m) => m.connectionId) } },
      data: { lastRefreshAttemptAt: null, nextRefreshAt: null },
    });
    // Each account is read at its own second of the minute, within the first 50 s (plus a job's
    // 2 s span and the workers' 2 s poll): from one tick to 118 s after it, two cron runs' reads.
    const tick = Math.ceil(Date.now() / 60_000) * 60_000;
    await new Promise((r) => setTimeout(r, tick - Date.now()));
    const before = proxy.stats().log.length;
    await new Promise((r) => setTimeout(r, tick - Date.now() + 118_000));
    const homes = proxy
      .stats()
      .log.slice(before)
      .filter((l) => l.method === "PROPFIND" && /^\/\d+\/calendars\/$/.test(l.path));
    // These members are in an iCloud-enabled round robin: due every minute, so once per run each.
    for (const m of members) expect(homes.filter((h) => h.path === `/${m.account.dsid}/calendars/`).length).toBe(2);
    const calendars = await db.externalCalendar.findMany({
      where: { connectionId: { in: members.map((m) => m.connectionId) }, checkConflicts: true },
    });
    for (const c of calendars) {
      expect(c.lastRefreshError).toBeNull();
      expect(c.lastRefreshedAt!.getTime()).toBeGreaterThan(tick);
    }
  });

  it("a worker killed with SIGKILL mid-run loses nothing: its jobs run on the other worker", { timeout: 180_000 }, async () => {
    proxy.setLatency(700);
    const base = Math.floor(Date.now() / DAY) * DAY + 5 * DAY + 9 * 3_600_000;
    const results = await Promise.all(
      Array.from({ length: 18 }, (_, i) => book(servers[i % 2]!, base + Math.floor(i / 3) * 30 * 60_000, `k${i}`)),
    );
    const booked = results.filter((r) => r.status === 201);
    expect(booked.length).toBe(18);
    // Both workers are busy with the pushes (each takes 1.4 s or more at this latency).
    await new Promise((r) => setTimeout(r, 600));
    const victim = workers[0]!;
    victim.kill("SIGKILL");
    await new Promise((r) => victim.once("exit", r));
    await new Promise((r) => setTimeout(r, 4_000));
    // Jobs the killed worker held stay locked until the survivor's heartbeat releases them.
    const stuck = Number(
      (await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE locked_at IS NOT NULL`)[0]!.n,
    );
    expect(stuck).toBeGreaterThan(0);
    proxy.setLatency(0);
    await drained(["push_appointment", "send_email"], 120_000);
    await expectICloudEqualsCrm();
    await smtp.waitFor((mails) => booked.every((b) => mails.some((m) => m.to.includes(b.email))), 30_000);
    for (const b of booked) expect(smtp.to(b.email).length).toBeGreaterThanOrEqual(1);
  });
});
