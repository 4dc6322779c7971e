// Secret-handling modules refuse to load in a browser bundle.
import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
  vi.resetModules();
});

describe("server-only guard", () => {
  it("loads on the server", async () => {
    await expect(import("@/lib/server-only")).resolves.toBeDefined();
  });

  it("throws when loaded where a window exists (a browser bundle)", async () => {
    vi.resetModules();
    (globalThis as { window?: unknown }).window = {};
    await expect(import("@/lib/server-only")).rejects.toThrow(/server only/);
  });
});
