import { afterEach, describe, expect, it, vi } from "vitest";

const SLOT = Symbol.for("crm-calendar.busy-time-refresh");

describe("booking's pre-booking refresh, provided by the process", () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[SLOT];
    vi.resetModules();
  });

  it("fails loudly when a process books without having provided it", async () => {
    const { refreshStaleBusyTime } = await import("@/lib/booking/busy-time-refresh");
    await expect(refreshStaleBusyTime(["u1"], 0)).rejects.toThrow(/No busy-time refresh was provided/);
  });

  it("calls what was provided, also from a reloaded copy of the module", async () => {
    const seen: [string[], number][] = [];
    const first = await import("@/lib/booking/busy-time-refresh");
    first.provideBusyTimeRefresh(async (ids, now) => void seen.push([ids, now]));
    vi.resetModules();
    const second = await import("@/lib/booking/busy-time-refresh");
    expect(second).not.toBe(first);
    await second.refreshStaleBusyTime(["u1", "u2"], 42);
    expect(seen).toEqual([[["u1", "u2"], 42]]);
  });

  it("does nothing for no members, provided or not", async () => {
    const { refreshStaleBusyTime } = await import("@/lib/booking/busy-time-refresh");
    await expect(refreshStaleBusyTime([], 0)).resolves.toBeUndefined();
  });
});
