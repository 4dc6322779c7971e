import { describe, expect, it } from "vitest";
import { pushBackoffMs } from "@/lib/sync/push/backoff";

describe("push retry backoff", () => {
  it("doubles per attempt up to ten minutes, with full jitter below the cap", () => {
    expect([0, 1, 2, 3].map((n) => pushBackoffMs(n, () => 1))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(pushBackoffMs(30, () => 1)).toBe(600_000);
    expect(pushBackoffMs(5, () => 0.5)).toBe(32_000);
    expect(pushBackoffMs(5, () => 0)).toBe(0);
  });
});
