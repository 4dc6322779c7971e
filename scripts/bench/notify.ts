// `npm run bench:notify`: 200 bookings through the public API of a production build with a real
// SMTP server (smtp-server) as the mail relay. Reports the time from the booking's commit (the
// API's answer) until the SMTP server accepted the customer's confirmation.
import { performance } from "node:perf_hooks";
import { machine, percentiles, startBenchDatabase, startServer } from "./harness";
import { startSmtpServer } from "../../tests/support/smtp-server";

const BOOKINGS = 200;
const DAY = 86_400_000;

const accepted = new Map<string, number>();
// Each message is timed the moment the server accepts it.
const smtp = await startSmtpServer({ onAccept: (mail) => mail.to.forEach((to) => accepted.set(to, performance.now())) });
const bench = await startBenchDatabase({ SMTP_URL: smtp.url, WORKER_IN_PROCESS: "true", WORKER_CRON: "false" });
const { db } = await import("@/lib/db");
const org = await db.organization.create({ data: { name: "Bench" } });
const user = await db.user.create({
  data: {
    organizationId: org.id,
    email: "notify-member@bench.test",
    name: "Member",
    passwordHash: "x",
    timeZone: "UTC",
    emailOnNewBooking: false,
  },
});
await db.workingHours.createMany({
  data: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ organizationId: org.id, userId: user.id, weekday, startMinute: 0, endMinute: 1440 })),
});
const calendar = await db.bookingCalendar.create({
  data: {
    organizationId: org.id,
    type: "ROUND_ROBIN",
    name: "Bench",
    slug: `bench-notify-${Date.now()}`,
    timeZone: "UTC",
    minimumNoticeMinutes: 0,
    windowRollingDays: 120,
    members: { create: [{ organizationId: org.id, userId: user.id }] },
  },
});

const server = await startServer(bench.env);
const delays: Promise<number>[] = [];
const first = Math.floor(Date.now() / DAY) * DAY + 2 * DAY;
for (let i = 0; i < BOOKINGS; i++) {
  const email = `customer-${i}@bench.test`;
  const res = await fetch(`${server.url}/api/public/calendars/${calendar.slug}/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ start: new Date(first + i * 30 * 60_000).toISOString(), timeZone: "UTC", name: `Customer ${i}`, email }),
  });
  const committed = performance.now();
  if (res.status !== 201) throw new Error(`booking ${i}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
  delays.push(
    (async () => {
      while (!accepted.has(email)) {
        if (performance.now() - committed > 60_000) throw new Error(`no confirmation for booking ${i}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      return accepted.get(email)! - committed;
    })(),
  );
  await new Promise((r) => setTimeout(r, 50));
}
const samples = await Promise.all(delays);
server.stop();
await db.$disconnect();
await smtp.close();
await bench.stop();

const d = percentiles(samples);
console.log(`\nbench:notify on ${machine()}: ${BOOKINGS} bookings, one confirmation each`);
console.log(`  commit → accepted by the SMTP server: p50 ${d.p50} ms, p95 ${d.p95} ms`);
