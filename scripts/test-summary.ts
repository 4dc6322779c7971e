// Prints one closing line over every layer's results: "N passed, N failed".
import { existsSync, readFileSync } from "node:fs";

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
}
interface PlaywrightJson {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const layer of ["unit", "integration", "campaign", "instances"]) {
  const file = `tests/.artifacts/${layer}.json`;
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, "utf8")) as VitestJson;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests;
}
if (existsSync("tests/.artifacts/e2e-results.json")) {
  const { stats } = JSON.parse(readFileSync("tests/.artifacts/e2e-results.json", "utf8")) as PlaywrightJson;
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
