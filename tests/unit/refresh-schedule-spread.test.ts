import { describe, expect, it, vi } from "vitest";

// lib/env parses process.env when imported (the schedule module imports the database client).
vi.hoisted(() => {
  Object.assign(process.env, {
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://u:p@127.0.0.1:5432/db",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "x".repeat(40),
    CREDENTIALS_ENCRYPTION_KEYS: process.env.CREDENTIALS_ENCRYPTION_KEYS ?? `k1:${Buffer.alloc(32).toString("base64")}`,
  });
});
import { ACCOUNT_BATCH } from "@/lib/sync/refresh/accounts";
import { accountOffsetMs, BATCH_SPAN_MS, plannedBatches, SPREAD_MS } from "@/lib/sync/refresh/schedule";

const ids = (n: number) => Array.from({ length: n }, (_, i) => `cm${i.toString(36).padStart(6, "0")}x${(i * 7919).toString(36)}`);

describe("spreading the scheduled refresh over the minute", () => {
  it("gives each account a fixed offset, spread evenly over the first 50 s of the minute", () => {
    const offsets = ids(10_000).map(accountOffsetMs);
    expect(ids(10_000).map(accountOffsetMs)).toEqual(offsets);
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(SPREAD_MS);
    // Ten 5-second slices: none far from a tenth of the accounts.
    const slices = Array.from({ length: 10 }, () => 0);
    for (const o of offsets) slices[Math.floor(o / 5_000)]!++;
    for (const n of slices) expect(Math.abs(n - 1_000)).toBeLessThan(150);
  });

  it("plans each account at the minute's start plus its offset, the same every minute", () => {
    const accounts = ids(500);
    const minute = Date.UTC(2031, 0, 6, 9, 0);
    const at = (now: number) => {
      const when = new Map<string, number>();
      for (const b of plannedBatches(accounts, now)) for (const id of b.ids) when.set(id, b.runAt);
      return when;
    };
    const first = at(minute + 300);
    const second = at(minute + 60_000 + 300);
    for (const id of accounts) {
      // Its job runs at its second or up to BATCH_SPAN_MS before it (with the job's first account).
      const planned = Math.max(minute + 300, minute + accountOffsetMs(id));
      expect(first.get(id)!).toBeLessThanOrEqual(planned);
      expect(planned - first.get(id)!).toBeLessThanOrEqual(BATCH_SPAN_MS);
      // 60 s apart: read a minute after the last read.
      expect(second.get(id)! - first.get(id)!).toBe(60_000);
    }
  });

  it("puts every account in exactly one job of at most ACCOUNT_BATCH, spanning at most BATCH_SPAN_MS", () => {
    const accounts = ids(10_000);
    const now = Date.UTC(2031, 0, 6, 9, 0, 0, 200);
    const batches = plannedBatches(accounts, now);
    expect(batches.flatMap((b) => b.ids).sort()).toEqual([...accounts].sort());
    for (const b of batches) {
      expect(b.ids.length).toBeLessThanOrEqual(ACCOUNT_BATCH);
      expect(b.runAt).toBeGreaterThanOrEqual(now);
      const minute = Math.floor(now / 60_000) * 60_000;
      for (const id of b.ids) expect(Math.max(now, minute + accountOffsetMs(id)) - b.runAt).toBeLessThanOrEqual(BATCH_SPAN_MS);
    }
    // Spread: 10,000 accounts over 50 s is at least 200 jobs (50 each), all within the minute.
    expect(batches.length).toBeGreaterThanOrEqual(200);
    expect(Math.max(...batches.map((b) => b.runAt)) - now).toBeLessThan(SPREAD_MS);
  });

  it("runs an account whose second has passed at once (a claim late in the minute)", () => {
    const accounts = ids(200);
    const now = Date.UTC(2031, 0, 6, 9, 0, 40);
    const batches = plannedBatches(accounts, now);
    const late = accounts.filter((id) => accountOffsetMs(id) < 40_000);
    expect(late.length).toBeGreaterThan(0);
    const first = batches[0]!;
    expect(first.runAt).toBe(now);
    for (const id of late) expect(batches.find((b) => b.ids.includes(id))!.runAt).toBe(now);
  });
});
