// `npm run sync:reconcile`: compares every primary iCloud calendar with what the CRM expects there
// and enqueues a push for each difference (the worker repairs them). Prints counts per member,
// never a secret or a calendar URL. Exit code 1 when a calendar could not be checked.
import { loadLocalEnv } from "./lib/local-env";

loadLocalEnv();
const { reconcileAll } = await import("@/lib/sync/push/reconcile");
const { db } = await import("@/lib/db");
const report = await reconcileAll();
const enqueued = report.members.reduce((sum, m) => sum + m.enqueued, 0);
console.log(
  `sync:reconcile: ${report.members.length} calendar${report.members.length === 1 ? "" : "s"} checked, ` +
    `${report.skipped.length} skipped, ${report.failed.length} failed, ${enqueued} push${enqueued === 1 ? "" : "es"} enqueued`,
);
for (const m of report.members) {
  console.log(
    `  ${m.name} (user ${m.userId}, until ${m.until.toISOString().slice(0, 10)}): found ${m.found}, expected ${m.expected}, ` +
      `missing ${m.missing}, unexpected ${m.unexpected}, duplicates ${m.duplicates.length}, enqueued ${m.enqueued}` +
      (m.unknown
        ? `, ${m.unknown} CRM-looking event${m.unknown === 1 ? "" : "s"} left alone (not this member's or unknown appointment)`
        : ""),
  );
  for (const d of m.duplicates)
    console.log(`    duplicate: ${d.uid} is in the calendar ${d.copies} times; remove the extra copies in iCloud`);
}
for (const s of report.skipped) console.log(`  ${s.name} (user ${s.userId}): skipped, ${s.reason}`);
for (const f of report.failed) console.error(`  ${f.name} (user ${f.userId}): not checked, ${f.reason}`);
await db.$disconnect();
process.exitCode = report.failed.length ? 1 : 0;
