import { describe, expect, it, vi } from "vitest";

// lib/env parses process.env when imported; give it a valid one, then test parseEnv directly.
vi.hoisted(() => {
  Object.assign(process.env, {
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://u:p@127.0.0.1:5432/db",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "x".repeat(40),
    CREDENTIALS_ENCRYPTION_KEYS: process.env.CREDENTIALS_ENCRYPTION_KEYS ?? `k1:${Buffer.alloc(32).toString("base64")}`,
  });
});
import { parseEnv, rateLimitSetting } from "@/lib/env";

const valid = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/crm",
  AUTH_SECRET: "s".repeat(43),
  CREDENTIALS_ENCRYPTION_KEYS: "k1:" + Buffer.alloc(32, 1).toString("base64"),
};

describe("parseEnv", () => {
  it("fills the documented defaults", () => {
    const env = parseEnv(valid);
    expect(env.ICLOUD_CALDAV_URL).toBe("https://caldav.icloud.com");
    expect(env.CALDAV_ALLOWED_HOSTS).toBe("*.icloud.com");
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.WORKER_IN_PROCESS).toBe("true");
  });

  it("names every missing secret instead of falling back to an empty string", () => {
    expect(() => parseEnv({ DATABASE_URL: valid.DATABASE_URL })).toThrow(/AUTH_SECRET[\s\S]*CREDENTIALS_ENCRYPTION_KEYS/);
  });

  it("rejects a malformed keyring with the keyring's own explanation", () => {
    expect(() => parseEnv({ ...valid, CREDENTIALS_ENCRYPTION_KEYS: "k1:c2hvcnQ=" })).toThrow(/must be 32 bytes/);
  });

  it("validates the public rate limits at boot, and reads them again when used", () => {
    expect(parseEnv(valid)).toMatchObject({
      PUBLIC_WRITE_RATE_LIMIT: 30,
      PUBLIC_CALENDAR_WRITE_RATE_LIMIT: 60,
      PUBLIC_READ_RATE_LIMIT: 300,
    });
    expect(() => parseEnv({ ...valid, PUBLIC_WRITE_RATE_LIMIT: "lots" })).toThrow(
      /PUBLIC_WRITE_RATE_LIMIT must be a whole number of requests/,
    );
    expect(() => parseEnv({ ...valid, PUBLIC_READ_RATE_LIMIT: "0" })).toThrow(/PUBLIC_READ_RATE_LIMIT must be at least 1/);
    const saved = process.env.PUBLIC_READ_RATE_LIMIT;
    try {
      process.env.PUBLIC_READ_RATE_LIMIT = "7";
      expect(rateLimitSetting("PUBLIC_READ_RATE_LIMIT")).toBe(7);
      delete process.env.PUBLIC_READ_RATE_LIMIT;
      expect(rateLimitSetting("PUBLIC_READ_RATE_LIMIT")).toBe(300);
    } finally {
      if (saved === undefined) delete process.env.PUBLIC_READ_RATE_LIMIT;
      else process.env.PUBLIC_READ_RATE_LIMIT = saved;
    }
  });

  it("rejects a short AUTH_SECRET and a malformed database URL", () => {
    expect(() => parseEnv({ ...valid, AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET must be at least 32/);
    expect(() => parseEnv({ ...valid, DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
  });
});

describe("parseEnv in production", () => {
  const production = { ...valid, NODE_ENV: "production", APP_URL: "https://book.example.com" };

  it("accepts real secrets and an explicit APP_URL", () => {
    expect(parseEnv(production).APP_URL).toBe("https://book.example.com");
  });

  it("refuses to start without APP_URL", () => {
    expect(() => parseEnv({ ...production, APP_URL: undefined })).toThrow(/APP_URL is required in production/);
  });

  it("refuses the development secrets the run command generates", () => {
    expect(() => parseEnv({ ...production, AUTH_SECRET: `dev-only-${"x".repeat(43)}` })).toThrow(/AUTH_SECRET is a development secret/);
    const devKey = `devonly20261203:${Buffer.alloc(32, 2).toString("base64")}`;
    expect(() => parseEnv({ ...production, CREDENTIALS_ENCRYPTION_KEYS: devKey })).toThrow(/development key/);
    // Outside production the same values are fine: they are what `bash scripts/run.sh` writes.
    expect(parseEnv({ ...valid, AUTH_SECRET: `dev-only-${"x".repeat(43)}`, CREDENTIALS_ENCRYPTION_KEYS: devKey }).APP_URL).toBe(
      "http://localhost:3000",
    );
  });
});
