import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  Object.assign(process.env, {
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://u:p@127.0.0.1:5432/db",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "x".repeat(40),
    CREDENTIALS_ENCRYPTION_KEYS: process.env.CREDENTIALS_ENCRYPTION_KEYS ?? `k1:${Buffer.alloc(32).toString("base64")}`,
  });
});
import { MAX_RETRY_AFTER_MS, parseRetryAfter } from "@/lib/caldav/errors";
import { parseEnv } from "@/lib/env";
import { clampRetryAfterMs } from "@/lib/sync/push/backoff";

const NOW = Date.parse("2026-12-03T10:00:00Z");
const HOUR = 3_600_000;

describe("Retry-After is clamped to an hour", () => {
  it.each([
    ["120", 120_000],
    ["0", 0],
    ["3600", HOUR],
    ["3601", HOUR],
    ["86400", HOUR],
    ["99999999999999999999999", HOUR],
    ["  60  ", 60_000],
    ["Thu, 03 Dec 2026 10:05:00 GMT", 5 * 60_000],
    ["Thu, 03 Dec 2026 09:00:00 GMT", 0],
    ["Fri, 31 Dec 9999 23:59:59 GMT", HOUR],
    ["Sunday, 06-Nov-94 08:49:37 GMT", 0],
  ])("%j → %d ms", (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it.each([
    null,
    "",
    "-5",
    "1.5",
    "soon",
    "1e9",
    "0x10",
    "Infinity",
    "NaN",
    "2026-12-04",
    "12/04/2026",
    "x".repeat(100),
    "Thu, 99 Foo 2026 GMT",
  ])("%j is ignored (the caller's own backoff applies)", (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });

  it("push waits are clamped the same way, whatever reaches them", () => {
    expect(clampRetryAfterMs(90_000)).toBe(90_000);
    expect(clampRetryAfterMs(10 * HOUR)).toBe(MAX_RETRY_AFTER_MS);
    expect(clampRetryAfterMs(-1)).toBe(0);
    expect(clampRetryAfterMs(Number.NaN)).toBe(MAX_RETRY_AFTER_MS);
    expect(clampRetryAfterMs(Number.POSITIVE_INFINITY)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe("CalDAV and freshness settings are validated at boot", () => {
  const valid = {
    DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/crm",
    AUTH_SECRET: "s".repeat(43),
    CREDENTIALS_ENCRYPTION_KEYS: "k1:" + Buffer.alloc(32, 1).toString("base64"),
  };

  it("fills the documented defaults", () => {
    const env = parseEnv(valid);
    expect(env.CALDAV_TIMEOUT_MS).toBe(15_000);
    expect(env.ICLOUD_MAX_STALENESS_MINUTES).toBe(1440);
    expect(env.WORKER_CRON).toBe("true");
  });

  it("reads valid values as numbers", () => {
    const env = parseEnv({ ...valid, CALDAV_TIMEOUT_MS: "1500", ICLOUD_MAX_STALENESS_MINUTES: "60", WORKER_CRON: "false" });
    expect(env).toMatchObject({ CALDAV_TIMEOUT_MS: 1500, ICLOUD_MAX_STALENESS_MINUTES: 60, WORKER_CRON: "false" });
  });

  it.each([
    ["CALDAV_TIMEOUT_MS", "abc"],
    ["CALDAV_TIMEOUT_MS", "0"],
    ["CALDAV_TIMEOUT_MS", "-1"],
    ["CALDAV_TIMEOUT_MS", "999"],
    ["CALDAV_TIMEOUT_MS", "1500.5"],
    ["CALDAV_TIMEOUT_MS", "300001"],
    ["CALDAV_TIMEOUT_MS", ""],
    ["ICLOUD_MAX_STALENESS_MINUTES", "0"],
    ["ICLOUD_MAX_STALENESS_MINUTES", "4"],
    ["ICLOUD_MAX_STALENESS_MINUTES", "forever"],
    ["ICLOUD_MAX_STALENESS_MINUTES", "43201"],
    ["WORKER_CRON", "yes"],
    ["WORKER_CRON", "FALSE"],
  ])("%s=%j stops the server, naming it", (name, value) => {
    expect(() => parseEnv({ ...valid, [name]: value })).toThrow(new RegExp(name));
  });
});
