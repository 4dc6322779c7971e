// The iCloud-shaped proxy in front of a real Radicale, exercised with tsdav as the app uses it.
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { DAVClient, type DAVCalendar, type DAVResponse } from "tsdav";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_CALENDAR_COLOR,
  dsidFor,
  MALFORMED_XML,
  startIcloudProxy,
  type IcloudAccount,
  type IcloudProxy,
} from "../fixtures/icloud-proxy";
import { createCalendar, getObject, putObject, startRadicale, type RadicaleAccount, type RadicaleServer } from "../support/radicale";

let radicale: RadicaleServer;
let proxy: IcloudProxy;

beforeAll(async () => {
  radicale = await startRadicale();
  proxy = await startIcloudProxy({ radicale });
});

afterAll(async () => {
  await proxy?.close();
  await radicale?.stop();
});

beforeEach(() => proxy.reset());

const basic = (a: RadicaleAccount) => `Basic ${Buffer.from(`${a.username}:${a.password}`).toString("base64")}`;

async function login(account: RadicaleAccount, fetchImpl?: typeof fetch): Promise<DAVClient> {
  const client = new DAVClient({
    serverUrl: proxy.entryUrl,
    credentials: { username: account.username, password: account.password },
    authMethod: "Basic",
    defaultAccountType: "caldav",
    fetch: fetchImpl,
  });
  await client.login();
  return client;
}

function event(uid: string, summary: string): string {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//crm-calendar//tests//EN",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    "DTSTAMP:20260101T000000Z",
    "DTSTART:20260310T090000Z",
    "DTEND:20260310T100000Z",
    `SUMMARY:${summary}`,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n");
}

async function propfind(url: string, account: RadicaleAccount, depth: "0" | "1", props: string) {
  const res = await fetch(url, {
    method: "PROPFIND",
    headers: { authorization: basic(account), depth, "content-type": "application/xml; charset=utf-8" },
    signal: AbortSignal.timeout(10_000),
    body:
      '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" ' +
      `xmlns:a="http://apple.com/ns/ical/"><d:prop>${props}</d:prop></d:propfind>`,
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function calendarNamed(client: DAVClient, displayName: string): Promise<DAVCalendar> {
  const found = (await client.fetchCalendars()).find((c) => c.displayName === displayName);
  if (!found) throw new Error(`no calendar ${displayName}`);
  return found;
}

const syncTokenOf = (responses: DAVResponse[]): string =>
  (responses[0]?.raw as { multistatus?: { syncToken?: string } } | undefined)?.multistatus?.syncToken ?? "";

async function timed<T>(run: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

describe("Radicale support", () => {
  it("accepts accounts appended while it runs and rejects a wrong password", async () => {
    const first = await radicale.createAccount();
    const second = await radicale.createAccount();
    expect(first.username).not.toBe(second.username);
    expect(second.password).toMatch(/^[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}$/);
    for (const account of [first, second]) {
      expect((await propfind(`${radicale.url}${account.username}/`, account, "0", "<d:displayname/>")).status).toBe(207);
    }
    const wrong = { ...second, password: "not-the-password" };
    expect((await propfind(`${radicale.url}${second.username}/`, wrong, "0", "<d:displayname/>")).status).toBe(401);
  });

  it("says how to install Radicale when it is missing", async () => {
    await expect(startRadicale({ binary: "/nonexistent/radicale" })).rejects.toThrow(/apt-get install -y radicale/);
  });

  it("stop() ends the server and removes its temporary folder", async () => {
    const other = await startRadicale();
    const folder = dirname(other.storageDir);
    expect(existsSync(folder)).toBe(true);
    await other.stop();
    expect(existsSync(folder)).toBe(false);
    await expect(fetch(other.url)).rejects.toThrow(TypeError);
  });
});

describe("discovery", () => {
  it("finds the principal on the entry host and the home on the partition host", async () => {
    const account = await proxy.createAccount();
    const client = await login(account);
    expect(account.dsid).toBe(dsidFor(account.username));
    expect(account.dsid).toMatch(/^\d{10}$/);
    expect(proxy.entryUrl).not.toBe(proxy.partitionUrl);
    expect(client.account?.rootUrl).toBe(proxy.entryUrl);
    expect(client.account?.principalUrl).toBe(`${proxy.entryUrl}${account.dsid}/principal/`);
    expect(client.account?.homeUrl).toBe(`${proxy.partitionUrl}${account.dsid}/calendars/`);
  });

  it("answers current-user-principal on / and on /.well-known/caldav", async () => {
    const account = await proxy.createAccount();
    for (const path of ["", ".well-known/caldav"]) {
      const res = await propfind(`${proxy.entryUrl}${path}`, account, "0", "<d:current-user-principal/>");
      expect(res.status).toBe(207);
      expect(res.text).toContain(`<current-user-principal><href>/${account.dsid}/principal/</href>`);
    }
  });

  it("answers displayname and calendar-home-set on the principal, which lists no children", async () => {
    const account = await proxy.createAccount({ displayName: "Ada Lovelace" });
    const res = await propfind(
      account.principalUrl,
      account,
      "1",
      "<d:displayname/><c:calendar-home-set/><d:current-user-principal/><d:resourcetype/>",
    );
    expect(res.status).toBe(207);
    expect(res.text.match(/<response>/g)).toHaveLength(1);
    expect(res.text).toContain("<displayname>Ada Lovelace</displayname>");
    expect(res.text).toContain(`<C:calendar-home-set><href>${account.homeUrl}</href>`);
    expect(res.text).toContain(`<href>${account.principalPath}</href>`);
  });
});

describe("calendar home", () => {
  it("lists event calendars and the VTODO Reminders list with colours; drops inbox/outbox/notification", async () => {
    const account = await proxy.createAccount();
    const calendars = await (await login(account)).fetchCalendars();
    const summary = calendars
      .map((c) => [c.displayName, c.components, c.calendarColor, c.url])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const home = `${proxy.entryUrl}${account.dsid}/calendars/`; // tsdav resolves hrefs against the entry URL
    expect(summary).toEqual([
      ["Home", ["VEVENT"], "#1BADF8FF", `${home}home/`],
      ["Reminders", ["VTODO"], "#FF9500FF", `${home}reminders/`],
      ["Work", ["VEVENT"], "#CC73E1FF", `${home}work/`],
    ]);
    expect(
      calendars
        .filter((c) => c.components?.includes("VEVENT"))
        .map((c) => c.displayName)
        .sort(),
    ).toEqual(["Home", "Work"]);

    const raw = await propfind(account.homeUrl, account, "1", "<d:resourcetype/>");
    expect(raw.text).toContain(`<href>/${account.dsid}/calendars/inbox/</href>`);
    expect(raw.text).toContain('<schedule-outbox xmlns="urn:ietf:params:xml:ns:caldav" />');
    expect(raw.text).toContain(`<href>/${account.dsid}/calendars/notification/</href>`);
    expect(raw.text).not.toContain("<principal />"); // the home is not the principal on iCloud
  });

  it("serves the same calendar on the entry and the partition host", async () => {
    const account = await proxy.createAccount();
    for (const host of ["entry", "partition"] as const) {
      const res = await propfind(account.calendarUrl("work", host), account, "0", "<d:displayname/>");
      expect(res.status).toBe(207);
      expect(res.text).toContain(`<href>/${account.dsid}/calendars/work/</href>`);
      expect(res.text).toContain("<displayname>Work</displayname>");
    }
  });

  it("answers calendar-order, and fills colour and order when Radicale stores none", async () => {
    const account = await proxy.createAccount();
    await createCalendar(radicale, account, { name: "plain", displayName: "Plain" });
    const props = "<a:calendar-color/><a:calendar-order/>";
    const work = await propfind(account.calendarUrl("work"), account, "0", props);
    expect(work.text).toContain(">2</ICAL:calendar-order>");
    const plain = await propfind(account.calendarUrl("plain"), account, "0", props);
    expect(plain.text).toContain(`<calendar-color xmlns="http://apple.com/ns/ical/">${DEFAULT_CALENDAR_COLOR}</calendar-color>`);
    expect(plain.text).toContain('<calendar-order xmlns="http://apple.com/ns/ical/">0</calendar-order>');
    expect(plain.text).not.toContain("404");
  });
});

describe("calendar objects", () => {
  it("creates, reads, updates and deletes an event with ETags; a stale If-Match gets 412", async () => {
    const account = await proxy.createAccount();
    const client = await login(account);
    const work = await calendarNamed(client, "Work");
    const created = await client.createCalendarObject({ calendar: work, iCalString: event("ev-1", "First"), filename: "ev-1.ics" });
    expect(created.status).toBe(201);
    const etag1 = created.headers.get("etag");
    expect(etag1).toMatch(/^".+"$/);
    const again = await client.createCalendarObject({ calendar: work, iCalString: event("ev-1", "Dup"), filename: "ev-1.ics" });
    expect(again.status).toBe(412); // If-None-Match: *

    const objects = await client.fetchCalendarObjects({ calendar: work });
    expect(objects.map((o) => [o.url, o.etag])).toEqual([[`${work.url}ev-1.ics`, etag1]]);
    expect(objects[0]?.data).toContain("SUMMARY:First");

    const url = `${work.url}ev-1.ics`;
    const updated = await client.updateCalendarObject({ calendarObject: { url, etag: etag1!, data: event("ev-1", "Second") } });
    expect(updated.ok).toBe(true);
    const etag2 = updated.headers.get("etag");
    expect(etag2).not.toBe(etag1);
    const stale = await client.updateCalendarObject({ calendarObject: { url, etag: etag1!, data: event("ev-1", "Third") } });
    expect(stale.status).toBe(412);
    expect((await client.deleteCalendarObject({ calendarObject: { url, etag: etag1! } })).status).toBe(412);
    expect((await getObject(radicale, account, "work", "ev-1.ics")).body).toContain("SUMMARY:Second");

    expect((await client.deleteCalendarObject({ calendarObject: { url, etag: etag2! } })).ok).toBe(true);
    expect((await getObject(radicale, account, "work", "ev-1.ics")).status).toBe(404);
  });

  it("reports additions and deletions with sync-collection, in iCloud hrefs", async () => {
    const account = await proxy.createAccount();
    const client = await login(account);
    const work = await calendarNamed(client, "Work");
    expect(work.reports).toContain("syncCollection");
    const href = `/${account.dsid}/calendars/work/sync-1.ics`;
    const created = await client.createCalendarObject({ calendar: work, iCalString: event("sync-1", "S"), filename: "sync-1.ics" });

    const first = await client.syncCollection({ url: work.url, props: { "d:getetag": {} }, syncLevel: 1, syncToken: work.syncToken });
    // Radicale puts the 200 in the propstat; tsdav then reports the 207 of the whole answer.
    expect(first.map((r) => [r.href, r.ok, r.props?.getetag])).toEqual([[href, true, created.headers.get("etag")]]);
    const token1 = syncTokenOf(first);
    expect(token1).toMatch(/^http:\/\/radicale\.org\/ns\/sync\//);
    expect(token1).not.toBe(work.syncToken);

    await client.deleteCalendarObject({ calendarObject: { url: `${work.url}sync-1.ics` } });
    const second = await client.syncCollection({ url: work.url, props: { "d:getetag": {} }, syncLevel: 1, syncToken: token1 });
    expect(second.map((r) => [r.href, r.status])).toEqual([[href, 404]]);
  });

  it("rewrites the hrefs of a calendar-multiget request", async () => {
    const account = await proxy.createAccount();
    await putObject(radicale, account, "home", "m-1.ics", event("m-1", "Multi"));
    const client = await login(account);
    const home = await calendarNamed(client, "Home");
    const res = await client.calendarMultiGet({
      url: home.url,
      props: { "d:getetag": {}, "c:calendar-data": {} },
      objectUrls: [`/${account.dsid}/calendars/home/m-1.ics`],
      depth: "1",
    });
    expect(res.map((r) => [r.href, r.ok])).toEqual([[`/${account.dsid}/calendars/home/m-1.ics`, true]]);
    expect(String(res[0]?.props?.calendarData)).toContain("UID:m-1");
  });
});

describe("faults", () => {
  let account: IcloudAccount;
  let client: DAVClient;
  beforeAll(async () => {
    account = await proxy.createAccount();
    client = await login(account);
  });
  const homePath = () => `/${account.dsid}/calendars/`;

  it("401 once with WWW-Authenticate, then normal answers", async () => {
    const fault = proxy.addFault({ match: { method: "PROPFIND", path: account.principalPath }, times: 1, fault: { kind: "unauthorized" } });
    const first = await propfind(account.principalUrl, account, "0", "<d:displayname/>");
    expect(first.status).toBe(401);
    expect(first.headers.get("www-authenticate")).toMatch(/^Basic /);
    expect((await propfind(account.principalUrl, account, "0", "<d:displayname/>")).status).toBe(207);
    expect(fault.hits).toBe(1);
  });

  it("a wrong password gets Radicale's own 401 through the proxy; tsdav's fetchCalendars hides a 401 as []", async () => {
    const wrong = { ...account, password: "aaaa-bbbb-cccc-dddd" };
    expect((await propfind(account.principalUrl, wrong, "0", "<d:displayname/>")).status).toBe(401);
    proxy.addFault({ match: { path: homePath() }, fault: { kind: "unauthorized" } });
    expect(await client.fetchCalendars()).toEqual([]);
  });

  it("503 carries Retry-After; tsdav's query helpers throw without it", async () => {
    proxy.addFault({ match: { path: /\/calendars\/home\/$/ }, fault: { kind: "unavailable", retryAfter: 120 } });
    const res = await propfind(account.calendarUrl("home"), account, "0", "<d:displayname/>");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("120");
    const home = { url: account.calendarUrl("home") } as DAVCalendar;
    await expect(client.fetchCalendarObjects({ calendar: home })).rejects.toThrow(/Collection query failed: 503/);
  });

  it("500", async () => {
    proxy.addFault({ match: { method: "REPORT" }, times: 1, fault: { kind: "server-error" } });
    const home = { url: account.calendarUrl("home") } as DAVCalendar;
    await expect(client.fetchCalendarObjects({ calendar: home })).rejects.toThrow(/Collection query failed: 500/);
  });

  it("connection reset makes fetch fail", async () => {
    proxy.addFault({ match: { path: account.principalPath }, times: 1, fault: { kind: "reset" } });
    const error = await propfind(account.principalUrl, account, "0", "<d:displayname/>").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause?: { code?: string } }).cause?.code).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
  });

  it("a stalled answer ends in the client's AbortSignal timeout, also through tsdav's fetch option", async () => {
    proxy.addFault({ match: { path: homePath() }, fault: { kind: "stall" } });
    const start = performance.now();
    const error = await fetch(account.homeUrl, {
      method: "PROPFIND",
      headers: { authorization: basic(account) },
      signal: AbortSignal.timeout(300),
    }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("TimeoutError");
    expect(performance.now() - start).toBeGreaterThanOrEqual(290);

    const withTimeout: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(300) });
    const timedClient = await login(account, withTimeout);
    await expect(timedClient.fetchCalendars()).rejects.toMatchObject({ name: "TimeoutError" });
    expect(
      proxy
        .stats()
        .log.filter((r) => r.fault === "stall")
        .map((r) => r.status),
    ).toEqual([0, 0]);
  });

  it("malformed XML: tsdav cannot parse it and returns the raw body without props", async () => {
    proxy.addFault({ match: { method: "PROPFIND", path: homePath() }, times: 2, fault: { kind: "malformed-xml" } });
    const [res, ...rest] = await client.propfind({ url: account.homeUrl, props: { "d:displayname": {} }, depth: "1" });
    expect(rest).toHaveLength(0);
    expect(res?.status).toBe(207);
    expect(res?.raw).toBe(MALFORMED_XML);
    expect(res?.props).toBeUndefined();
    expect(await client.fetchCalendars()).toEqual([]); // a parse failure looks like "no calendars"
  });

  it("412 on a write leaves Radicale untouched", async () => {
    const put = await putObject(radicale, account, "work", "f-412.ics", event("f-412", "Original"));
    proxy.addFault({ match: { method: "PUT" }, times: 1, fault: { kind: "precondition-failed" } });
    const res = await client.updateCalendarObject({
      calendarObject: { url: `${account.calendarUrl("work")}f-412.ics`, etag: put.etag!, data: event("f-412", "Changed") },
    });
    expect(res.status).toBe(412);
    expect((await getObject(radicale, account, "work", "f-412.ics")).body).toContain("SUMMARY:Original");
  });

  it("adds latency per fault and globally", async () => {
    const request = () => propfind(account.principalUrl, account, "0", "<d:displayname/>");
    await request(); // warm up the connection
    const baseline = await timed(request);
    proxy.addFault({ match: { path: account.principalPath }, times: 1, fault: { kind: "latency", ms: 250 } });
    const slowed = await timed(request);
    expect(slowed).toBeGreaterThanOrEqual(250);
    expect(slowed - baseline).toBeGreaterThan(200);
    proxy.setLatency(150);
    expect(await timed(request)).toBeGreaterThanOrEqual(150);
    proxy.reset();
    expect(await timed(request)).toBeLessThan(150);
  });

  it("matches by host and method", async () => {
    proxy.addFault({ match: { host: "partition", method: "PROPFIND", path: homePath() }, fault: { kind: "server-error" } });
    expect((await propfind(account.homeUrl, account, "0", "<d:displayname/>")).status).toBe(500);
    expect((await propfind(account.entryHomeUrl, account, "0", "<d:displayname/>")).status).toBe(207);
    const get = await fetch(account.homeUrl, { headers: { authorization: basic(account) } });
    expect(get.status).not.toBe(500);
  });
});

describe("read-only shared calendar", () => {
  it("reports read privileges only and refuses writes with 403", async () => {
    const account = await proxy.createAccount();
    await createCalendar(radicale, account, { name: "shared", displayName: "Team (shared)", color: "#FF2968FF" });
    const seed = await putObject(radicale, account, "shared", "seed.ics", event("seed", "Seeded"));
    proxy.setReadOnly(account.calendarUrl("shared"));

    const privileges = await propfind(account.calendarUrl("shared"), account, "0", "<d:current-user-privilege-set/>");
    const set = /<current-user-privilege-set>([\s\S]*?)<\/current-user-privilege-set>/.exec(privileges.text)?.[1];
    expect(set).toBe("<privilege><read /></privilege><privilege><read-current-user-privilege-set /></privilege>");
    const writable = await propfind(account.calendarUrl("work"), account, "0", "<d:current-user-privilege-set/>");
    expect(writable.text).toContain("<write-content />");

    const client = await login(account);
    const shared = await calendarNamed(client, "Team (shared)");
    expect(shared.resourcetype).toContain("shared");
    const created = await client.createCalendarObject({ calendar: shared, iCalString: event("new", "New"), filename: "new.ics" });
    expect(created.status).toBe(403);
    expect(await created.text()).toContain("<need-privileges>");
    const url = `${shared.url}seed.ics`;
    expect((await client.updateCalendarObject({ calendarObject: { url, etag: seed.etag!, data: event("seed", "X") } })).status).toBe(403);
    expect((await client.deleteCalendarObject({ calendarObject: { url, etag: seed.etag! } })).status).toBe(403);
    expect((await fetch(url, { headers: { authorization: basic(account) } })).status).toBe(200);
    expect((await getObject(radicale, account, "shared", "seed.ics")).body).toContain("SUMMARY:Seeded");
    expect((await getObject(radicale, account, "shared", "new.ics")).status).toBe(404);

    const work = await calendarNamed(client, "Work");
    expect((await client.createCalendarObject({ calendar: work, iCalString: event("ok", "Ok"), filename: "ok.ics" })).status).toBe(201);
  });
});

describe("counters", () => {
  it("counts requests and bytes per method, path and host", async () => {
    const account = await proxy.createAccount();
    const client = await login(account);
    proxy.reset();
    await client.fetchCalendars(); // one PROPFIND on the home, one supported-report-set PROPFIND per calendar
    const stats = proxy.stats();
    expect(stats.requests).toBe(4);
    expect(stats.byMethod.PROPFIND?.requests).toBe(4);
    expect(stats.byHost.partition?.requests).toBe(1);
    expect(stats.byHost.entry?.requests).toBe(3);
    expect(stats.byRoute[`PROPFIND /${account.dsid}/calendars/`]?.requests).toBe(1);
    expect(stats.byRoute[`PROPFIND /${account.dsid}/calendars/work/`]?.requests).toBe(1);
    expect(stats.log.map((r) => r.status)).toEqual([207, 207, 207, 207]);
    expect(stats.responseBytes).toBe(stats.log.reduce((sum, r) => sum + r.responseBytes, 0));
    expect(stats.log.every((r) => r.responseBytes > 0 && r.requestBytes > 0)).toBe(true);
    proxy.reset();
    expect(proxy.stats()).toMatchObject({ requests: 0, responseBytes: 0, log: [] });
  });
});

describe("HTTP control API and isolation", () => {
  it("adds faults and reads counters over HTTP", async () => {
    const account = await proxy.createAccount();
    const added = await fetch(`${proxy.controlUrl}faults`, {
      method: "POST",
      body: JSON.stringify({ match: { pathRegex: "/principal/$" }, times: 1, fault: { kind: "unavailable", retryAfter: 7 } }),
    });
    expect(added.status).toBe(201);
    const res = await propfind(account.principalUrl, account, "0", "<d:displayname/>");
    expect([res.status, res.headers.get("retry-after")]).toEqual([503, "7"]);
    const stats = (await (await fetch(`${proxy.controlUrl}stats`)).json()) as { requests: number };
    expect(stats.requests).toBe(1);
    await fetch(`${proxy.controlUrl}reset`, { method: "POST" });
    expect(proxy.stats().requests).toBe(0);
  });

  it("refuses another account's calendars and unknown paths", async () => {
    const alice = await proxy.createAccount();
    const bob = await proxy.createAccount();
    const res = await propfind(bob.homeUrl, alice, "0", "<d:displayname/>");
    expect(res.status).toBe(403);
    const unknown = await fetch(`${proxy.entryUrl}${alice.username}/`, { method: "PROPFIND", headers: { authorization: basic(alice) } });
    expect(unknown.status).toBe(404);
  });
});
