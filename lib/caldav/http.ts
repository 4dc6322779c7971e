import { xml2js } from "xml-js";
import { assertAllowedUrl, type HostPolicy } from "./allow-list";
import { CalDavError, parseRetryAfter, redactUrl } from "./errors";

export const USER_AGENT = "CRM-Calendar/0.1 (CalDAV client)";
const MAX_REDIRECTS = 3;
/**
 * No CalDAV answer is read past this many bytes (a calendar-query chunk of a busy calendar is a
 * few MB; iCloud's own object limit is far below). A larger answer is a TOO_LARGE error.
 */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** Multistatus answers nest about eight levels deep; anything past this is not CalDAV. */
export const MAX_XML_DEPTH = 64;

export interface CalDavFetchOptions {
  policy: HostPolicy;
  /** Per request, body included; a stalled server must not hold a user's form or a job forever. */
  timeoutMs: number;
  /** The transport, injectable for tests; defaults to the global fetch at call time. */
  transport?: typeof fetch;
  /** Cap on one answer's body, in bytes; default MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number;
}

/**
 * The fetch handed to tsdav (which otherwise captures the global fetch at import). It
 * enforces the host allow-list on every request and redirect, adds a timeout and a
 * User-Agent, reads every body with a byte cap, and turns the failures tsdav would swallow or
 * blur into typed CalDavErrors: tsdav answers [] on a 401, on unparseable XML, on a non-XML
 * body and on a failed REPORT, which callers would read as "no calendars" or "no events" — the
 * silent double-booking trap.
 */
export function createCalDavFetch(options: CalDavFetchOptions): typeof fetch {
  const cap = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  return async function calDavFetch(input, init = {}) {
    let url = String(input instanceof Request ? input.url : input);
    const method = (init.method ?? "GET").toUpperCase();
    for (let hop = 0; ; hop++) {
      assertAllowedUrl(options.policy, url);
      const headers = new Headers(init.headers);
      headers.set("User-Agent", USER_AGENT);
      let response: Response;
      try {
        response = await (options.transport ?? fetch)(url, {
          ...init,
          headers,
          redirect: "manual",
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        throw transportError(error, url);
      }
      if (response.status >= 300 && response.status < 400 && response.headers.get("location")) {
        await response.body?.cancel().catch(() => {});
        if (hop >= MAX_REDIRECTS) throw new CalDavError("SERVER", "The calendar server redirected too many times.");
        url = new URL(response.headers.get("location")!, url).href;
        continue;
      }
      return checkResponse(response, url, { method, requestBody: typeof init.body === "string" ? init.body : "", cap });
    }
  };
}

function transportError(error: unknown, url: string): CalDavError {
  if (error instanceof CalDavError) return error;
  const name = (error as { name?: string })?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new CalDavError("TIMEOUT", "The calendar server did not answer in time.", { url: redactUrl(url) });
  }
  return new CalDavError("NETWORK", "The calendar server could not be reached.", { url: redactUrl(url) });
}

async function checkResponse(
  response: Response,
  url: string,
  request: { method: string; requestBody: string; cap: number },
): Promise<Response> {
  const where = { status: response.status, url: redactUrl(url) };
  const discard = () => response.body?.cancel().catch(() => {});
  if (response.status === 401) {
    await discard();
    throw new CalDavError("AUTH", "The calendar server rejected the credentials.", where);
  }
  if (response.status === 429 || response.status === 503) {
    await discard();
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    throw new CalDavError("UNAVAILABLE", "The calendar server is busy or unavailable.", { ...where, retryAfterMs });
  }
  if (response.status >= 500) {
    await discard();
    throw new CalDavError("SERVER", `The calendar server failed (HTTP ${response.status}).`, where);
  }
  const multistatusExpected = request.method === "PROPFIND" || request.method === "REPORT";
  if (request.method === "REPORT" && response.status >= 400 && !/sync-collection/.test(request.requestBody)) {
    // A failed query is never "no events" (a sync-collection's 403/409/412 means "start over", which the reader handles).
    await discard();
    throw new CalDavError(
      response.status === 404 ? "NOT_FOUND" : response.status === 403 ? "FORBIDDEN" : "SERVER",
      `The calendar server refused the query (HTTP ${response.status}).`,
      where,
    );
  }
  if (multistatusExpected && response.status >= 200 && response.status < 300 && response.status !== 207) {
    await discard();
    throw new CalDavError(
      "MALFORMED",
      `The calendar server answered HTTP ${response.status} where a multistatus (207) was expected.`,
      where,
    );
  }
  const bytes = await readCapped(response, request.cap, url);
  if (response.status === 207) {
    const malformed = (why: string) =>
      new CalDavError("MALFORMED", `The calendar server sent a response that could not be read (${why}).`, where);
    if (!/xml/i.test(response.headers.get("content-type") ?? "")) throw malformed("not XML");
    let body: string;
    try {
      body = new TextDecoder("utf-8", { fatal: true }).decode(bytes ?? new Uint8Array());
    } catch {
      throw malformed("not UTF-8");
    }
    // Scanned before parsing: entity declarations and absurd nesting never reach the parser.
    const shape = scanXml(body, MAX_XML_DEPTH);
    if (shape.problem) throw malformed(shape.problem);
    if (shape.root?.replace(/^[^:]*:/, "") !== "multistatus") throw malformed("not a multistatus");
    // Parse once here so that broken XML is an error, not an empty result further down.
    let parsed: unknown;
    try {
      parsed = xml2js(body, { compact: true });
    } catch {
      throw malformed("broken XML");
    }
    // tsdav reads a query's lone 404 for the collection itself as "no events": it is not.
    if (request.method === "REPORT" && /calendar-query/.test(request.requestBody) && collectionNotFound(parsed, url)) {
      throw new CalDavError("NOT_FOUND", "The calendar server says the calendar does not exist (HTTP 404 in its answer).", where);
    }
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  }
  const noBody = [101, 204, 205, 304].includes(response.status);
  return new Response(noBody ? null : (bytes as BodyInit | null), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

type Node = Record<string, unknown>;
const child = (node: unknown, local: string): unknown[] => {
  if (!node || typeof node !== "object") return [];
  const out: unknown[] = [];
  for (const [key, value] of Object.entries(node as Node)) {
    if (key.replace(/^[^:]*:/, "") !== local) continue;
    out.push(...(Array.isArray(value) ? value : [value]));
  }
  return out;
};
const text = (node: unknown): string => {
  const t = node && typeof node === "object" ? (node as Node)._text : undefined;
  return typeof t === "string" ? t.trim() : Array.isArray(t) ? t.join("").trim() : "";
};

/** A multistatus whose only response is the queried collection itself with status 404. */
function collectionNotFound(parsed: unknown, url: string): boolean {
  const responses = child(child(parsed, "multistatus")[0], "response");
  if (responses.length !== 1) return false;
  const [response] = responses;
  if (!/\s404\b/.test(text(child(response, "status")[0]))) return false;
  try {
    const strip = (p: string) => p.replace(/\/+$/, "");
    return strip(new URL(text(child(response, "href")[0]), url).pathname) === strip(new URL(url).pathname);
  } catch {
    return false;
  }
}

/** The whole body, or a TOO_LARGE error as soon as it passes `cap` bytes (the rest is never read). */
async function readCapped(response: Response, cap: number, url: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const tooLarge = () =>
    new CalDavError(
      "TOO_LARGE",
      `The calendar server sent more than ${Math.round(cap / (1024 * 1024))} MB in one answer; it was not read.`,
      {
        status: response.status,
        url: redactUrl(url),
      },
    );
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > cap) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return null;
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      parts.push(value);
    }
  } catch (error) {
    throw transportError(error, url);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/**
 * One linear pass over an XML text: the root element's name, and the first reason not to parse it
 * (a DOCTYPE or entity declaration — CalDAV never sends one, and they are how entity expansion
 * attacks start —, nesting deeper than `maxDepth`, elements left open at the end, or no element).
 */
export function scanXml(xml: string, maxDepth: number): { root: string | null; problem: string | null } {
  let root: string | null = null;
  let depth = 0;
  let i = 0;
  for (;;) {
    i = xml.indexOf("<", i);
    if (i < 0) break;
    if (xml.startsWith("<![CDATA[", i)) {
      const end = xml.indexOf("]]>", i + 9);
      if (end < 0) return { root, problem: "unterminated CDATA" };
      i = end + 3;
      continue;
    }
    if (xml.startsWith("<!--", i)) {
      const end = xml.indexOf("-->", i + 4);
      if (end < 0) return { root, problem: "unterminated comment" };
      i = end + 3;
      continue;
    }
    if (xml.startsWith("<!", i)) return { root, problem: "a DOCTYPE or entity declaration" };
    if (xml.startsWith("<?", i)) {
      const end = xml.indexOf("?>", i + 2);
      if (end < 0) return { root, problem: "unterminated processing instruction" };
      i = end + 2;
      continue;
    }
    const end = xml.indexOf(">", i + 1);
    if (end < 0) return { root, problem: "an unterminated tag" };
    if (xml[i + 1] === "/") depth--;
    else {
      if (root === null) root = /^<([^\s/>]+)/.exec(xml.slice(i, Math.min(end + 1, i + 256)))?.[1] ?? "";
      if (xml[end - 1] !== "/" && ++depth > maxDepth) return { root, problem: `nested deeper than ${maxDepth} levels` };
    }
    i = end + 1;
  }
  if (root === null) return { root, problem: "no XML element" };
  // A cut answer must not pass as a shorter one: its last objects would read as deleted.
  return { root, problem: depth > 0 ? "truncated (unclosed elements)" : null };
}
