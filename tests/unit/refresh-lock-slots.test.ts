import { describe, expect, it, vi } from "vitest";

// lib/env parses process.env when imported (the lock module reads DATABASE_URL from it).
vi.hoisted(() => {
  Object.assign(process.env, {
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://u:p@127.0.0.1:5432/db",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "x".repeat(40),
    CREDENTIALS_ENCRYPTION_KEYS: process.env.CREDENTIALS_ENCRYPTION_KEYS ?? `k1:${Buffer.alloc(32).toString("base64")}`,
  });
});
import { Slots } from "@/lib/sync/refresh/lock";

describe("the refresh lock's connection slots", () => {
  it("grants up to its size, queues the rest in order, and hands a released slot to the next", async () => {
    const slots = new Slots(2);
    const a = await slots.acquire(1000);
    const b = await slots.acquire(1000);
    expect(a && b).toBeTruthy();
    expect(slots.available).toBe(0);
    const order: string[] = [];
    const c = slots.acquire(5000).then((r) => (order.push("c"), r));
    const d = slots.acquire(5000).then((r) => (order.push("d"), r));
    (a as () => void)();
    (a as () => void)(); // releasing twice frees one slot only
    const gotC = await c;
    expect(order).toEqual(["c"]);
    (b as () => void)();
    const gotD = await d;
    expect(order).toEqual(["c", "d"]);
    (gotC as () => void)();
    (gotD as () => void)();
    expect(slots.available).toBe(2);
  });

  it("gives up after the wait and leaves the queue clean", async () => {
    const slots = new Slots(1);
    const held = await slots.acquire(0);
    expect(await slots.acquire(20)).toBe(false);
    (held as () => void)();
    expect(slots.available).toBe(1);
    const again = await slots.acquire(0);
    expect(again).toBeTruthy();
  });
});
