import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const alias = { "@": root };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          // Correctness, not speed (benchmarks measure that): the property tests against brute-force
          // references take seconds and must not fail because the machine is busy.
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // One PostgreSQL and one Radicale for the whole run; each test file makes its own data.
          globalSetup: [path.join(root, "tests/support/global-setup.ts")],
          // Booking's pre-booking refresh of stale iCloud time, provided as the app's entry points do.
          setupFiles: [path.join(root, "tests/support/provide-busy-time-refresh.ts")],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "campaign",
          include: ["tests/campaign/**/*.test.ts"],
          environment: "node",
          // Each campaign's worker process takes every job on the shared database: one at a time.
          fileParallelism: false,
          globalSetup: [path.join(root, "tests/support/global-setup.ts")],
          setupFiles: [path.join(root, "tests/support/provide-busy-time-refresh.ts")],
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "instances",
          // Two web servers on the production build and two worker processes (run after the e2e step, which builds).
          include: ["tests/instances/**/*.test.ts"],
          environment: "node",
          fileParallelism: false,
          globalSetup: [path.join(root, "tests/support/global-setup.ts")],
          testTimeout: 300_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
