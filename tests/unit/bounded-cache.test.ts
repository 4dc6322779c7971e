// The bounded cache behind the reader's caches keyed by calendar data.

import { describe, expect, it } from "vitest";
import { BoundedCache } from "@/lib/bounded-cache";

describe("BoundedCache", () => {
  it("keeps at most maxEntries, evicting the least recently used", () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    expect(cache.get("a")).toBe(1); // "b" is now the least recently used
    cache.set("c", 3);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
  });

  it("keeps the total weight under maxWeight and refuses an entry heavier than it", () => {
    const cache = new BoundedCache<string, string>(100, 10);
    cache.set("a", "a", 4);
    cache.set("b", "b", 4);
    cache.set("c", "c", 4); // 12 > 10: "a" goes
    expect(cache.get("a")).toBeUndefined();
    expect(cache.weight).toBe(8);
    cache.set("huge", "x", 11);
    expect(cache.get("huge")).toBeUndefined();
    expect(cache.weight).toBe(8);
  });

  it("replacing a key updates its weight instead of adding to it", () => {
    const cache = new BoundedCache<string, string>(10, 100);
    cache.set("a", "1", 30);
    cache.set("a", "2", 5);
    expect(cache.weight).toBe(5);
    expect(cache.get("a")).toBe("2");
    expect(cache.size).toBe(1);
  });

  it("stays bounded under 100 000 distinct keys", () => {
    const cache = new BoundedCache<string, number>(256);
    for (let i = 0; i < 100_000; i++) cache.set(`key-${i}`, i);
    expect(cache.size).toBe(256);
    expect(cache.get("key-99999")).toBe(99_999);
    expect(cache.get("key-0")).toBeUndefined();
  });
});
