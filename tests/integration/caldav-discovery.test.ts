import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHostPolicy } from "@/lib/caldav/allow-list";
import { discoverAccount } from "@/lib/caldav/discovery";
import { CalDavError } from "@/lib/caldav/errors";
import { startIcloudProxy, type IcloudProxy } from "../fixtures/icloud-proxy";
import { startRadicale, type RadicaleServer } from "../support/radicale";

describe("iCloud discovery through the iCloud-shaped proxy", () => {
  let radicale: RadicaleServer;
  let proxy: IcloudProxy;
  let policy: ReturnType<typeof createHostPolicy>;

  beforeAll(async () => {
    radicale = await startRadicale();
    proxy = await startIcloudProxy({ radicale });
    policy = createHostPolicy(proxy.entryUrl, "127.0.0.1");
  });
  afterAll(async () => {
    await proxy?.close();
    await radicale?.stop();
  });
  beforeEach(() => proxy.reset());

  const discover = (username: string, password: string, extra: Partial<Parameters<typeof discoverAccount>[0]> = {}) =>
    discoverAccount({ serverUrl: proxy.entryUrl, username, password, policy, timeoutMs: 2000, ...extra });

  async function failure(promise: Promise<unknown>): Promise<CalDavError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CalDavError);
    return error as CalDavError;
  }

  it("finds the principal, the home on the partition host and only the event calendars", async () => {
    const account = await proxy.createAccount();
    const result = await discover(account.username, account.password);
    expect(result.principalUrl).toBe(new URL(`/${account.dsid}/principal/`, proxy.entryUrl).href);
    expect(result.homeUrl).toBe(new URL(`/${account.dsid}/calendars/`, proxy.partitionUrl).href);
    const names = result.calendars.map((c) => c.displayName).sort();
    expect(names).toEqual(["Home", "Work"]);
    const home = result.calendars.find((c) => c.displayName === "Home")!;
    expect(home.color).toBe("#1BADF8");
    expect(home.components).toContain("VEVENT");
    expect(home.readOnly).toBe(false);
    expect(home.syncToken).toMatch(/\S/);
  });

  it("notes a shared read-only calendar", async () => {
    const account = await proxy.createAccount();
    proxy.setReadOnly(account.calendarUrl("work"));
    const { calendars } = await discover(account.username, account.password);
    expect(calendars.find((c) => c.displayName === "Work")?.readOnly).toBe(true);
    expect(calendars.find((c) => c.displayName === "Home")?.readOnly).toBe(false);
  });

  it("reports a wrong password as AUTH, not as an empty account", async () => {
    const account = await proxy.createAccount();
    const error = await failure(discover(account.username, "wrong-pass-word-xxxx"));
    expect(error.kind).toBe("AUTH");
  });

  it("reports a 401 on the calendar listing as AUTH (tsdav alone would answer [])", async () => {
    const account = await proxy.createAccount();
    proxy.addFault({ match: { method: "PROPFIND", path: /\/calendars\/$/ }, fault: { kind: "unauthorized" } });
    expect((await failure(discover(account.username, account.password))).kind).toBe("AUTH");
  });

  it("reports a stalled server as TIMEOUT", async () => {
    const account = await proxy.createAccount();
    proxy.addFault({ match: { path: /principal/ }, fault: { kind: "stall" } });
    const started = Date.now();
    expect((await failure(discover(account.username, account.password, { timeoutMs: 500 }))).kind).toBe("TIMEOUT");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("reports a 503 with its Retry-After", async () => {
    const account = await proxy.createAccount();
    proxy.addFault({ match: { method: "PROPFIND" }, times: 1, fault: { kind: "unavailable", retryAfter: 120 } });
    const error = await failure(discover(account.username, account.password));
    expect(error.kind).toBe("UNAVAILABLE");
    expect(error.details.retryAfterMs).toBe(120_000);
  });

  it("reports malformed XML as MALFORMED (tsdav alone would answer [])", async () => {
    const account = await proxy.createAccount();
    proxy.addFault({ match: { method: "PROPFIND", path: /\/calendars\/$/ }, fault: { kind: "malformed-xml" } });
    expect((await failure(discover(account.username, account.password))).kind).toBe("MALFORMED");
  });

  it("reports a reset connection as NETWORK", async () => {
    const account = await proxy.createAccount();
    proxy.addFault({ match: {}, times: 1, fault: { kind: "reset" } });
    expect((await failure(discover(account.username, account.password))).kind).toBe("NETWORK");
  });

  it("refuses a calendar home on a host outside the allow-list", async () => {
    const account = await proxy.createAccount();
    const entryOnly = createHostPolicy(proxy.entryUrl, "");
    const error = await failure(discover(account.username, account.password, { policy: entryOnly }));
    expect(error.kind).toBe("DISALLOWED_HOST");
    expect(proxy.stats().byHost.partition?.requests ?? 0).toBe(0);
  });
});
