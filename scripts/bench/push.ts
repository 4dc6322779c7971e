// `npm run bench:push`: 200 bookings through the public API of a production build while the
// iCloud-shaped proxy adds 100 ms to every CalDAV request. Reports the booking API's own
// latency and the time from the booking's commit to its event being present on the server.
import { performance } from "node:perf_hooks";
import { machine, percentiles, startBenchDatabase, startServer } from "./harness";
import { startIcloudProxy } from "../../tests/fixtures/icloud-proxy";
import { startRadicale } from "../../tests/support/radicale";

const BOOKINGS = 200;
const MEMBERS = 5;
const LATENCY_MS = 100;
const DAY = 86_400_000;

const radicale = await startRadicale();
const proxy = await startIcloudProxy({ radicale });
const bench = await startBenchDatabase({
  ICLOUD_CALDAV_URL: proxy.entryUrl,
  CALDAV_ALLOWED_HOSTS: "127.0.0.1",
  WORKER_IN_PROCESS: "true",
  // The minute-by-minute busy-time reads are not what this measures.
  WORKER_CRON: "false",
});
const { db } = await import("@/lib/db");
const { createHostPolicy } = await import("@/lib/caldav/allow-list");
const { connectICloud } = await import("@/lib/connections/connect");
const { saveCalendarConfiguration } = await import("@/lib/connections/configure");
const { pushEventUid, pushResourceName } = await import("@/lib/ical/push-event");

const settings = { serverUrl: proxy.entryUrl, policy: createHostPolicy(proxy.entryUrl, "127.0.0.1"), timeoutMs: 10_000 };
const org = await db.organization.create({ data: { name: "Bench" } });
const members: { id: string; homeUrl: string; auth: string }[] = [];
for (let i = 0; i < MEMBERS; i++) {
  const user = await db.user.create({
    data: { organizationId: org.id, email: `push-${i}@bench.test`, name: `Member ${i}`, passwordHash: "x", timeZone: "UTC" },
  });
  await db.workingHours.createMany({
    data: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ organizationId: org.id, userId: user.id, weekday, startMinute: 0, endMinute: 1440 })),
  });
  const actor = { userId: user.id, organizationId: org.id, role: "STAFF" as const, name: user.name, email: user.email };
  const account = await proxy.createAccount();
  const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
  const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
  await saveCalendarConfiguration({ actor, input: { userId: user.id, primaryCalendarId: home.id, conflictCalendarIds: [home.id] } });
  // Busy time counts as just read (in steady state the minute-by-minute refresh keeps it so).
  await db.externalCalendar.updateMany({ where: { connectionId }, data: { lastRefreshedAt: new Date(Date.now() + DAY) } });
  members.push({
    id: user.id,
    homeUrl: `${radicale.url}${account.username}/home/`,
    auth: `Basic ${Buffer.from(`${account.username}:${account.password}`).toString("base64")}`,
  });
}
await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
const calendar = await db.bookingCalendar.create({
  data: {
    organizationId: org.id,
    type: "ROUND_ROBIN",
    name: "Bench",
    slug: `bench-push-${Date.now()}`,
    timeZone: "UTC",
    minimumNoticeMinutes: 0,
    windowRollingDays: 120,
    members: { create: members.map((m) => ({ organizationId: org.id, userId: m.id })) },
  },
});

const server = await startServer(bench.env);
proxy.setLatency(LATENCY_MS);
const api: number[] = [];
const visible: Promise<number>[] = [];
const first = Math.floor(Date.now() / DAY) * DAY + 2 * DAY;
for (let i = 0; i < BOOKINGS; i++) {
  const start = new Date(first + Math.floor(i / MEMBERS) * 30 * 60_000).toISOString();
  const t = performance.now();
  const res = await fetch(`${server.url}/api/public/calendars/${calendar.slug}/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ start, timeZone: "UTC", name: `Customer ${i}`, email: `c${i}@bench.test` }),
  });
  const committed = performance.now();
  api.push(committed - t);
  if (res.status !== 201) throw new Error(`booking ${i}: ${res.status} ${await res.text()}`);
  const booking = (await res.json()) as { id: string; staff: { id: string }[] };
  const member = members.find((m) => m.id === booking.staff[0]!.id)!;
  const url = member.homeUrl + encodeURIComponent(pushResourceName(pushEventUid(booking.id, member.id)));
  visible.push(
    (async () => {
      for (;;) {
        const found = await fetch(url, { headers: { authorization: member.auth } });
        await found.arrayBuffer();
        if (found.status === 200) return performance.now() - committed;
        if (performance.now() - committed > 60_000) throw new Error(`event for booking ${i} never appeared`);
        await new Promise((r) => setTimeout(r, 20));
      }
    })(),
  );
  await new Promise((r) => setTimeout(r, 50));
}
const delays = await Promise.all(visible);
server.stop();
await db.$disconnect();
await proxy.close();
await radicale.stop();
await bench.stop();

const a = percentiles(api);
const d = percentiles(delays);
console.log(`\nbench:push on ${machine()}: ${BOOKINGS} bookings, ${MEMBERS} members, ${LATENCY_MS} ms added per CalDAV request`);
console.log(`  booking API:              p50 ${a.p50} ms, p95 ${a.p95} ms (target p95 ≤ 150 ms)`);
console.log(`  commit → event on server: p50 ${d.p50} ms, p95 ${d.p95} ms (target p95 ≤ 1500 ms)`);
