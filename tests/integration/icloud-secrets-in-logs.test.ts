// App-specific passwords must never reach a log: all output of the test process (stdout, stderr and every
// console method, with tsdav's debug logging switched on) is captured while connecting, reconnecting and
// failing, through the real server actions, and searched for the password in every shape it travels in.
import { format } from "node:util";
import createDebug from "debug";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi, type MockInstance } from "vitest";
import type { FormState } from "@/lib/auth/form-state";
import { scrub } from "@/lib/log";
import { startIcloudProxy, type IcloudAccount, type IcloudProxy } from "../fixtures/icloud-proxy";
import { startRadicale, type RadicaleServer } from "../support/radicale";

type SessionUser = { id: string; organizationId: string; role: "ADMIN" | "STAFF"; name: string; email: string };
const session = vi.hoisted(() => ({ user: null as null | SessionUser }));
vi.mock("@/lib/auth/config", () => ({ auth: async () => (session.user ? { user: { ...session.user } } : null) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

// lib/env reads ICLOUD_CALDAV_URL once, at first import: load the app after the proxy runs.
let actions: typeof import("@/components/calendar-settings/actions");
let db: typeof import("@/lib/db").db;
let factories: typeof import("../support/factories");
let logError: typeof import("@/lib/log").logError;
let radicale: RadicaleServer;
let proxy: IcloudProxy;
const savedEnv = { url: process.env.ICLOUD_CALDAV_URL, hosts: process.env.CALDAV_ALLOWED_HOSTS };

beforeAll(async () => {
  radicale = await startRadicale();
  proxy = await startIcloudProxy({ radicale });
  process.env.ICLOUD_CALDAV_URL = proxy.entryUrl;
  process.env.CALDAV_ALLOWED_HOSTS = "127.0.0.1";
  actions = await import("@/components/calendar-settings/actions");
  ({ db } = await import("@/lib/db"));
  ({ logError } = await import("@/lib/log"));
  factories = await import("../support/factories");
  createDebug.enable("tsdav:*"); // the most a developer could switch on
});
afterAll(async () => {
  createDebug.disable();
  for (const [key, value] of [
    ["ICLOUD_CALDAV_URL", savedEnv.url],
    ["CALDAV_ALLOWED_HOSTS", savedEnv.hosts],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await proxy?.close();
  await radicale?.stop();
});

let output: string[] = [];
let spies: MockInstance[] = [];
beforeEach(() => {
  proxy.reset();
  output = [];
  const text = (chunk: unknown) => (typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
  spies = [
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: unknown) => (output.push(text(chunk)), true)),
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: unknown) => (output.push(text(chunk)), true)),
    ...(["log", "info", "warn", "error", "debug", "trace", "dir"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void output.push(format(...args))),
    ),
  ];
});
afterEach(() => {
  for (const spy of spies) spy.mockRestore();
});

/** Every shape the password takes on its way: as typed, normalised, bare letters, inside a Basic header. */
function secretsOf(account: IcloudAccount, password = account.password): string[] {
  const basic = (user: string) => Buffer.from(`${user}:${password}`).toString("base64");
  return [password, password.replace(/-/g, ""), basic(account.appleId), basic(account.username)];
}

/** `masked`: a header whose credential was replaced by scrub() ("Basic [redacted]") is allowed. */
function expectNoSecrets(lines: string[], secrets: string[], { masked = false } = {}) {
  const all = lines.join("\n");
  for (const secret of secrets) expect(all).not.toContain(secret);
  expect(all).not.toMatch(
    masked ? /authorization["']?\s*[:=]\s*["']?basic(?!\s+\[redacted\])/i : /authorization["']?\s*[:=]\s*["']?basic/i,
  );
  expect(all).not.toMatch(/Basic\s+[A-Za-z0-9+/]{12,}={0,2}/);
}

async function staffMember(): Promise<SessionUser> {
  const org = await factories.createOrganization();
  const user = await factories.createUser({ organizationId: org.id });
  return { id: user.id, organizationId: org.id, role: user.role, name: user.name, email: user.email };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** The action's result; a thrown redirect (success) is returned as its digest. */
const settle = (promise: Promise<FormState>) => promise.catch((e: unknown) => ({ digest: String((e as { digest?: unknown }).digest) }));

describe("no secret in any log output", () => {
  it("the capture sees every channel, and the check catches a leaked header", () => {
    console.log("marker-console");
    console.error("marker-error");
    process.stderr.write("marker-stderr\n");
    createDebug("tsdav:marker")("marker-debug");
    const all = output.join("");
    for (const marker of ["marker-console", "marker-error", "marker-stderr", "marker-debug"]) expect(all).toContain(marker);

    const account = { appleId: "a@icloud.test", username: "a", password: "abcd-efgh-ijkl-mnop" } as IcloudAccount;
    const leaked = `Authorization: Basic ${Buffer.from("a@icloud.test:abcd-efgh-ijkl-mnop").toString("base64")}`;
    expect(() => expectNoSecrets([leaked], secretsOf(account))).toThrow();
    expect(() => expectNoSecrets(["abcdefghijklmnop"], secretsOf(account))).toThrow();
  });

  it("while connecting, reconnecting and failing with a wrong password", async () => {
    const user = await staffMember();
    session.user = user;
    const account = await proxy.createAccount();
    // Typed as people paste it: capitals and spaces; the schema normalises it to the hyphenated form.
    const typed = account.password.toUpperCase().replace(/-/g, " ");
    expect(await settle(actions.connectAction(null, form({ appleId: account.appleId, appSpecificPassword: typed })))).toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT/),
    });
    const connection = await db.calendarConnection.findFirstOrThrow({ where: { userId: user.id } });

    const reconnected = await actions.reconnectAction(null, form({ connectionId: connection.id, appSpecificPassword: account.password }));
    expect(reconnected).toMatchObject({ ok: true });

    const wrong = "wxyz-wxyz-wxyz-wxyz";
    const failed = await actions.reconnectAction(null, form({ connectionId: connection.id, appSpecificPassword: wrong }));
    expect(failed).toMatchObject({ ok: false, code: "UPSTREAM" });

    const other = await proxy.createAccount();
    const refused = await actions.connectAction(null, form({ appleId: other.appleId, appSpecificPassword: wrong }));
    expect(refused).toMatchObject({ ok: false, code: "UPSTREAM", values: { appleId: other.appleId } });
    expect(JSON.stringify(refused)).not.toContain(wrong);

    expect(proxy.stats().log.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(2);
    expect(output.join("")).toContain("tsdav:"); // debug logging was on, so there was something to search
    expectNoSecrets(output, [
      ...secretsOf(account),
      ...secretsOf(account, typed),
      ...secretsOf(other, wrong),
      ...secretsOf(account, wrong),
    ]);
  });

  it("when an unexpected error is logged by the action boundary", async () => {
    // iCloud accepts the login, then storing the connection fails for a reason nobody expected:
    // a trigger refuses this one Apple ID's row (other tests' rows pass).
    const org = await factories.createOrganization();
    const user = await factories.createUser({ organizationId: org.id });
    session.user = { id: user.id, organizationId: org.id, role: "STAFF", name: user.name, email: user.email };
    const account = await proxy.createAccount();
    const fn = `refuse_${user.id}`;
    await db.$executeRawUnsafe(
      `CREATE FUNCTION "${fn}"() RETURNS trigger AS $$ BEGIN IF NEW."appleId" = '${account.appleId}' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await db.$executeRawUnsafe(`CREATE TRIGGER "${fn}" BEFORE INSERT ON "CalendarConnection" FOR EACH ROW EXECUTE FUNCTION "${fn}"()`);
    onTestFinished(async () => {
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "${fn}" ON "CalendarConnection"`);
      await db.$executeRawUnsafe(`DROP FUNCTION IF EXISTS "${fn}"()`);
    });

    const result = await actions.connectAction(null, form({ appleId: account.appleId, appSpecificPassword: account.password }));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("Something went wrong") });
    expect(proxy.stats().requests).toBeGreaterThan(0); // the password did travel to iCloud
    const logged = output.filter((line) => line.includes("server action connect failed"));
    expect(logged).toHaveLength(1);
    expectNoSecrets(output, secretsOf(account));
  });

  it("logError drops secret-named keys and masks secrets inside messages", () => {
    const password = "abcd-efgh-ijkl-mnop";
    const header = `Basic ${Buffer.from(`someone@icloud.test:${password}`).toString("base64")}`;
    logError(`login with ${password} failed`, {
      password,
      appSpecificPassword: password,
      headers: { Authorization: header, accept: "text/xml" },
      error: new Error(`request sent Authorization: ${header}`),
      note: `typed ${password.toUpperCase()}`,
    });
    expect(output.join("")).toContain("text/xml"); // the rest of the context is kept
    expect(output.join("")).toContain("Authorization: Basic [redacted]");
    expectNoSecrets(output, [password, password.toUpperCase(), header.slice(6)], { masked: true });
  });
});

describe("scrub", () => {
  it("masks an app-specific password in any case and a Basic credential", () => {
    const header = `Basic ${Buffer.from("someone@icloud.test:abcd-efgh-ijkl-mnop").toString("base64")}`;
    expect(scrub("password abcd-efgh-ijkl-mnop here")).toBe("password [redacted] here");
    expect(scrub("ABCD-EFGH-IJKL-MNOP")).toBe("[redacted]");
    expect(scrub(`Authorization: ${header}`)).toBe("Authorization: Basic [redacted]");
    expect(scrub(`{"authorization":"${header}"}`)).not.toContain(header.slice(6));
    expect(scrub("nothing secret: 2026-01-02, caldav.icloud.com")).toBe("nothing secret: 2026-01-02, caldav.icloud.com");
  });
});
