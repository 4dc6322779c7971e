// A purpose-built in-memory CalDAV server for bench:scale, shaped like Radicale (paths
// /<user>/<calendar>/<object>.ics, /<user>/ as the home) so the iCloud-shaped proxy
// (tests/fixtures/icloud-proxy) can sit in front of it exactly as it does in front of Radicale.
// Radicale keeps its data in files and answers from one Python process; 10,000 accounts with
// 25,000 calendars at 170+ requests a second are beyond it on this machine, so the benchmark
// uses this peer. It answers what the refresh sends: PROPFIND (Depth 0/1) with getctag and
// sync-token, and the REPORTs calendar-query, calendar-multiget and sync-collection (RFC 6578).
// Event data is generated on demand (deterministic per calendar and version), so 25,000
// calendars cost a few MB. Basic auth is checked: a wrong password is 401.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const DAY = 86_400_000;

interface Calendar {
  name: string;
  /** Number of event objects (e0.ics … e<n-1>.ics). */
  events: number;
  /** The collection's version: its ctag and sync token. */
  version: number;
  /** Object index → version at which it last changed (objects not listed are at version 1). */
  changed: Map<number, number>;
  seed: number;
}

interface Account {
  password: string;
  calendars: Map<string, Calendar>;
}

export class CalDavPeer {
  readonly accounts = new Map<string, Account>();
  private server?: Server;
  url = "";
  requests = 0;
  private readonly base = Math.floor(Date.now() / DAY) * DAY;

  async listen(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(error));
      });
    });
    this.server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  addAccount(username: string, password: string, calendars: { name: string; events: number }[]): void {
    const map = new Map<string, Calendar>();
    for (const c of calendars)
      map.set(c.name, { name: c.name, events: c.events, version: 1, changed: new Map(), seed: hash(`${username}/${c.name}`) });
    this.accounts.set(username, { password, calendars: map });
  }

  /** What the calendar's ctag and sync token are now. */
  state(username: string, calendar: string): { ctag: string; syncToken: string } {
    const c = this.accounts.get(username)!.calendars.get(calendar)!;
    return { ctag: ctagOf(c), syncToken: tokenOf(c) };
  }

  /** Someone edits one event in iCloud (its time moves by a day). */
  touch(username: string, calendar: string, index?: number): void {
    const c = this.accounts.get(username)!.calendars.get(calendar)!;
    c.version++;
    c.changed.set(index ?? c.version % c.events, c.version);
  }

  /** The event object as generated for this version (also used to seed the database's blocks). */
  eventTimes(calendar: Calendar, index: number, version: number): { start: number; end: number } {
    const h = hash(`${calendar.seed}:${index}`);
    const day = h % 80;
    const hour = 8 + ((h >> 8) % 10);
    const start = this.base + (day + (version > 1 ? 1 : 0)) * DAY + hour * 3_600_000;
    return { start, end: start + (1 + ((h >> 16) % 3)) * 1_800_000 };
  }

  private ics(username: string, calendar: Calendar, index: number): string {
    const version = calendar.changed.get(index) ?? 1;
    const { start, end } = this.eventTimes(calendar, index, version);
    const recurring = index % 10 === 0 ? ["RRULE:FREQ=WEEKLY;COUNT=8"] : [];
    return [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Apple Inc.//iCloud 2.0//EN",
      "BEGIN:VEVENT",
      `UID:${username}-${calendar.name}-${index}`,
      `DTSTAMP:${stamp(this.base)}`,
      `DTSTART:${stamp(start)}`,
      `DTEND:${stamp(end)}`,
      `SUMMARY:Event ${index} v${version}`,
      ...recurring,
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ].join("\r\n");
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requests++;
    const body = await readBody(req);
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://peer").pathname);
    const [, user = "", calName, object] = path.split("/");
    const account = this.accounts.get(user);
    if (!account || !authorized(req.headers.authorization, user, account.password)) {
      res.writeHead(401, { "www-authenticate": 'Basic realm="peer"', "content-type": "text/plain" });
      return void res.end("Unauthorized");
    }
    const method = (req.method ?? "GET").toUpperCase();
    const depth = String(req.headers.depth ?? "0");
    if (method === "PROPFIND" && !calName) {
      const parts = [
        `<D:response><D:href>/${user}/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`,
      ];
      if (depth === "1") for (const c of account.calendars.values()) parts.push(collectionResponse(user, c));
      return multistatus(res, parts.join(""));
    }
    const calendar = calName ? account.calendars.get(calName) : undefined;
    if (!calendar) {
      res.writeHead(404, { "content-type": "text/plain" });
      return void res.end("Not Found");
    }
    if (method === "PROPFIND" && !object) return multistatus(res, collectionResponse(user, calendar));
    if (method !== "REPORT" || object) {
      res.writeHead(405, { "content-type": "text/plain" });
      return void res.end("Method Not Allowed");
    }
    const xml = body.toString("utf8");
    const href = (i: number) => `/${user}/${calendar.name}/e${i}.ics`;
    const etag = (i: number) => `"${calendar.seed}-${i}-${calendar.changed.get(i) ?? 1}"`;
    const withData = (i: number) =>
      `<D:response><D:href>${href(i)}</D:href><D:propstat><D:prop><D:getetag>${etag(i)}</D:getetag><C:calendar-data>${escape(this.ics(user, calendar, i))}</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`;
    if (/sync-collection/.test(xml)) {
      const from = /<(?:\w+:)?sync-token>\s*http:\/\/peer\/sync\/(\d+)\s*</.exec(xml)?.[1];
      if (from === undefined || Number(from) > calendar.version) {
        res.writeHead(403, { "content-type": "application/xml; charset=utf-8" });
        return void res.end(`<?xml version="1.0" encoding="utf-8"?><D:error xmlns:D="DAV:"><D:valid-sync-token/></D:error>`);
      }
      const changed = [...calendar.changed].filter(([, v]) => v > Number(from)).map(([i]) => i);
      const parts = changed.map(
        (i) =>
          `<D:response><D:href>${href(i)}</D:href><D:propstat><D:prop><D:getetag>${etag(i)}</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`,
      );
      return multistatus(res, `${parts.join("")}<D:sync-token>${tokenOf(calendar)}</D:sync-token>`);
    }
    if (/calendar-multiget/.test(xml)) {
      const wanted = [...xml.matchAll(/<(?:\w+:)?href>[^<]*\/e(\d+)\.ics\s*</g)]
        .map((m) => Number(m[1]))
        .filter((i) => i < calendar.events);
      return multistatus(res, wanted.map(withData).join(""));
    }
    if (/calendar-query/.test(xml)) {
      const range = /start="(\d{8}T\d{6}Z)"\s+end="(\d{8}T\d{6}Z)"/.exec(xml);
      const [start, end] = range ? [parseStamp(range[1]!), parseStamp(range[2]!)] : [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
      const parts: string[] = [];
      for (let i = 0; i < calendar.events; i++) {
        const t = this.eventTimes(calendar, i, calendar.changed.get(i) ?? 1);
        // Recurring ones (every tenth) run for eight weeks.
        const last = i % 10 === 0 ? t.end + 7 * 7 * DAY : t.end;
        if (t.start < end && last > start) parts.push(withData(i));
      }
      return multistatus(res, parts.join(""));
    }
    res.writeHead(400, { "content-type": "text/plain" });
    res.end("Unsupported REPORT");
  }
}

export async function startCalDavPeer(): Promise<CalDavPeer> {
  return new CalDavPeer().listen();
}

const ctagOf = (c: Calendar) => `"peer-${c.seed}-${c.version}"`;
const tokenOf = (c: Calendar) => `http://peer/sync/${c.version}`;

function collectionResponse(user: string, c: Calendar): string {
  return `<D:response><D:href>/${user}/${c.name}/</D:href><D:propstat><D:prop><D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:displayname>${c.name}</D:displayname><CS:getctag>${ctagOf(c)}</CS:getctag><D:sync-token>${tokenOf(c)}</D:sync-token></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>`;
}

function multistatus(res: ServerResponse, inner: string): void {
  const body = Buffer.from(
    `<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/">${inner}</D:multistatus>`,
  );
  res.writeHead(207, { "content-type": "application/xml; charset=utf-8", "content-length": String(body.length) });
  res.end(body);
}

function authorized(header: string | undefined, user: string, password: string): boolean {
  const m = /^Basic\s+(\S+)/i.exec(header ?? "");
  return !!m && Buffer.from(m[1]!, "base64").toString("utf8") === `${user}:${password}`;
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
const parseStamp = (s: string) =>
  Date.UTC(+s.slice(0, 4), +s.slice(4, 6) - 1, +s.slice(6, 8), +s.slice(9, 11), +s.slice(11, 13), +s.slice(13, 15));

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
