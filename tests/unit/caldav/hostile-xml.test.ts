// Runs every hostile CalDAV answer through the real reader (tsdav with the guarded fetch) against
// a tiny local HTTP server: each ends in its typed error or its bounded result, quickly, and the
// server is never read past the byte cap.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHostPolicy } from "@/lib/caldav/allow-list";
import { CalDavError } from "@/lib/caldav/errors";
import { MAX_RESPONSE_BYTES, scanXml } from "@/lib/caldav/http";
import { discoverAccount } from "@/lib/caldav/discovery";
import { createCalendarReader } from "@/lib/caldav/reader";
import { HOSTILE_XML_CASES, type Answer, type HostileXmlCase } from "./hostile-xml-cases";

let server: Server;
let base: string;
let current: HostileXmlCase["answer"] = { status: 500 };
/** Bytes of body the server generated for the last streamed answer. */
let generated = 0;

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, answer.headers ?? {});
  if (answer.stall) return; // headers only; the client's timeout ends it
  if (answer.reset) {
    res.write(answer.body ?? "");
    setTimeout(() => res.socket?.destroy(), 20);
    return;
  }
  if (answer.stream) {
    const { chunk, count, delayMs } = answer.stream;
    let sent = 0;
    const pump = () => {
      while (sent < count) {
        if (res.destroyed || res.writableEnded) return;
        sent++;
        generated += chunk.byteLength;
        const more = res.write(chunk);
        if (delayMs) return void setTimeout(pump, delayMs);
        if (!more) return void res.once("drain", pump);
      }
      res.end();
    };
    res.on("error", () => {});
    pump();
    return;
  }
  res.end(answer.body ?? "");
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on("end", () => send(res, typeof current === "function" ? current(req.url ?? "/") : current));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function run(c: HostileXmlCase): Promise<unknown> {
  const reader = createCalendarReader({
    policy: createHostPolicy(base, "127.0.0.1"),
    timeoutMs: c.timeoutMs ?? 2000,
    username: "u",
    password: "p",
  });
  const url = `${base}/cal/`;
  switch (c.op) {
    case "query":
      return reader.queryRange(url, { start: Date.parse("2026-12-01T00:00:00Z"), end: Date.parse("2027-01-01T00:00:00Z") });
    case "multiget":
      return reader.multiGet(url, [`${base}/cal/a.ics`, `${base}/cal/gone.ics`]);
    case "sync":
      return reader.syncChanges(url, "http://example.com/sync/1");
    case "state":
      return reader.collectionState(url);
    case "discover":
      return discoverAccount({
        serverUrl: `${base}/`,
        policy: createHostPolicy(base, "127.0.0.1"),
        timeoutMs: c.timeoutMs ?? 2000,
        username: "u",
        password: "p",
      });
  }
}

describe("hostile CalDAV answers", () => {
  it("has at least 70 cases, each named once", () => {
    expect(HOSTILE_XML_CASES.length).toBeGreaterThanOrEqual(70);
    expect(new Set(HOSTILE_XML_CASES.map((c) => c.name)).size).toBe(HOSTILE_XML_CASES.length);
  });

  it.each(HOSTILE_XML_CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    current = c.answer;
    generated = 0;
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const result = await run(c).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const elapsed = performance.now() - started;
    // Bounded in time…
    expect(elapsed).toBeLessThan(5_000);
    // …and in what was read: never much past the cap. What the fake server has written when the
    // reader stops also fills the loopback socket's send and receive buffers, which Linux grows to
    // several MB each on a busy machine (29 MB written for a 16 MB cap was seen), so the bound is
    // the cap plus 24 MB: still well short of the 50 MB answers, which are never read to the end.
    expect(generated).toBeLessThan(MAX_RESPONSE_BYTES + 24 * 1024 * 1024);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(400 * 1024 * 1024);

    const o = c.outcome;
    if ("error" in o) {
      expect(
        "error" in result,
        `expected a ${o.error} error, got ${JSON.stringify("value" in result ? result.value : null)?.slice(0, 200)}`,
      ).toBe(true);
      const error = (result as { error: unknown }).error;
      expect(error).toBeInstanceOf(CalDavError);
      expect((error as CalDavError).kind).toBe(o.error);
      expect((error as CalDavError).message.length).toBeGreaterThan(10);
      if (o.retryAfterMs !== undefined) expect((error as CalDavError).details.retryAfterMs ?? null).toBe(o.retryAfterMs);
      return;
    }
    if ("error" in result) throw result.error;
    const value = result.value;
    if ("objects" in o) {
      const objects = value as { url: string; ics: string }[];
      expect(objects).toHaveLength(o.objects);
      if (o.firstIcs !== undefined) expect(objects[0]!.ics.replace(/\r?\n/g, "\n").trim()).toBe(o.firstIcs.replace(/\r?\n/g, "\n").trim());
    } else if ("invalidToken" in o) {
      expect(value).toBe("invalid-token");
    } else if ("changed" in o) {
      const changes = value as { changed: unknown[]; deleted: unknown[]; token: string };
      expect({ changed: changes.changed.length, deleted: changes.deleted.length }).toEqual({ changed: o.changed, deleted: o.deleted });
      expect(changes.token.length).toBeGreaterThan(0);
    } else {
      expect((value as { ctag: string | null }).ctag).toBe(o.ctag);
    }
  });
});

describe("scanXml", () => {
  it.each([
    ["<a><b/></a>", { root: "a", problem: null }],
    ["<?xml version='1.0'?><!-- c --><d:m xmlns:d='DAV:'><![CDATA[<x><y>]]></d:m>", { root: "d:m", problem: null }],
    ["<!DOCTYPE a><a/>", { root: null, problem: "a DOCTYPE or entity declaration" }],
    ["<a>" + "<b>".repeat(70), { root: "a", problem: "nested deeper than 64 levels" }],
    ["text only", { root: null, problem: "no XML element" }],
    ["<a><![CDATA[open", { root: "a", problem: "unterminated CDATA" }],
  ])("%j", (xml, expected) => {
    expect(scanXml(xml, 64)).toEqual(expected);
  });
});
