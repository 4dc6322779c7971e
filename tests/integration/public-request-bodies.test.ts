// Hostile request bodies on the public write endpoints, against the real route handlers and the
// real PostgreSQL: only JSON is accepted (a cross-site HTML form cannot send it), bodies are
// capped by bytes while they are read (a huge or endless body is never held in memory), and a
// refused request books, moves or cancels nothing.
import { describe, expect, it } from "vitest";
import { POST as cancelPOST } from "@/app/api/public/bookings/[id]/cancel/route";
import { POST as reschedulePOST } from "@/app/api/public/bookings/[id]/reschedule/route";
import { POST as bookingsPOST } from "@/app/api/public/calendars/[slug]/bookings/route";
import { db } from "@/lib/db";
import { MAX_PUBLIC_BODY_BYTES } from "@/lib/http/public-api";
import { createBookingCalendar, newOrganizationWithStaff } from "../support/booking-factories";
import { uniqueSuffix } from "../support/factories";

const BASE = "http://crm.test/api/public";
const client = () => ({
  "x-forwarded-for": `198.51.${parseInt(uniqueSuffix().slice(0, 2), 16)}.${parseInt(uniqueSuffix().slice(0, 2), 16)}`,
});

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

interface Endpoint {
  name: string;
  handler: Handler<{ slug: string } & { id: string }>;
  path: string;
  params: { slug: string; id: string };
  body: () => Record<string, unknown>;
}

async function setup(): Promise<{ endpoints: Endpoint[]; organizationId: string; bookingId: string }> {
  const { org, staff } = await newOrganizationWithStaff(1);
  const calendar = await createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: staff.map((s) => s.id) });
  // Any start works for these cases: every request is refused before the booking logic runs.
  const start = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const id = `missing-${uniqueSuffix()}`;
  return {
    organizationId: org.id,
    bookingId: id,
    endpoints: [
      {
        name: "create booking",
        handler: bookingsPOST as Endpoint["handler"],
        path: `/calendars/${calendar.slug}/bookings`,
        params: { slug: calendar.slug, id },
        body: () => ({ start, timeZone: "UTC", name: "Mallory", email: `m-${uniqueSuffix()}@example.test` }),
      },
      {
        name: "reschedule",
        handler: reschedulePOST as Endpoint["handler"],
        path: `/bookings/${id}/reschedule`,
        params: { slug: calendar.slug, id },
        body: () => ({ token: "x".repeat(40), start }),
      },
      {
        name: "cancel",
        handler: cancelPOST as Endpoint["handler"],
        path: `/bookings/${id}/cancel`,
        params: { slug: calendar.slug, id },
        body: () => ({ token: "x".repeat(40) }),
      },
    ],
  };
}

async function call(endpoint: Endpoint, init: RequestInit & { duplex?: "half" }) {
  const request = new Request(`${BASE}${endpoint.path}`, { method: "POST", ...init });
  const res = await endpoint.handler(request, { params: Promise.resolve(endpoint.params) });
  const json = (await res.json()) as { error?: { code: string; message: string } };
  return { status: res.status, json };
}

/** A body stream that would go on for `total` bytes, counting what the server actually pulled. */
function endless(total: number, chunk = 64 * 1024) {
  const pulled = { bytes: 0 };
  const piece = new Uint8Array(chunk).fill(0x20);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close();
      pulled.bytes += piece.byteLength;
      controller.enqueue(piece);
    },
  });
  return { stream, pulled };
}

const REFUSED_TYPES = [
  null,
  "text/plain",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/jsonp",
  "application/json-patch+json",
  "text/json",
  "application/xml",
  "",
];
const ACCEPTED_TYPES = ["application/json", "application/json; charset=utf-8", "Application/JSON", " application/json ;charset=UTF-8"];

describe("public write endpoints: content type and body size", () => {
  it.each(REFUSED_TYPES)("Content-Type %j is refused with 415 on every endpoint, and nothing is booked", async (type) => {
    const { endpoints, organizationId } = await setup();
    for (const endpoint of endpoints) {
      const headers: Record<string, string> = client();
      if (type !== null) headers["content-type"] = type;
      const res = await call(endpoint, { headers, body: JSON.stringify(endpoint.body()) });
      expect(res.status, `${endpoint.name} with ${type}`).toBe(415);
      expect(res.json.error).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
      expect(res.json.error!.message).toMatch(/application\/json/);
    }
    expect(await db.appointment.count({ where: { organizationId } })).toBe(0);
  });

  it.each(ACCEPTED_TYPES)("Content-Type %j is read as JSON", async (type) => {
    const { endpoints } = await setup();
    for (const endpoint of endpoints) {
      const res = await call(endpoint, { headers: { ...client(), "content-type": type }, body: JSON.stringify(endpoint.body()) });
      // Past the body checks: the booking logic answers (the start may be taken or out of hours,
      // the reschedule/cancel target does not exist), never a body-level refusal.
      expect([415, 413], `${endpoint.name} with ${type}`).not.toContain(res.status);
      expect(res.json.error?.message ?? "").not.toMatch(/not valid JSON/);
    }
  });

  it.each([MAX_PUBLIC_BODY_BYTES + 1, 1_000_000, 50_000_000])(
    "a declared Content-Length of %i bytes is refused with 413 before reading",
    async (length) => {
      const { endpoints, organizationId } = await setup();
      for (const endpoint of endpoints) {
        const { stream, pulled } = endless(length);
        const res = await call(endpoint, {
          headers: { ...client(), "content-type": "application/json", "content-length": String(length) },
          body: stream,
          duplex: "half",
        });
        expect(res.status).toBe(413);
        expect(res.json.error).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
        expect(res.json.error!.message).toContain(String(MAX_PUBLIC_BODY_BYTES));
        expect(pulled.bytes).toBeLessThanOrEqual(2 * 64 * 1024);
      }
      expect(await db.appointment.count({ where: { organizationId } })).toBe(0);
    },
  );

  it.each([50_000_000, 5_000_000_000])(
    "an undeclared (streamed) body of %i bytes is cut off just past the cap with 413",
    async (length) => {
      const { endpoints } = await setup();
      for (const endpoint of endpoints) {
        const { stream, pulled } = endless(length, 4096);
        const res = await call(endpoint, { headers: { ...client(), "content-type": "application/json" }, body: stream, duplex: "half" });
        expect(res.status).toBe(413);
        // The stream may read ahead a few chunks; it never gets near the whole body.
        expect(pulled.bytes).toBeLessThan(MAX_PUBLIC_BODY_BYTES + 16 * 4096);
      }
    },
  );

  it("a body exactly at the cap is read; one byte more is refused", async () => {
    const { endpoints } = await setup();
    const endpoint = endpoints[0]!;
    const base = JSON.stringify({ ...endpoint.body(), notes: "" });
    const pad = (n: number) => base.replace(`"notes":""`, `"notes":"${"a".repeat(n)}"`);
    const atCap = pad(MAX_PUBLIC_BODY_BYTES - base.length);
    expect(Buffer.byteLength(atCap)).toBe(MAX_PUBLIC_BODY_BYTES);
    const ok = await call(endpoint, { headers: { ...client(), "content-type": "application/json" }, body: atCap });
    expect(ok.status).not.toBe(413);
    const over = await call(endpoint, {
      headers: { ...client(), "content-type": "application/json" },
      body: pad(MAX_PUBLIC_BODY_BYTES - base.length + 1),
    });
    expect(over.status).toBe(413);
  });

  it.each([
    ["empty body", ""],
    ["not JSON", "start=2027-01-01&name=x"],
    ["truncated JSON", '{"start": "2027-01-'],
    ["a bare string", '"hello"'],
    ["null", "null"],
    ["an array", "[1,2,3]"],
    ["deeply nested arrays", `${"[".repeat(5000)}${"]".repeat(5000)}`],
    ["duplicate keys", '{"name":"a","name":"b"}'],
  ])("%s gets a clear 422 and books nothing", async (_label, body) => {
    const { endpoints, organizationId } = await setup();
    for (const endpoint of endpoints) {
      const res = await call(endpoint, { headers: { ...client(), "content-type": "application/json" }, body });
      expect(res.status, endpoint.name).toBe(422);
      expect(res.json.error).toMatchObject({ code: "INVALID_INPUT" });
      expect(res.json.error!.message.length).toBeGreaterThan(5);
    }
    expect(await db.appointment.count({ where: { organizationId } })).toBe(0);
  });

  it("bytes that are not UTF-8 get a clear 422", async () => {
    const { endpoints } = await setup();
    for (const endpoint of endpoints) {
      const res = await call(endpoint, {
        headers: { ...client(), "content-type": "application/json" },
        body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      });
      expect(res.status).toBe(422);
      expect(res.json.error!.message).toMatch(/UTF-8/);
    }
  });
});
