// `npm run bench:abuse`: a production build on a throwaway PostgreSQL, attacked from loopback.
//  1. Memory: the web process's resident memory before and after 100,000 slot requests, each
//     with a distinct spelling of a time-zone name (aMeRiCa/nEw_yOrK, …).
//  2. Spoofed addresses: 1,000 booking attempts from one client, each with a random
//     X-Forwarded-For, against a server with no trusted proxy (TRUST_PROXY_HOPS=0): at most the
//     per-client limit may succeed.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { machine, percentiles, startBenchDatabase, startServer } from "./harness";

const REQUESTS = Number(process.env.BENCH_ABUSE_REQUESTS ?? 100_000);
const ATTEMPTS = 1_000;
const CONCURRENCY = 16;
const DAY = 86_400_000;
const ZONES = ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "America/Argentina/Buenos_Aires"];

/** The n-th case spelling of a zone: its letters upper or lower by the bits of n. */
function spelling(zone: string, n: number): string {
  let bit = 0;
  return [...zone].map((ch) => (/[a-z]/i.test(ch) ? ((n >> bit++) & 1 ? ch.toUpperCase() : ch.toLowerCase()) : ch)).join("");
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"))!;
  return Math.round(Number(line.replace(/\D+/g, "")) / 102.4) / 10;
}

const randomAddress = () => Array.from({ length: 4 }, () => Math.floor(Math.random() * 254) + 1).join(".");

async function pool(count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

const bench = await startBenchDatabase({ WORKER_IN_PROCESS: "false" });
const { db } = await import("@/lib/db");
const org = await db.organization.create({ data: { name: "Abuse bench" } });
const user = await db.user.create({
  data: { organizationId: org.id, email: "abuse-member@bench.test", name: "Member", passwordHash: "x", timeZone: "UTC" },
});
await db.workingHours.createMany({
  data: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ organizationId: org.id, userId: user.id, weekday, startMinute: 0, endMinute: 1440 })),
});
const calendar = await db.bookingCalendar.create({
  data: {
    organizationId: org.id,
    type: "ROUND_ROBIN",
    name: "Abuse",
    slug: `bench-abuse-${Date.now()}`,
    timeZone: "UTC",
    minimumNoticeMinutes: 0,
    windowRollingDays: 120,
    members: { create: [{ organizationId: org.id, userId: user.id }] },
  },
});
const day = new Date(Math.floor(Date.now() / DAY) * DAY + 3 * DAY).toISOString().slice(0, 10);

// 1. Memory under distinct spellings. Each request names its own client through one trusted
//    proxy hop, so the per-client read limit (which would otherwise stop this run) never binds.
const memory = await startServer({ ...bench.env, TRUST_PROXY_HOPS: "1" });
const slots = async (zone: string) => {
  const res = await fetch(
    `${memory.url}/api/public/calendars/${calendar.slug}/slots?start=${day}T00:00:00Z&end=${day}T23:59:00Z&timeZone=${encodeURIComponent(zone)}`,
    {
      headers: { "x-forwarded-for": randomAddress() },
    },
  );
  if (res.status !== 200) throw new Error(`slots with ${zone}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
};
for (let i = 0; i < 2_000; i++) await slots(ZONES[i % ZONES.length]!); // warm up
// Control: the same number of requests with the five canonical names only, so growth that any
// requests cause (V8 growing its heap, JIT) is told apart from growth that distinct inputs cause.
const CONTROL = Math.round(REQUESTS / 5);
const warm = rssMiB(memory.pid);
await pool(CONTROL, (i) => slots(ZONES[i % ZONES.length]!));
const before = rssMiB(memory.pid);
const series: number[] = [];
const latencies: number[] = [];
const started = performance.now();
await pool(REQUESTS, async (i) => {
  const t = performance.now();
  await slots(spelling(ZONES[i % ZONES.length]!, Math.floor(i / ZONES.length) + 1));
  latencies.push(performance.now() - t);
  if ((i + 1) % (REQUESTS / 10) === 0) series.push(rssMiB(memory.pid));
});
const seconds = (performance.now() - started) / 1000;
const after = rssMiB(memory.pid);
memory.stop();

// 2. 1,000 booking attempts from one client with random X-Forwarded-For, no trusted proxy.
const limit = 30;
const strict = await startServer({
  ...bench.env,
  TRUST_PROXY_HOPS: "0",
  PUBLIC_WRITE_RATE_LIMIT: String(limit),
  PUBLIC_CALENDAR_WRITE_RATE_LIMIT: "100000",
});
const outcomes = new Map<number, number>();
const first = Math.floor(Date.now() / DAY) * DAY + 2 * DAY;
await pool(ATTEMPTS, async (i) => {
  const res = await fetch(`${strict.url}/api/public/calendars/${calendar.slug}/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": randomAddress() },
    body: JSON.stringify({
      start: new Date(first + i * 30 * 60_000).toISOString(),
      timeZone: "UTC",
      name: `Spoofer ${i}`,
      email: `spoof-${i}@bench.test`,
    }),
  });
  await res.arrayBuffer();
  outcomes.set(res.status, (outcomes.get(res.status) ?? 0) + 1);
});
strict.stop();
const booked = await db.appointment.count({ where: { bookingCalendarId: calendar.id } });
await db.$disconnect();
await bench.stop();

const l = percentiles(latencies);
console.log(`\nbench:abuse on ${machine()}`);
console.log(
  `  ${REQUESTS} slot requests with distinct time-zone spellings in ${seconds.toFixed(0)} s (${CONCURRENCY} at a time): p50 ${l.p50} ms, p95 ${l.p95} ms`,
);
console.log(
  `  web process RSS: ${warm} MiB after warm-up → ${before} MiB after ${CONTROL} requests with canonical names (control) → ${after} MiB after the distinct spellings (${after >= before ? "+" : ""}${(after - before).toFixed(1)} MiB)`,
);
console.log(`  RSS every ${REQUESTS / 10} distinct requests (MiB): ${series.join(", ")}`);
console.log(
  `  ${ATTEMPTS} booking attempts, one client, random X-Forwarded-For, TRUST_PROXY_HOPS=0: ${[...outcomes]
    .sort()
    .map(([s, n]) => `${n}× ${s}`)
    .join(", ")}; ${booked} booked (limit ${limit})`,
);
if (booked > limit) {
  console.error("  FAIL: more bookings than the per-client limit");
  process.exit(1);
}
