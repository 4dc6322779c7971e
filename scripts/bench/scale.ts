// `npm run bench:scale -- --members 1000 [--minutes 3] [--change-rate 0.02] [--latency 100]`
//
// N connected members, one Apple account each with 2 or 3 counted calendars of 30–120 events,
// behind the iCloud-shaped proxy (tests/fixtures/icloud-proxy) with --latency ms added to every
// request. The CalDAV server behind the proxy is scripts/bench/caldav-peer.ts (in memory; Radicale
// cannot serve 10,000 accounts at this rate on this machine). Every member belongs to an
// iCloud-enabled round robin, so every calendar is due each minute. The database starts as after
// each calendar's first read (state, ctag, sync token and busy blocks written directly); then the
// job worker runs as its own process (scripts/worker.ts, cron on) for a warm-up minute and
// --minutes measured minutes while --change-rate of the calendars change each minute in "iCloud".
// Reported: staleness of every calendar sampled every 5 s (p50/p95/max), the refresh jobs waiting
// past their run time (each account is read at its own second of the minute), requests per calendar per minute, the worker's CPU and PostgreSQL's active time
// per account refresh, and the machine's load.
import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { machine, numberOption, percentiles, startBenchDatabase } from "./harness";
import { startCalDavPeer } from "./caldav-peer";
import { startIcloudProxy } from "../../tests/fixtures/icloud-proxy";
import { appleIdFor, dsidFor } from "../../tests/fixtures/icloud-proxy/paths";
import { ROOT } from "../lib/local-env";

const DAY = 86_400_000;

const option = (name: string, fallback: number, check: (n: number) => boolean, what: string) =>
  numberOption("scale", name, fallback, check, what);
const MEMBERS = option("members", 1000, (n) => Number.isInteger(n) && n >= 1 && n <= 50_000, "a whole number from 1 to 50000");
const MINUTES = option("minutes", 3, (n) => Number.isInteger(n) && n >= 1 && n <= 60, "a whole number of minutes from 1 to 60");
const CHANGE_RATE = option("change-rate", 0.02, (n) => n >= 0 && n <= 1, "a fraction from 0 to 1");
const LATENCY = option("latency", 100, (n) => Number.isInteger(n) && n >= 0 && n <= 5_000, "milliseconds from 0 to 5000");

const bench = await startBenchDatabase();
const peer = await startCalDavPeer();
const proxy = await startIcloudProxy({ radicale: { url: peer.url }, latencyMs: LATENCY });
const { db } = await import("@/lib/db");
const { sealPassword } = await import("@/lib/connections/credentials");

// ---- Seed: accounts in the peer, members, connections, calendars and busy blocks in the database.
const t0 = Date.now();
const now = Date.now();
const org = await db.organization.create({ data: { name: "Scale" } });
const users = Array.from({ length: MEMBERS }, (_, i) => ({
  id: randomUUID(),
  organizationId: org.id,
  email: `m${i}@scale.test`,
  name: `Member ${i}`,
  passwordHash: "x",
  timeZone: "UTC",
}));
for (let i = 0; i < users.length; i += 5_000) await db.user.createMany({ data: users.slice(i, i + 5_000) });
const booking = await db.bookingCalendar.create({
  data: { organizationId: org.id, type: "ROUND_ROBIN", name: "Scale RR", slug: `scale-${now}`, timeZone: "UTC", windowRollingDays: 30 },
});
for (let i = 0; i < users.length; i += 5_000) {
  await db.bookingCalendarMember.createMany({
    data: users.slice(i, i + 5_000).map((u) => ({ organizationId: org.id, bookingCalendarId: booking.id, userId: u.id })),
  });
}
const coveredUntil = new Date(Math.ceil((now + 120 * DAY) / DAY) * DAY);
const connections: {
  id: string;
  organizationId: string;
  userId: string;
  appleId: string;
  serverUrl: string;
  principalUrl: string;
  homeUrl: string;
  passwordKeyId: string;
  passwordCiphertext: Uint8Array<ArrayBuffer>;
}[] = [];
const calendars: {
  id: string;
  organizationId: string;
  connectionId: string;
  userId: string;
  url: string;
  displayName: string;
  components: string[];
  ctag: string;
  syncToken: string;
  isPrimary: boolean;
  checkConflicts: boolean;
  lastRefreshedAt: Date;
  lastRefreshAttemptAt: Date;
  coveredUntil: Date;
}[] = [];
const peerCalendars: { user: string; name: string; id: string; url: string; userId: string; events: number }[] = [];
for (let i = 0; i < MEMBERS; i++) {
  const username = `scale${i}x${randomBytes(3).toString("hex")}`;
  const password = "abcd-efgh-ijkl-mnop";
  const names = i % 2 === 0 ? ["home", "work"] : ["home", "work", "family"];
  const specs = names.map((name, k) => ({ name, events: 30 + ((i * 31 + k * 17) % 91) }));
  peer.addAccount(username, password, specs);
  const dsid = dsidFor(username);
  proxy.accounts.register(username);
  const id = randomUUID();
  const sealed = sealPassword(id, password);
  connections.push({
    id,
    organizationId: org.id,
    userId: users[i]!.id,
    appleId: appleIdFor(username),
    serverUrl: proxy.entryUrl,
    principalUrl: new URL(`/${dsid}/principal/`, proxy.entryUrl).href,
    homeUrl: new URL(`/${dsid}/calendars/`, proxy.partitionUrl).href,
    passwordKeyId: sealed.passwordKeyId,
    passwordCiphertext: sealed.passwordCiphertext,
  });
  // Read during the last minute, as in steady state.
  const read = new Date(now - Math.floor(Math.random() * 55_000));
  for (const [k, spec] of specs.entries()) {
    const state = peer.state(username, spec.name);
    const calendarId = randomUUID();
    const url = new URL(`/${dsid}/calendars/${spec.name}/`, proxy.partitionUrl).href;
    calendars.push({
      id: calendarId,
      organizationId: org.id,
      connectionId: id,
      userId: users[i]!.id,
      url,
      displayName: spec.name,
      components: ["VEVENT"],
      ctag: state.ctag,
      syncToken: state.syncToken,
      isPrimary: k === 0,
      checkConflicts: true,
      lastRefreshedAt: read,
      lastRefreshAttemptAt: read,
      coveredUntil,
    });
    peerCalendars.push({ user: username, name: spec.name, id: calendarId, url, userId: users[i]!.id, events: spec.events });
  }
}
for (let i = 0; i < connections.length; i += 2_000) await db.calendarConnection.createMany({ data: connections.slice(i, i + 2_000) });
for (let i = 0; i < calendars.length; i += 5_000) await db.externalCalendar.createMany({ data: calendars.slice(i, i + 5_000) });
// Busy blocks as the first read would have stored them (one per event; times as the peer generates them).
const blockRows: unknown[][] = [];
let blocks = 0;
const flush = async () => {
  if (blockRows.length === 0) return;
  const cols = [0, 1, 2, 3, 4, 5].map((c) => blockRows.map((r) => r[c]));
  await db.$executeRaw`
    INSERT INTO "BusyBlock" (id, "organizationId", "userId", "externalCalendarId", "objectUrl", "startsAt", "endsAt", title)
    SELECT gen_random_uuid()::text, ${org.id}, v.u, v.c, v.o, v.s, v.e, 'Busy'
    FROM unnest(${cols[0]}::text[], ${cols[1]}::text[], ${cols[2]}::text[], ${cols[3]}::timestamp[], ${cols[4]}::timestamp[]) AS v(u, c, o, s, e)`;
  blocks += blockRows.length;
  blockRows.length = 0;
};
for (const c of peerCalendars) {
  const calendar = peer.accounts.get(c.user)!.calendars.get(c.name)!;
  for (let i = 0; i < c.events; i++) {
    const t = peer.eventTimes(calendar, i, 1);
    blockRows.push([c.userId, c.id, `${c.url}e${i}.ics`, new Date(t.start), new Date(t.end)]);
  }
  if (blockRows.length >= 20_000) await flush();
}
await flush();
await db.$executeRaw`ANALYZE`;
console.log(
  `seeded ${MEMBERS} members, ${connections.length} accounts, ${calendars.length} calendars, ${blocks} busy blocks in ${Math.round((Date.now() - t0) / 1000)} s`,
);

// ---- The worker, as its own process, with the cron on.
const worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
  cwd: ROOT,
  stdio: ["ignore", "ignore", "inherit"],
  env: {
    ...process.env,
    NODE_ENV: "development",
    ICLOUD_CALDAV_URL: proxy.entryUrl,
    CALDAV_ALLOWED_HOSTS: "127.0.0.1",
    CALDAV_TIMEOUT_MS: "30000",
    WORKER_CRON: "true",
  },
});
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const machineCpu = () => {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0]!.split(/\s+/).slice(1).map(Number);
  return { busy: f[0]! + f[1]! + f[2]! + f[4]! + f[5]! + f[6]!, total: f.reduce((a, b) => a + b, 0) - 0 };
};
const dbActiveMs = async () =>
  Number((await db.$queryRaw<{ ms: number }[]>`SELECT active_time AS ms FROM pg_stat_database WHERE datname = current_database()`)[0]!.ms);
// Refresh jobs due (run_at passed) and not finished, and how long the oldest of them has waited.
const queueState = async () => {
  const row = (
    await db.$queryRaw<{ n: bigint; wait: number | null }[]>`
      SELECT count(*) AS n, (extract(epoch FROM max(now() - run_at)) * 1000)::float8 AS wait
      FROM graphile_worker.jobs WHERE task_identifier IN ('refresh_accounts', 'refresh_calendar') AND run_at <= now()`
  )[0]!;
  return { n: Number(row.n), wait: row.wait ?? 0 };
};

// Changes in "iCloud": CHANGE_RATE of the calendars a minute, spread over the minute.
let changes = 0;
const changer = setInterval(() => {
  const n = Math.round((peerCalendars.length * CHANGE_RATE) / 10);
  for (let k = 0; k < n; k++) {
    const c = peerCalendars[Math.floor(Math.random() * peerCalendars.length)]!;
    peer.touch(c.user, c.name);
    changes++;
  }
}, 6_000);

// The queue, sampled 4 times a second: a worker that keeps up has (almost) nothing waiting.
const backlog: number[] = [];
const waited: number[] = [];
let sampling = false;
const watcher = setInterval(() => {
  if (!sampling) return;
  void queueState()
    .then(({ n, wait }) => {
      backlog.push(n);
      waited.push(wait);
    })
    .catch((error: unknown) => console.error("bench:scale: could not read the queue:", error instanceof Error ? error.message : error));
}, 250);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
console.log(`worker started; warming up until the second cron tick…`);
const nextMinute = () => Math.ceil(Date.now() / 60_000) * 60_000;
await sleep(nextMinute() - Date.now() + 60_000 + 2_000);

// ---- Measured minutes.
proxy.reset();
proxy.setLatency(LATENCY);
const start = Date.now();
const cpu0 = cpuSeconds(worker.pid!);
const machine0 = machineCpu();
const db0 = await dbActiveMs();
sampling = true;
const staleness: number[] = [];
let over60 = 0;
let over90 = 0;
let samples = 0;
while (Date.now() < start + MINUTES * 60_000) {
  const rows = await db.$queryRaw<
    { age: number }[]
  >`SELECT (extract(epoch FROM (now() AT TIME ZONE 'UTC') - "lastRefreshedAt") * 1000)::float8 AS age FROM "ExternalCalendar"`;
  for (const r of rows) {
    staleness.push(r.age);
    if (r.age > 60_000) over60++;
    if (r.age > 90_000) over90++;
  }
  samples++;
  await sleep(5_000);
}
const elapsedMin = (Date.now() - start) / 60_000;
const cpu = cpuSeconds(worker.pid!) - cpu0;
const machine1 = machineCpu();
const dbMs = (await dbActiveMs()) - db0;
const stats = proxy.stats();
clearInterval(changer);
clearInterval(watcher);
const homePropfinds = stats.log.filter((l) => l.method === "PROPFIND" && /^\/\d+\/calendars\/$/.test(l.path)).length;
const failedLog = stats.log.filter((l) => l.status >= 400);
const unanswered = stats.log.filter((l) => l.status === 0).length;
const failed = failedLog.length;
const failedKinds = [...new Set(failedLog.map((l) => `${l.method} ${l.status}`))].join(", ");
const failures = Number(
  (await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "ExternalCalendar" WHERE "lastRefreshError" IS NOT NULL`)[0]!.n,
);

worker.kill("SIGTERM");
await new Promise((r) => worker.once("exit", r));
await db.$disconnect();
await proxy.close();
await peer.close();
await bench.stop();

const s = percentiles(staleness);
const sec = (ms: number) => Math.round(ms / 100) / 10;
const max = staleness.reduce((a, b) => Math.max(a, b), 0);
const b = percentiles(backlog);
const w = percentiles(waited);
console.log(`\nbench:scale on ${machine()}, ${LATENCY} ms added per CalDAV request`);
console.log(
  `  ${MEMBERS} members, ${connections.length} accounts, ${calendars.length} calendars, ${blocks} busy blocks; every member in an iCloud-enabled round robin (due every minute)`,
);
console.log(
  `  measured ${elapsedMin.toFixed(1)} min; ${changes} calendar changes made in iCloud (${CHANGE_RATE * 100}% of calendars a minute)`,
);
console.log(
  `  staleness (now − last read) over ${samples} samples of every calendar: p50 ${sec(s.p50)} s, p95 ${sec(s.p95)} s, max ${sec(max)} s; samples > 60 s: ${((over60 / staleness.length) * 100).toFixed(2)}%, > 90 s: ${((over90 / staleness.length) * 100).toFixed(2)}%`,
);
console.log(
  `  refresh jobs past their run time, sampled ${backlog.length} times: p50 ${b.p50}, p95 ${b.p95}, max ${backlog.reduce((x, y) => Math.max(x, y), 0)}; the oldest had waited p50 ${sec(w.p50)} s, p95 ${sec(w.p95)} s, max ${sec(waited.reduce((x, y) => Math.max(x, y), 0))} s`,
);
console.log(
  `  requests: ${stats.requests} (${homePropfinds} home PROPFINDs, ${failed} failed${failed ? ` (${failedKinds})` : ""}, ${unanswered} still in flight when counted) = ${(stats.requests / calendars.length / elapsedMin).toFixed(3)} per calendar per minute, ${(stats.requests / connections.length / elapsedMin).toFixed(3)} per account per minute`,
);
console.log(
  `  worker CPU: ${cpu.toFixed(1)} s = ${((cpu / (elapsedMin * 60)) * 100).toFixed(0)}% of one core; ${homePropfinds ? ((cpu * 1000) / homePropfinds).toFixed(2) : "?"} ms per account refresh, ${homePropfinds ? ((cpu * 1000 * connections.length) / homePropfinds / calendars.length).toFixed(2) : "?"} ms per calendar`,
);
console.log(
  `  PostgreSQL active time: ${Math.round(dbMs)} ms = ${homePropfinds ? (dbMs / homePropfinds).toFixed(2) : "?"} ms per account refresh`,
);
console.log(
  `  machine CPU busy (all processes: worker, proxy + peer, PostgreSQL): ${(((machine1.busy - machine0.busy) / (machine1.total - machine0.total)) * 100).toFixed(0)}%`,
);
console.log(`  calendars with a refresh error at the end: ${failures}`);
