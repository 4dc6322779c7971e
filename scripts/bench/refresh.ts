// `npm run bench:refresh`: a calendar of 2,000 events (10% recurring) behind the iCloud-shaped
// proxy with 100 ms added latency. Measures the first refresh, an unchanged re-refresh and one
// changed event (requests and bytes), then the slots computation with stored busy blocks
// against a live-fetch baseline that queries the calendar over CalDAV on every request.
import { performance } from "node:perf_hooks";
import { machine, percentiles, startBenchDatabase } from "./harness";
import { startIcloudProxy } from "../../tests/fixtures/icloud-proxy";
import { putObject, startRadicale } from "../../tests/support/radicale";

const EVENTS = 2_000;
const LATENCY_MS = 100;
const SLOT_RUNS = 30;
const DAY = 86_400_000;

const bench = await startBenchDatabase();
const radicale = await startRadicale();
const proxy = await startIcloudProxy({ radicale });
const { db } = await import("@/lib/db");
const { createHostPolicy } = await import("@/lib/caldav/allow-list");
const { connectICloud } = await import("@/lib/connections/connect");
const { saveCalendarConfiguration } = await import("@/lib/connections/configure");
const { refreshCalendar } = await import("@/lib/sync/refresh/refresh-calendar");
const { findSlots } = await import("@/lib/booking/slots");
const { createCalendarReader } = await import("@/lib/caldav/reader");
const { parseBusyIntervals } = await import("@/lib/ical/busy");
const { computeSlots } = await import("@/lib/availability");
const { slotRules } = await import("@/lib/booking/calendar-rules");
const { loadStaffSchedules } = await import("@/lib/booking/schedules");

const settings = { serverUrl: proxy.entryUrl, policy: createHostPolicy(proxy.entryUrl, "127.0.0.1"), timeoutMs: 60_000 };
const account = await proxy.createAccount();
const now = Date.now();
const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
const ics = (i: number, summary = `Event ${i}`) => {
  const start = Math.floor((now + ((i * 7919) % (80 * DAY))) / 900_000) * 900_000;
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Apple Inc.//iCloud 2.0//EN",
    "BEGIN:VEVENT",
    `UID:bench-${i}`,
    `DTSTAMP:${stamp(now)}`,
    `DTSTART:${stamp(start)}`,
    `DTEND:${stamp(start + 45 * 60_000)}`,
    `SUMMARY:${summary}`,
    ...(i % 10 === 0 ? ["RRULE:FREQ=WEEKLY;COUNT=12"] : []),
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
};
console.log(`putting ${EVENTS} events into Radicale…`);
for (let i = 0; i < EVENTS; i += 16) {
  await Promise.all(
    Array.from({ length: Math.min(16, EVENTS - i) }, (_, k) => putObject(radicale, account, "home", `e${i + k}.ics`, ics(i + k))),
  );
}

const org = await db.organization.create({ data: { name: "Bench" } });
const user = await db.user.create({
  data: { organizationId: org.id, email: "bench@bench.test", name: "Bench", passwordHash: "x", timeZone: "UTC" },
});
await db.workingHours.createMany({
  data: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ organizationId: org.id, userId: user.id, weekday, startMinute: 0, endMinute: 1440 })),
});
const actor = { userId: user.id, organizationId: org.id, role: "STAFF" as const, name: user.name, email: user.email };
const { connectionId } = await connectICloud({ actor, appleId: account.appleId, appSpecificPassword: account.password, settings });
const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
await saveCalendarConfiguration({ actor, input: { userId: user.id, primaryCalendarId: home.id, conflictCalendarIds: [home.id] } });
const calendar = await db.bookingCalendar.create({
  data: {
    organizationId: org.id,
    type: "ROUND_ROBIN",
    name: "Bench",
    slug: `bench-refresh-${now}`,
    timeZone: "UTC",
    minimumNoticeMinutes: 0,
    windowRollingDays: 30,
    members: { create: { organizationId: org.id, userId: user.id } },
  },
});

proxy.setLatency(LATENCY_MS);
async function measured(label: string, work: () => Promise<unknown>) {
  proxy.reset();
  proxy.setLatency(LATENCY_MS);
  const t = performance.now();
  const result = await work();
  const ms = performance.now() - t;
  const { requests, responseBytes } = proxy.stats();
  console.log(
    `  ${label.padEnd(28)} ${String(Math.round(ms)).padStart(6)} ms, ${requests} request(s), ${responseBytes} bytes  ${JSON.stringify(result)}`,
  );
  return { ms, requests, bytes: responseBytes };
}
console.log(`\nbench:refresh on ${machine()}, ${LATENCY_MS} ms added latency per request`);
const first = await measured("first refresh", () => refreshCalendar({ calendarId: home.id, settings }));
const blocks = await db.busyBlock.count({ where: { externalCalendarId: home.id } });
console.log(`  → ${blocks} busy blocks stored`);
const unchanged = await measured("unchanged re-refresh", () => refreshCalendar({ calendarId: home.id, settings }));
proxy.setLatency(0);
await putObject(radicale, account, "home", "e7.ics", ics(7, "Event 7 (changed)"));
const changed = await measured("one changed event", () => refreshCalendar({ calendarId: home.id, settings }));

// Slots with stored busy blocks vs a live fetch of the calendar during every request.
proxy.setLatency(LATENCY_MS);
const range = { start: now, end: now + 30 * DAY };
const cached: number[] = [];
const live: number[] = [];
const reader = createCalendarReader({ ...settings, username: account.appleId, password: account.password });
for (let i = 0; i < SLOT_RUNS; i++) {
  let t = performance.now();
  await findSlots(db, { calendar, range, now });
  cached.push(performance.now() - t);
  t = performance.now();
  const objects = await reader.queryRange(home.url, range);
  const busyBlocks = objects.flatMap((o) => parseBusyIntervals(o.ics, { window: range, ownerTimeZone: "UTC", ownerEmails: [] }).intervals);
  const [schedule] = await loadStaffSchedules(db, {
    organizationId: org.id,
    bookingCalendarId: calendar.id,
    staffIds: [user.id],
    range,
    withBusyBlocks: false,
  });
  computeSlots({
    rules: slotRules(calendar, { now, calendarBookingStarts: [] }),
    staff: [{ ...schedule!, busyBlocks }],
    combine: "ANY",
    range,
    now,
  });
  live.push(performance.now() - t);
}
const c = percentiles(cached);
const l = percentiles(live);
console.log(`  slots, stored busy blocks:   p50 ${c.p50} ms, p95 ${c.p95} ms (n=${c.n})`);
console.log(`  slots, live CalDAV fetch:    p50 ${l.p50} ms, p95 ${l.p95} ms (n=${l.n})`);
console.log(`  ratio (p50 live / stored):   ${Math.round((l.p50 / c.p50) * 10) / 10}×  (target ≥ 50×)`);
console.log(
  `  targets: unchanged 1 request ≤ 2 KB → ${unchanged.requests} / ${unchanged.bytes} B; changed ≤ 2 requests → ${changed.requests}; first refresh ${Math.round(first.ms)} ms`,
);

await db.$disconnect();
await proxy.close();
await radicale.stop();
await bench.stop();
