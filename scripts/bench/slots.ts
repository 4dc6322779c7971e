// `npm run bench:slots`: a 50-member round robin over a 30-day window with 10,000 iCloud busy
// blocks and 2,000 appointments in the database. Reports p50/p95 of the slot engine alone and of
// the public slots API (production build over HTTP): 200 warm requests with nothing changed, 200
// with one member's iCloud blocks changed before each, 100 with every calendar's changed (cold).
// Larger teams: `npm run bench:slots -- --members 200 --busy-blocks 50000` (appointments stay 2,000).
import { performance } from "node:perf_hooks";
import { machine, numberOption, percentiles, startBenchDatabase, startServer } from "./harness";

const option = (name: string, fallback: number) =>
  numberOption("slots", name, fallback, (n) => Number.isInteger(n) && n >= 1 && n <= 1_000_000, "a whole number from 1 to 1000000");
const MEMBERS = option("members", 50);
const BUSY_BLOCKS = option("busy-blocks", 10_000);
const APPOINTMENTS = 2_000;
const RUNS = 200;
const COLD_RUNS = 100;
const DAY = 86_400_000;
const ZONES = ["America/New_York", "Europe/London", "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney"];

const bench = await startBenchDatabase();
const { db } = await import("@/lib/db");
const { loadStaffSchedules } = await import("@/lib/booking/schedules");
const { computeSlots } = await import("@/lib/availability");
const { slotRules } = await import("@/lib/booking/calendar-rules");
const { clearBusyTimeCache, getBusyBlocks } = await import("@/lib/booking/busy-blocks");

// A deterministic pseudo-random sequence, so every run measures the same data.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

const now = Date.now();
const org = await db.organization.create({ data: { name: "Bench Org" } });
const users: { id: string }[] = [];
for (let i = 0; i < MEMBERS; i++) {
  users.push(
    await db.user.create({
      data: {
        organizationId: org.id,
        email: `bench-${i}@bench.test`,
        name: `Member ${i}`,
        passwordHash: "x",
        timeZone: ZONES[i % ZONES.length]!,
      },
    }),
  );
}
await db.workingHours.createMany({
  data: users.flatMap((u) =>
    [1, 2, 3, 4, 5].map((weekday) => ({ organizationId: org.id, userId: u.id, weekday, startMinute: 540, endMinute: 1020 })),
  ),
});
const calendar = await db.bookingCalendar.create({
  data: {
    organizationId: org.id,
    type: "ROUND_ROBIN",
    name: "Bench RR",
    slug: `bench-${now}`,
    timeZone: "UTC",
    durationMinutes: 30,
    minimumNoticeMinutes: 0,
    windowRollingDays: 30,
    bufferAfterMinutes: 5,
    members: { create: users.map((u, i) => ({ organizationId: org.id, userId: u.id, priority: i % 5 })) },
  },
});
const externals: { id: string }[] = [];
for (const u of users) {
  const connection = await db.calendarConnection.create({
    data: {
      organizationId: org.id,
      userId: u.id,
      appleId: `${u.id}@bench.test`,
      serverUrl: "https://caldav.icloud.com",
      principalUrl: "x",
      homeUrl: "x",
    },
  });
  externals.push(
    await db.externalCalendar.create({
      data: {
        organizationId: org.id,
        connectionId: connection.id,
        userId: u.id,
        url: `https://x/${u.id}/`,
        displayName: "Home",
        components: ["VEVENT"],
        checkConflicts: true,
        lastRefreshedAt: new Date(),
      },
    }),
  );
}
const quarterHour = (offsetMs: number) => Math.floor((now + offsetMs) / 900_000) * 900_000;
const blocks = Array.from({ length: BUSY_BLOCKS }, (_, i) => {
  const start = quarterHour(random() * 30 * DAY);
  const k = i % MEMBERS;
  return {
    organizationId: org.id,
    userId: users[k]!.id,
    externalCalendarId: externals[k]!.id,
    objectUrl: `https://x/${i}.ics`,
    startsAt: new Date(start),
    endsAt: new Date(start + (1 + Math.floor(random() * 4)) * 900_000),
    title: `Busy ${i}`,
  };
});
for (let i = 0; i < blocks.length; i += 10_000) await db.busyBlock.createMany({ data: blocks.slice(i, i + 10_000) });
// What autovacuum does after inserts of this size: the visibility map lets busy time be read from the index alone.
await db.$executeRaw`VACUUM ANALYZE`;
const contact = await db.contact.create({ data: { organizationId: org.id, name: "Bench", email: "bench@bench.test" } });
let placed = 0;
for (let i = 0; placed < APPOINTMENTS && i < APPOINTMENTS * 4; i++) {
  const start = quarterHour(random() * 30 * DAY);
  const userId = users[i % MEMBERS]!.id;
  try {
    await db.appointment.create({
      data: {
        organizationId: org.id,
        bookingCalendarId: calendar.id,
        contactId: contact.id,
        customerTimeZone: "UTC",
        startsAt: new Date(start),
        endsAt: new Date(start + 1_800_000),
        holds: {
          create: {
            organizationId: org.id,
            userId,
            bookingCalendarId: calendar.id,
            startsAt: new Date(start),
            endsAt: new Date(start + 1_800_000),
          },
        },
      },
    });
    placed++;
  } catch {
    // overlapped another appointment of this member: the exclusion constraint said no
  }
}
console.log(`seeded ${MEMBERS} members, ${BUSY_BLOCKS} busy blocks, ${placed} appointments`);

// The engine alone, on the data as the API loads it.
const range = { start: now, end: now + 30 * DAY };
const staff = await loadStaffSchedules(db, {
  organizationId: org.id,
  bookingCalendarId: calendar.id,
  staffIds: users.map((u) => u.id),
  range,
  withBusyBlocks: true,
});
const rules = slotRules(calendar, { now, calendarBookingStarts: [] });
const engine: number[] = [];
let slotCount = 0;
for (let i = 0; i < RUNS + 20; i++) {
  const t = performance.now();
  slotCount = computeSlots({ rules, staff, combine: "ANY", range, now }).length;
  if (i >= 20) engine.push(performance.now() - t);
}

// Loading the members' iCloud busy time alone, in this process: from PostgreSQL (memory cleared
// before each run) and from memory (nothing changed).
const busyRange = { start: range.start - 2 * DAY, end: range.end + 2 * DAY };
const staffIds = users.map((u) => u.id);
const busyCold: number[] = [];
const busyWarm: number[] = [];
for (let i = 0; i < 60; i++) {
  clearBusyTimeCache();
  const t = performance.now();
  await getBusyBlocks(db, staffIds, busyRange);
  if (i >= 10) busyCold.push(performance.now() - t);
}
for (let i = 0; i < 60; i++) {
  const t = performance.now();
  await getBusyBlocks(db, staffIds, busyRange);
  if (i >= 10) busyWarm.push(performance.now() - t);
}

// The public API over HTTP against a production build.
const server = await startServer(bench.env);
const url = `${server.url}/api/public/calendars/${calendar.slug}/slots?${new URLSearchParams({
  start: new Date(now).toISOString(),
  end: new Date(now + 30 * DAY).toISOString(),
  timeZone: "Europe/Berlin",
})}`;
// Warm: nothing changed between requests, so the server answers busy time from its memory
// (lib/booking/busy-blocks.ts) after one small query of the calendars' busy versions.
const ask = async () => {
  const t = performance.now();
  const res = await fetch(url);
  const body = (await res.json()) as { slots: unknown[] };
  if (!res.ok || body.slots.length === 0) throw new Error(`unexpected answer ${res.status}`);
  return performance.now() - t;
};
const api: number[] = [];
for (let i = 0; i < RUNS + 20; i++) {
  const ms = await ask();
  if (i >= 20) api.push(ms);
}
// One member's iCloud calendar changed before every request (a refresh stored a moved event):
// that calendar's blocks are read again, the others come from memory.
const oneChanged: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const k = Math.floor(random() * MEMBERS);
  const start = quarterHour(random() * 30 * DAY);
  await db.$executeRaw`
    UPDATE "BusyBlock" SET "startsAt" = ${new Date(start)}, "endsAt" = ${new Date(start + 900_000)}
    WHERE id = (SELECT id FROM "BusyBlock" WHERE "externalCalendarId" = ${externals[k]!.id} LIMIT 1)`;
  oneChanged.push(await ask());
}
// Cold: every calendar's version moved before every request, so all their blocks are read again
// (what the first request after a start pays, and the figure before busy time was kept in memory).
const cold: number[] = [];
for (let i = 0; i < COLD_RUNS; i++) {
  await db.$executeRaw`UPDATE "ExternalCalendar" SET "busyVersion" = "busyVersion" + 1 WHERE "organizationId" = ${org.id}`;
  cold.push(await ask());
}
server.stop();
await db.$disconnect();
await bench.stop();

const e = percentiles(engine);
const a = percentiles(api);
console.log(`\nbench:slots on ${machine()}: ${MEMBERS} members, ${BUSY_BLOCKS} busy blocks, ${slotCount} slots over 30 days`);
console.log(`  engine alone:  p50 ${e.p50} ms, p95 ${e.p95} ms (n=${e.n}; target ≤ 20 ms)`);
const o = percentiles(oneChanged);
const c = percentiles(cold);
const bc = percentiles(busyCold);
const bw = percentiles(busyWarm);
console.log(
  `  iCloud busy time alone (in-process): from PostgreSQL p50 ${bc.p50} ms, p95 ${bc.p95} ms; from memory p50 ${bw.p50} ms, p95 ${bw.p95} ms (n=${bc.n})`,
);
console.log(`  slots API, nothing changed between requests:      p50 ${a.p50} ms, p95 ${a.p95} ms (n=${a.n}; target p95 ≤ 150 ms)`);
console.log(`  slots API, one member's calendar changed before each: p50 ${o.p50} ms, p95 ${o.p95} ms (n=${o.n})`);
console.log(`  slots API, every calendar changed before each (cold): p50 ${c.p50} ms, p95 ${c.p95} ms (n=${c.n})`);
