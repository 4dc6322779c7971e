// `npm run keys:rotate`: re-encrypts every stored iCloud app-specific password with the first
// key in CREDENTIALS_ENCRYPTION_KEYS. Safe to run again; prints what it did, never a secret.
import { loadLocalEnv } from "./lib/local-env";

loadLocalEnv();
const { rotateConnectionSecrets } = await import("@/lib/connections/rotate-keys");
const { db } = await import("@/lib/db");
const report = await rotateConnectionSecrets();
console.log(
  `keys:rotate: ${report.rotated} re-encrypted, ${report.alreadyCurrent} already on the active key, ${report.failed.length} failed`,
);
for (const failure of report.failed) console.error(`  connection ${failure.connectionId}: ${failure.reason}`);
await db.$disconnect();
process.exitCode = report.failed.length ? 1 : 0;
