// Hostile HTTP against the public API, over real sockets: a Node HTTP server that records the
// peer's address exactly as the app's server does (scripts/server.ts → recordPeerAddress), hands
// each request to the real route handlers, and real PostgreSQL behind them. Every case ends in a
// clear answer (4xx, or success where the input is fine) within bounded time, and nothing is
// booked that should not be. The server trusts no proxy (TRUST_PROXY_HOPS=0), as in production
// without one, so the only client identity is the connection's address; each case connects from
// its own loopback address (127.0.0.0/8), so cases don't share rate-limit buckets.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as cancelPOST } from "@/app/api/public/bookings/[id]/cancel/route";
import { GET as icsGET } from "@/app/api/public/bookings/[id]/ics/route";
import { POST as reschedulePOST } from "@/app/api/public/bookings/[id]/reschedule/route";
import { POST as bookingsPOST } from "@/app/api/public/calendars/[slug]/bookings/route";
import { GET as slotsGET } from "@/app/api/public/calendars/[slug]/slots/route";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { MAX_PUBLIC_BODY_BYTES } from "@/lib/http/public-api";
import { recordPeerAddress } from "@/lib/http/peer-address";
import { createBookingCalendar, createStaff } from "../support/booking-factories";
import { createOrganization, uniqueSuffix } from "../support/factories";

type Params = Record<string, string>;
type Handler = (request: Request, context: { params: Promise<Params> }) => Promise<Response>;

const ROUTES: { method: string; pattern: RegExp; names: string[]; handler: Handler }[] = [
  {
    method: "POST",
    pattern: /^\/api\/public\/calendars\/([^/]+)\/bookings$/,
    names: ["slug"],
    handler: bookingsPOST as unknown as Handler,
  },
  { method: "GET", pattern: /^\/api\/public\/calendars\/([^/]+)\/slots$/, names: ["slug"], handler: slotsGET as unknown as Handler },
  {
    method: "POST",
    pattern: /^\/api\/public\/bookings\/([^/]+)\/reschedule$/,
    names: ["id"],
    handler: reschedulePOST as unknown as Handler,
  },
  { method: "POST", pattern: /^\/api\/public\/bookings\/([^/]+)\/cancel$/, names: ["id"], handler: cancelPOST as unknown as Handler },
  { method: "GET", pattern: /^\/api\/public\/bookings\/([^/]+)\/ics$/, names: ["id"], handler: icsGET as unknown as Handler },
];

/** The peer addresses the route handlers saw, so tests can check what identity a request got. */
const seenPeers: string[] = [];
/** Body bytes the last request's handler pulled from the socket. */
let lastBodyBytesRead = 0;

async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
  recordPeerAddress(req);
  seenPeers.push(String(req.headers["x-crm-peer-address"]));
  const url = new URL(req.url ?? "/", "http://crm.test");
  const route = ROUTES.find((r) => r.method === req.method && r.pattern.test(url.pathname));
  if (!route) {
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"code":"NOT_FOUND","message":"no route"}}');
    return;
  }
  const match = route.pattern.exec(url.pathname)!;
  const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? bodyStream(req) : undefined,
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
  const response = await route.handler(request, { params: Promise.resolve(params) });
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
  // Like Next, stop reading a body the handler gave up on.
  if (!req.readableEnded) req.destroy();
}

/** The request body as a web stream that reads only as fast as the handler pulls, and stops reading when it cancels. */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  lastBodyBytesRead = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          if (req.destroyed) return;
          lastBodyBytesRead += chunk.byteLength;
          controller.enqueue(new Uint8Array(chunk));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once("end", () => controller.close());
        req.once("error", (error) => controller.error(error));
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        req.pause();
        req.removeAllListeners("data");
      },
    },
    { highWaterMark: 4 },
  );
}

let server: Server;
let port: number;
let hostCounter = 1;
/** A loopback address of its own for each case (the whole 127.0.0.0/8 block reaches the server). */
const nextHost = () => {
  hostCounter += 1;
  return `127.0.${Math.floor(hostCounter / 250) + 1}.${(hostCounter % 250) + 2}`;
};

const savedHops = env.TRUST_PROXY_HOPS;
const savedLimits = {
  write: process.env.PUBLIC_WRITE_RATE_LIMIT,
  calendar: process.env.PUBLIC_CALENDAR_WRITE_RATE_LIMIT,
  read: process.env.PUBLIC_READ_RATE_LIMIT,
};

beforeAll(async () => {
  (env as { TRUST_PROXY_HOPS: number }).TRUST_PROXY_HOPS = 0;
  // Each calendar here takes many refused requests; its own limit is tested in one case below.
  process.env.PUBLIC_CALENDAR_WRITE_RATE_LIMIT = "100000";
  server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      res
        .writeHead(500, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { code: "INTERNAL", message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  (env as { TRUST_PROXY_HOPS: number }).TRUST_PROXY_HOPS = savedHops;
  for (const [name, value] of [
    ["PUBLIC_WRITE_RATE_LIMIT", savedLimits.write],
    ["PUBLIC_CALENDAR_WRITE_RATE_LIMIT", savedLimits.calendar],
    ["PUBLIC_READ_RATE_LIMIT", savedLimits.read],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  json: { error?: { code: string; message: string }; [key: string]: unknown } | null;
  ms: number;
  /** Body bytes the client managed to write before the answer came (streamed cases). */
  sent: number;
}

const CASE_DEADLINE_MS = 10_000;

/**
 * One HTTP/1.1 request over a raw socket from `host`, so headers, lengths and chunking are exactly
 * what a hostile client sends. `body` may be a string/bytes, or a generator of chunks written until
 * the server answers.
 */
function raw(options: {
  host?: string;
  method?: string;
  path: string;
  headers?: [string, string][];
  body?: string | Uint8Array | (() => Iterable<Uint8Array>);
  chunked?: boolean;
  head?: string;
}): Promise<Answer> {
  const started = performance.now();
  return new Promise<Answer>((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, localAddress: options.host ?? nextHost() });
    const received: Buffer[] = [];
    let sent = 0;
    let answered = false;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${CASE_DEADLINE_MS} ms`));
    }, CASE_DEADLINE_MS);
    const finish = () => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      const text = Buffer.concat(received).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      if (split < 0) return reject(new Error(`no HTTP answer: ${JSON.stringify(text.slice(0, 200))}`));
      const [statusLine, ...headerLines] = text.slice(0, split).split("\r\n");
      const status = Number(statusLine!.split(" ")[1]);
      const headers = Object.fromEntries(
        headerLines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
      );
      let body = text.slice(split + 4);
      if (headers["transfer-encoding"] === "chunked") {
        let out = "";
        for (let at = 0; ;) {
          const eol = body.indexOf("\r\n", at);
          const size = parseInt(body.slice(at, eol), 16);
          if (!size) break;
          out += body.slice(eol + 2, eol + 2 + size);
          at = eol + 2 + size + 2;
        }
        body = out;
      }
      body = Buffer.from(body, "latin1").toString("utf8");
      let json: Answer["json"] = null;
      try {
        json = JSON.parse(body) as Answer["json"];
      } catch {
        json = null;
      }
      resolve({ status, headers, body, json, ms: performance.now() - started, sent });
    };
    socket.on("data", (chunk: Buffer) => {
      received.push(chunk);
      const text = Buffer.concat(received).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      if (split < 0) return;
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, split));
      if (length && Buffer.byteLength(text.slice(split + 4), "latin1") >= Number(length[1])) {
        finish();
        socket.destroy();
      } else if (/\r\ntransfer-encoding:\s*chunked/i.test(text.slice(0, split)) && text.endsWith("0\r\n\r\n")) {
        finish();
        socket.destroy();
      }
    });
    socket.on("close", finish);
    socket.on("error", () => finish());
    socket.on("connect", () => {
      const lines = [options.head ?? `${options.method ?? "POST"} ${options.path} HTTP/1.1`, "Host: crm.test", "Connection: close"];
      const body = options.body;
      const fixed = typeof body === "string" ? Buffer.from(body) : body instanceof Uint8Array ? body : null;
      const headers = options.headers ?? [];
      const hasLength = headers.some(([name]) => name.toLowerCase() === "content-length");
      if (options.chunked || typeof body === "function") lines.push("Transfer-Encoding: chunked");
      else if (fixed && !hasLength) lines.push(`Content-Length: ${fixed.byteLength}`);
      for (const [name, value] of headers) lines.push(`${name}: ${value}`);
      socket.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (fixed && !(options.chunked || typeof body === "function")) {
        socket.write(fixed);
        sent = fixed.byteLength;
      } else if (typeof body === "function") {
        // Write chunks while the server keeps reading; stop once it has answered or closed.
        const chunks = body()[Symbol.iterator]();
        const pump = () => {
          while (!answered && !socket.destroyed) {
            const next = chunks.next();
            if (next.done) {
              socket.write("0\r\n\r\n");
              return;
            }
            sent += next.value.byteLength;
            const more = socket.write(`${next.value.byteLength.toString(16)}\r\n`) && socket.write(next.value) && socket.write("\r\n");
            if (!more) return void socket.once("drain", pump);
          }
        };
        pump();
      } else if (fixed) {
        socket.write(`${fixed.byteLength.toString(16)}\r\n`);
        socket.write(fixed);
        socket.write("\r\n0\r\n\r\n");
        sent = fixed.byteLength;
      }
    });
  });
}

function* repeated(total: number, chunk: number): Iterable<Uint8Array> {
  const piece = new Uint8Array(chunk).fill(0x20);
  for (let sent = 0; sent < total; sent += chunk) yield piece;
}

/** The next Monday at least a week away, at `hour`:00 UTC. */
function mondayAt(hour: number): string {
  const day = new Date(Date.now() + 7 * 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((8 - day.getUTCDay()) % 7));
  day.setUTCHours(hour, 0, 0, 0);
  return day.toISOString();
}

async function bookingCalendar() {
  const org = await createOrganization();
  const staff = await createStaff(org.id, "UTC");
  const calendar = await createBookingCalendar({
    organizationId: org.id,
    type: "ROUND_ROBIN",
    memberIds: [staff.id],
    timeZone: "UTC",
    durationMinutes: 30,
  });
  return { organizationId: org.id, slug: calendar.slug };
}

const booked = (organizationId: string) => db.appointment.count({ where: { organizationId } });
const JSON_TYPE: [string, string] = ["Content-Type", "application/json"];
/** A start the booking rules refuse (a Sunday night): requests that get past the HTTP checks still book nothing. */
const SUNDAY_NIGHT = "2030-01-06T03:00:00Z";

function expectClear4xx(answer: Answer, status?: number) {
  if (status !== undefined) expect(answer.status, answer.body.slice(0, 300)).toBe(status);
  expect(answer.status, answer.body.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(answer.status, answer.body.slice(0, 300)).toBeLessThan(500);
  expect(answer.ms).toBeLessThan(5_000);
}

function expectApiError(answer: Answer, status: number, code: string) {
  expectClear4xx(answer, status);
  expect(answer.json?.error?.code).toBe(code);
  expect(answer.json?.error?.message.length).toBeGreaterThan(5);
}

describe("spoofed client identity (no trusted proxy)", () => {
  const random = () =>
    `${1 + Math.floor(Math.random() * 223)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 254)}`;
  const SPOOFS: [string, () => [string, string][]][] = [
    ["a random X-Forwarded-For", () => [["X-Forwarded-For", random()]]],
    ["a random chain in X-Forwarded-For", () => [["X-Forwarded-For", `${random()}, ${random()}, ${random()}`]]],
    [
      "several X-Forwarded-For headers",
      () => [
        ["X-Forwarded-For", random()],
        ["X-Forwarded-For", random()],
      ],
    ],
    ["a random X-Real-IP", () => [["X-Real-IP", random()]]],
    ["a random Forwarded: for=", () => [["Forwarded", `for=${random()};proto=https`]]],
    [
      "a random True-Client-IP / CF-Connecting-IP",
      () => [
        ["True-Client-IP", random()],
        ["CF-Connecting-IP", random()],
      ],
    ],
    ["the server's own peer header, random", () => [["X-Crm-Peer-Address", random()]]],
    [
      "the server's own peer header, upper case and repeated",
      () => [
        ["X-CRM-PEER-ADDRESS", random()],
        ["x-crm-peer-address", random()],
      ],
    ],
    ["an IPv6 X-Forwarded-For", () => [["X-Forwarded-For", `2001:db8::${Math.floor(Math.random() * 65535).toString(16)}`]]],
    [
      "garbage in every forwarding header",
      () => [
        ["X-Forwarded-For", `"><script>${uniqueSuffix()}`],
        ["X-Real-IP", "unknown"],
        ["Forwarded", `for="_${uniqueSuffix()}"`],
      ],
    ],
  ];

  it.each(SPOOFS)("%s does not escape the per-client write limit", async (_label, spoof) => {
    process.env.PUBLIC_WRITE_RATE_LIMIT = "3";
    const { organizationId, slug } = await bookingCalendar();
    const host = nextHost();
    const statuses: number[] = [];
    let last: Answer | undefined;
    for (let i = 0; i < 6; i++) {
      last = await raw({
        host,
        path: `/api/public/calendars/${slug}/bookings`,
        headers: [JSON_TYPE, ...spoof()],
        body: JSON.stringify({ start: SUNDAY_NIGHT, timeZone: "UTC", name: "Spoof", email: `s-${uniqueSuffix()}@example.test` }),
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(3)).toEqual([429, 429, 429]);
    expect(Number(last!.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(last!.headers["retry-after"])).toBeLessThanOrEqual(60);
    expect(seenPeers.at(-1)).toBe(host);
    expect(await booked(organizationId)).toBe(0);
    delete process.env.PUBLIC_WRITE_RATE_LIMIT;
  });

  it.each(SPOOFS.slice(0, 5))("%s does not escape the per-client read limit on slots", async (_label, spoof) => {
    process.env.PUBLIC_READ_RATE_LIMIT = "3";
    const { slug } = await bookingCalendar();
    const host = nextHost();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (
          await raw({
            host,
            method: "GET",
            path: `/api/public/calendars/${slug}/slots?start=2030-01-07T00:00:00Z&end=2030-01-08T00:00:00Z&timeZone=UTC`,
            headers: spoof(),
          })
        ).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    delete process.env.PUBLIC_READ_RATE_LIMIT;
  });

  it("real bookings from one client stop at the limit however the forwarding headers vary, and the calendar's own limit holds across clients", async () => {
    process.env.PUBLIC_WRITE_RATE_LIMIT = "2";
    const { organizationId, slug } = await bookingCalendar();
    const host = nextHost();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const answer = await raw({
        host,
        path: `/api/public/calendars/${slug}/bookings`,
        headers: [JSON_TYPE, ["X-Forwarded-For", random()]],
        body: JSON.stringify({ start: mondayAt(9 + i), timeZone: "UTC", name: "Real", email: `r-${uniqueSuffix()}@example.test` }),
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([201, 201, 429, 429, 429]);
    expect(await booked(organizationId)).toBe(2);

    process.env.PUBLIC_CALENDAR_WRITE_RATE_LIMIT = "4";
    const other = await bookingCalendar();
    const perCalendar: number[] = [];
    for (let i = 0; i < 6; i++) {
      perCalendar.push(
        (
          await raw({
            path: `/api/public/calendars/${other.slug}/bookings`,
            headers: [JSON_TYPE],
            body: JSON.stringify({ start: mondayAt(9 + i), timeZone: "UTC", name: "Crowd", email: `c-${uniqueSuffix()}@example.test` }),
          })
        ).status,
      );
    }
    expect(perCalendar).toEqual([201, 201, 201, 201, 429, 429]);
    expect(await booked(other.organizationId)).toBe(4);
    process.env.PUBLIC_CALENDAR_WRITE_RATE_LIMIT = "100000";
    delete process.env.PUBLIC_WRITE_RATE_LIMIT;
  });
});

describe("body size on the wire", () => {
  let target: { organizationId: string; slug: string };
  beforeAll(async () => {
    target = await bookingCalendar();
  });
  const path = () => `/api/public/calendars/${target.slug}/bookings`;

  it.each([MAX_PUBLIC_BODY_BYTES + 1, 1_000_000, 50_000_000, 10_000_000_000, 9_007_199_254_740_993])(
    "a declared Content-Length of %i is refused with 413 without waiting for the body",
    async (length) => {
      // Only a few bytes follow: the answer must not wait for the declared rest.
      const answer = await raw({ path: path(), headers: [JSON_TYPE, ["Content-Length", String(length)]], body: "{}" });
      expectApiError(answer, 413, "PAYLOAD_TOO_LARGE");
      expect(answer.json!.error!.message).toContain(String(MAX_PUBLIC_BODY_BYTES));
    },
  );

  it.each([
    [1, 1],
    [4096, 20_000_000],
    [64 * 1024, 50_000_000],
    [1024 * 1024, 500_000_000],
  ])("a chunked body in %i-byte pieces that would go on for %i bytes is cut off with 413", async (chunk, total) => {
    // 1-byte pieces: the body crosses the cap after MAX+1 pieces.
    const endless = chunk === 1 ? () => repeated(MAX_PUBLIC_BODY_BYTES + 10_000, 1) : () => repeated(total, chunk);
    const answer = await raw({ path: path(), headers: [JSON_TYPE], body: endless });
    expectApiError(answer, 413, "PAYLOAD_TOO_LARGE");
    // The server stopped reading just past the cap (a piece or two of read-ahead), and the client
    // got the answer long before it could send the whole body.
    expect(lastBodyBytesRead).toBeLessThanOrEqual(MAX_PUBLIC_BODY_BYTES + 5 * Math.max(chunk, 64 * 1024));
    if (chunk > 1) expect(answer.sent).toBeLessThan(total / 2);
  });

  it("a chunked JSON body within the cap is read as usual", async () => {
    const answer = await raw({
      path: path(),
      headers: [JSON_TYPE],
      chunked: true,
      body: JSON.stringify({ start: SUNDAY_NIGHT, timeZone: "UTC", name: "Chunked", email: `c-${uniqueSuffix()}@example.test` }),
    });
    // Read and handed to the booking rules, which refuse a Sunday night.
    expect(answer.status, answer.body).toBe(409);
    expect(answer.json!.error!.message).not.toMatch(/JSON|bytes/);
  });

  it.each([
    [
      "Content-Length and Transfer-Encoding together",
      [
        ["Content-Length", "5"],
        ["Transfer-Encoding", "chunked"],
      ],
    ],
    ["a negative Content-Length", [["Content-Length", "-1"]]],
    ["a non-numeric Content-Length", [["Content-Length", "lots"]]],
    [
      "two different Content-Lengths",
      [
        ["Content-Length", "2"],
        ["Content-Length", "50000000"],
      ],
    ],
  ] as [string, [string, string][]][])("%s is refused by the HTTP parser before any handler runs", async (_label, headers) => {
    const before = seenPeers.length;
    const answer = await raw({ path: path(), head: `POST ${path()} HTTP/1.1`, headers: [JSON_TYPE, ...headers], body: "{}" });
    expectClear4xx(answer, 400);
    expect(seenPeers.length).toBe(before);
  });

  it("a body exactly at the cap is read; one byte more is 413", async () => {
    const base = JSON.stringify({
      start: SUNDAY_NIGHT,
      timeZone: "UTC",
      name: "Pad",
      email: `p-${uniqueSuffix()}@example.test`,
      notes: "",
    });
    const pad = (extra: number) => base.replace(`"notes":""`, `"notes":"${"a".repeat(MAX_PUBLIC_BODY_BYTES - base.length + extra)}"`);
    const atCap = await raw({ path: path(), headers: [JSON_TYPE], body: pad(0) });
    expect(atCap.status).toBe(422); // read, then the notes are too long for the booking rules
    expect(atCap.json!.error!.message).toMatch(/notes/);
    expectApiError(await raw({ path: path(), headers: [JSON_TYPE], body: pad(1) }), 413, "PAYLOAD_TOO_LARGE");
    expect(await booked(target.organizationId)).toBe(0);
  });
});

describe("content types on the wire", () => {
  let target: { organizationId: string; slug: string };
  beforeAll(async () => {
    target = await bookingCalendar();
  });
  const body = () => JSON.stringify({ start: mondayAt(10), timeZone: "UTC", name: "Form", email: `f-${uniqueSuffix()}@example.test` });

  it.each([
    ["no Content-Type", []],
    ["text/plain (a cross-site form or sendBeacon)", [["Content-Type", "text/plain"]]],
    ["application/x-www-form-urlencoded", [["Content-Type", "application/x-www-form-urlencoded"]]],
    ["multipart/form-data", [["Content-Type", "multipart/form-data; boundary=----x"]]],
    ["application/json-seq", [["Content-Type", "application/json-seq"]]],
    ["application/jsonx", [["Content-Type", "application/jsonx"]]],
    ["a list of types", [["Content-Type", "text/plain, application/json"]]],
    ["application/json as a parameter", [["Content-Type", "text/plain; type=application/json"]]],
    ["an empty Content-Type", [["Content-Type", ""]]],
    [
      "two Content-Type headers",
      [
        ["Content-Type", "text/plain"],
        ["Content-Type", "application/json"],
      ],
    ],
  ] as [string, [string, string][]][])("%s: 415 on create, reschedule and cancel; nothing booked", async (_label, headers) => {
    for (const path of [
      `/api/public/calendars/${target.slug}/bookings`,
      `/api/public/bookings/missing-${uniqueSuffix()}/reschedule`,
      `/api/public/bookings/missing-${uniqueSuffix()}/cancel`,
    ]) {
      const answer = await raw({
        path,
        headers,
        body: path.endsWith("bookings") ? body() : JSON.stringify({ token: "t".repeat(40), start: mondayAt(11) }),
      });
      expectApiError(answer, 415, "UNSUPPORTED_MEDIA_TYPE");
    }
    expect(await booked(target.organizationId)).toBe(0);
  });

  it.each(["application/json", "application/json; charset=utf-8", "APPLICATION/JSON;CHARSET=UTF-8", 'application/json ; charset="utf-8"'])(
    "%j books",
    async (type) => {
      const answer = await raw({
        path: `/api/public/calendars/${target.slug}/bookings`,
        headers: [["Content-Type", type]],
        body: JSON.stringify({
          start: mondayAt(
            12 +
              [
                "application/json",
                "application/json; charset=utf-8",
                "APPLICATION/JSON;CHARSET=UTF-8",
                'application/json ; charset="utf-8"',
              ].indexOf(type),
          ),
          timeZone: "UTC",
          name: "Json",
          email: `j-${uniqueSuffix()}@example.test`,
        }),
      });
      expect(answer.status, answer.body).toBe(201);
    },
  );
});

describe("malformed and hostile JSON", () => {
  let target: { organizationId: string; slug: string };
  beforeAll(async () => {
    target = await bookingCalendar();
  });
  const post = (body: string | Uint8Array, extra: [string, string][] = []) =>
    raw({ path: `/api/public/calendars/${target.slug}/bookings`, headers: [JSON_TYPE, ...extra], body });
  const valid = (fields: Record<string, unknown>) =>
    JSON.stringify({ start: mondayAt(10), timeZone: "UTC", name: "Eve", email: `e-${uniqueSuffix()}@example.test`, ...fields });

  it.each([
    ["an empty body", ""],
    ["whitespace only", "   \n\t "],
    ["a form-encoded body", "start=2030-01-07T10:00:00Z&name=x"],
    ["truncated JSON", '{"start":"2030-01-'],
    ["a trailing comma", '{"name":"a",}'],
    ["single quotes", "{'name':'a'}"],
    ["a bare string", '"booking"'],
    ["null", "null"],
    ["a number", "12345"],
    ["an array", "[{}]"],
    ["NaN", '{"name":NaN}'],
    ["a BOM before the JSON", "\ufeff{}"],
    ["JSON followed by junk", '{"name":"a"} {"name":"b"}'],
    ["a comment", '{/* c */"name":"a"}'],
  ])("%s: 422, nothing booked", async (_label, body) => {
    const answer = await post(body);
    expectApiError(answer, 422, "INVALID_INPUT");
    expect(await booked(target.organizationId)).toBe(0);
  });

  it.each([
    ["arrays 9,000 deep", `${"[".repeat(9000)}${"]".repeat(9000)}`],
    ["objects 3,000 deep", `${'{"a":'.repeat(3000)}1${"}".repeat(3000)}`],
    ["deep nesting inside a field", valid({ name: JSON.parse(`${"[".repeat(2000)}${"]".repeat(2000)}`) as unknown })],
    [
      "a prototype-polluting key",
      `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},${valid({ start: SUNDAY_NIGHT }).slice(1)}`,
    ],
    ["1,500 unknown keys", JSON.stringify(Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`k${i}`, i])))],
  ])("%s: a clear 4xx in bounded time, nothing booked, nothing polluted", async (_label, body) => {
    const answer = await post(body);
    expectClear4xx(answer);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await booked(target.organizationId)).toBe(0);
  });

  it.each([
    ["name", { name: "N".repeat(19_000) }],
    ["email", { email: `${"e".repeat(19_000)}@example.test` }],
    ["notes", { notes: "n".repeat(2_001) }],
    ["phone", { phone: "1".repeat(41) }],
    ["start", { start: `2030-01-07T10:00:00${"0".repeat(19_000)}Z` }],
    ["timeZone", { timeZone: `Europe/${"B".repeat(19_000)}` }],
    ["serviceId", { serviceId: "s".repeat(19_000) }],
    ["name (as a number)", { name: 1e308 }],
    ["email (as an object)", { email: { $ne: null } }],
    ["start (as an array)", { start: ["2030-01-07T10:00:00Z"] }],
  ])("a hostile %s: 422 naming the field, nothing booked", async (field, fields) => {
    const answer = await post(valid(fields));
    expectApiError(answer, 422, "INVALID_INPUT");
    expect(answer.json!.error!.message).toContain(field.split(" ")[0]);
    expect(await booked(target.organizationId)).toBe(0);
  });

  it("a multi-byte name that fits in characters but not in bytes is 413, not read", async () => {
    expectApiError(await post(valid({ name: "😀".repeat(5_001) })), 413, "PAYLOAD_TOO_LARGE");
  });

  it.each([
    ["a 10,000-character Idempotency-Key", "k".repeat(10_000)],
    ["an Idempotency-Key with a space", "key with space"],
    ["an Idempotency-Key with non-ASCII", "clé-Ω"],
  ])("%s: 422, nothing booked", async (_label, key) => {
    const answer = await post(valid({}), [["Idempotency-Key", key]]);
    expectApiError(answer, 422, "INVALID_INPUT");
    expect(answer.json!.error!.message).toMatch(/Idempotency-Key/);
    expect(await booked(target.organizationId)).toBe(0);
  });

  it("bytes that are not UTF-8: 422", async () => {
    const answer = await post(new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]));
    expectApiError(answer, 422, "INVALID_INPUT");
    expect(answer.json!.error!.message).toMatch(/UTF-8/);
  });
});

describe("dates and time zones", () => {
  let target: { organizationId: string; slug: string };
  beforeAll(async () => {
    target = await bookingCalendar();
  });

  it.each([
    "2030-02-30T10:00:00Z",
    "2030-13-01T10:00:00Z",
    "2030-01-07T24:00:00Z",
    "2030-01-07T10:61:00Z",
    "2030-01-07T10:00:00",
    "2030-01-07",
    "2030-01-07T10:00:00+25:00",
    "tomorrow at ten",
    "1893924000000",
    "+275760-09-13T00:00:00Z",
    "-000001-01-01T00:00:00Z",
    "0000-00-00T00:00:00Z",
    "2030-01-07 10:00:00Z",
    "２０３０-01-07T10:00:00Z",
  ])("a booking start of %j: 422 naming start, nothing booked", async (start) => {
    const answer = await raw({
      path: `/api/public/calendars/${target.slug}/bookings`,
      headers: [JSON_TYPE],
      body: JSON.stringify({ start, timeZone: "UTC", name: "Date", email: `d-${uniqueSuffix()}@example.test` }),
    });
    expectApiError(answer, 422, "INVALID_INPUT");
    expect(answer.json!.error!.message).toMatch(/start/);
    expect(await booked(target.organizationId)).toBe(0);
  });

  it.each(["9999-12-31T23:30:00Z", "1970-01-05T10:00:00Z", "2030-01-06T03:00:00Z"])(
    "a well-formed start outside any bookable time (%s) is refused with a 4xx, nothing booked",
    async (start) => {
      const answer = await raw({
        path: `/api/public/calendars/${target.slug}/bookings`,
        headers: [JSON_TYPE],
        body: JSON.stringify({ start, timeZone: "UTC", name: "Far", email: `far-${uniqueSuffix()}@example.test` }),
      });
      expectClear4xx(answer);
      expect(answer.json?.error?.message.length).toBeGreaterThan(5);
      expect(await booked(target.organizationId)).toBe(0);
    },
  );

  const slots = (query: string) => raw({ method: "GET", path: `/api/public/calendars/${target.slug}/slots?${query}` });

  it.each([
    ["aMeRiCa/nEw_yOrK", "America/New_York"],
    ["europe/berlin", "Europe/Berlin"],
    ["Asia/Calcutta", "Asia/Kolkata"],
    ["US/Eastern", "America/New_York"],
    ["utc", "UTC"],
    ["GMT", "UTC"],
    ["Etc/GMT+5", "Etc/GMT+5"],
  ])("slots for the time-zone spelling %j answer in %s", async (zone, canonical) => {
    const answer = await slots(
      `start=${encodeURIComponent(mondayAt(0))}&end=${encodeURIComponent(mondayAt(23))}&timeZone=${encodeURIComponent(zone)}`,
    );
    expect(answer.status, answer.body).toBe(200);
    expect(answer.json!.timeZone).toBe(canonical);
    expect((answer.json!.slots as unknown[]).length).toBeGreaterThan(0);
  });

  it.each([
    "Mars/Olympus_Mons",
    "../../etc/passwd",
    "America/New York",
    "America/New_York\u0000",
    "",
    "Z",
    `Europe/${"x".repeat(300)}`,
    "%00",
    "Etc/Unknown",
  ])("slots for the time zone %j: 422 naming timeZone", async (zone) => {
    const answer = await slots(`start=2030-01-07T00:00:00Z&end=2030-01-08T00:00:00Z&timeZone=${encodeURIComponent(zone)}`);
    expectApiError(answer, 422, "INVALID_INPUT");
    expect(answer.json!.error!.message).toMatch(/timeZone/);
  });

  it.each([
    ["end before start", "start=2030-01-08T00:00:00Z&end=2030-01-07T00:00:00Z&timeZone=UTC"],
    ["a ten-year range", "start=2030-01-01T00:00:00Z&end=2040-01-01T00:00:00Z&timeZone=UTC"],
    ["no start", "end=2030-01-08T00:00:00Z&timeZone=UTC"],
    ["a start of Feb 30", "start=2030-02-30T00:00:00Z&end=2030-03-02T00:00:00Z&timeZone=UTC"],
    ["repeated parameters", "start=2030-01-07T00:00:00Z&start=x&end=2030-01-08T00:00:00Z&timeZone=UTC&timeZone=Mars/Base"],
  ])("slots with %s: 422 in bounded time", async (_label, query) => {
    const answer = await slots(query);
    expect(answer.status === 422 || answer.status === 200, answer.body).toBe(true);
    expect(answer.ms).toBeLessThan(5_000);
    if (!_label.startsWith("repeated")) expectApiError(answer, 422, "INVALID_INPUT");
  });
});

describe("header floods and odd requests", () => {
  let target: { organizationId: string; slug: string };
  beforeAll(async () => {
    target = await bookingCalendar();
  });
  const body = () => JSON.stringify({ start: SUNDAY_NIGHT, timeZone: "UTC", name: "Flood", email: `fl-${uniqueSuffix()}@example.test` });

  it.each([
    ["1,000 headers of 100 bytes", Array.from({ length: 1000 }, (_, i) => [`X-Flood-${i}`, "v".repeat(100)] as [string, string])],
    ["one 64 kB cookie", [["Cookie", `a=${"c".repeat(64 * 1024)}`]] as [string, string][]],
    ["5,000 X-Forwarded-For headers", Array.from({ length: 5000 }, (_, i) => ["X-Forwarded-For", `10.0.${i % 256}.1`] as [string, string])],
    [
      "a 100 kB X-Forwarded-For list",
      [["X-Forwarded-For", Array.from({ length: 8000 }, (_, i) => `10.${i % 256}.0.1`).join(", ")]] as [string, string][],
    ],
  ])("%s: 431 from the HTTP parser, no handler runs", async (_label, headers) => {
    const before = seenPeers.length;
    const answer = await raw({ path: `/api/public/calendars/${target.slug}/bookings`, headers: [JSON_TYPE, ...headers], body: body() });
    expectClear4xx(answer, 431);
    expect(seenPeers.length).toBe(before);
  });

  it("a 100 kB URL is refused by the HTTP parser", async () => {
    const answer = await raw({ method: "GET", path: `/api/public/calendars/${target.slug}/slots?timeZone=${"x".repeat(100_000)}` });
    expectClear4xx(answer, 431);
  });

  it("200 small headers are fine: the request is read and answered by the booking rules", async () => {
    const headers = Array.from({ length: 200 }, (_, i) => [`X-Extra-${i}`, "v"] as [string, string]);
    const answer = await raw({ path: `/api/public/calendars/${target.slug}/bookings`, headers: [JSON_TYPE, ...headers], body: body() });
    expect(answer.status, answer.body).toBe(409);
    expect(await booked(target.organizationId)).toBe(0);
  });

  it.each([
    [
      "a slug of 5,000 characters",
      `/api/public/calendars/${"s".repeat(5000)}/slots?start=2030-01-07T00:00:00Z&end=2030-01-08T00:00:00Z&timeZone=UTC`,
      404,
    ],
    [
      "a slug that is SQL",
      `/api/public/calendars/${encodeURIComponent("x' OR '1'='1")}/slots?start=2030-01-07T00:00:00Z&end=2030-01-08T00:00:00Z&timeZone=UTC`,
      404,
    ],
    // An unknown booking and a wrong token get the same answer: no oracle for booking ids.
    ["an .ics without a token", `/api/public/bookings/missing-${uniqueSuffix()}/ics`, 403],
    ["an .ics with a 10,000-character token", `/api/public/bookings/missing-${uniqueSuffix()}/ics?token=${"t".repeat(10_000)}`, 403],
  ] as [string, string, number][])("a GET with %s: a clear %i", async (_label, path, status) => {
    const answer = await raw({ method: "GET", path });
    expectClear4xx(answer, status);
    expect(answer.json?.error?.message.length).toBeGreaterThan(5);
  });
});
