// Rate limits against the real PostgreSQL: who a client is (its connection's address, or the
// address trusted proxies saw), per-client and per-calendar limits on the public API, limits on
// the public reads, global cleanup, and sign-in throttling that reveals nothing about accounts.
import { afterEach, describe, expect, it } from "vitest";
import { GET as icsGET } from "@/app/api/public/bookings/[id]/ics/route";
import { POST as bookingsPOST } from "@/app/api/public/calendars/[slug]/bookings/route";
import { GET as slotsGET } from "@/app/api/public/calendars/[slug]/slots/route";
import { SignInThrottled, verifyCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { clientAddress, PEER_ADDRESS_HEADER } from "@/lib/http/client-address";
import { removeExpiredHits } from "@/lib/rate-limit";
import { createBookingCalendar, newOrganizationWithStaff } from "../support/booking-factories";
import { createOrganization, createUser, uniqueSuffix } from "../support/factories";

const BASE = "http://crm.test/api/public";
const address = () => `203.0.${parseInt(uniqueSuffix().slice(0, 2), 16)}.${parseInt(uniqueSuffix().slice(2, 4), 16)}`;
const saved = { ...process.env };
afterEach(() => {
  for (const name of ["PUBLIC_WRITE_RATE_LIMIT", "PUBLIC_CALENDAR_WRITE_RATE_LIMIT", "PUBLIC_READ_RATE_LIMIT"]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("who the client is", () => {
  const headers = (peer: string | null, forwarded?: string) => {
    const h = new Headers();
    if (peer !== null) h.set(PEER_ADDRESS_HEADER, peer);
    if (forwarded !== undefined) h.set("x-forwarded-for", forwarded);
    return h;
  };
  it.each([
    // [hops, peer, X-Forwarded-For, expected]
    [0, "192.0.2.10", undefined, "192.0.2.10"],
    [0, "192.0.2.10", "1.2.3.4", "192.0.2.10"], // spoofed: ignored without a trusted proxy
    [0, "192.0.2.10", "1.2.3.4, 5.6.7.8", "192.0.2.10"],
    [0, null, "1.2.3.4", "unknown"],
    [1, "10.0.0.2", "198.51.100.7", "198.51.100.7"], // one proxy appended what it saw
    [1, "10.0.0.2", "6.6.6.6, 198.51.100.7", "198.51.100.7"], // the client's own entry is to the left
    [2, "10.0.0.3", "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"],
    [2, "10.0.0.3", "198.51.100.7", "198.51.100.7"], // fewer entries than proxies: the leftmost
    [1, "10.0.0.2", undefined, "10.0.0.2"],
    [1, "10.0.0.2", " , ", "10.0.0.2"],
  ] as const)("hops %i, peer %s, X-Forwarded-For %j → %s", (hops, peer, forwarded, expected) => {
    expect(clientAddress(headers(peer, forwarded), hops)).toBe(expected);
  });
});

async function calendar() {
  const { org, staff } = await newOrganizationWithStaff(3);
  return createBookingCalendar({ organizationId: org.id, type: "ROUND_ROBIN", memberIds: staff.map((s) => s.id) });
}

function bookingRequest(slug: string, client: string) {
  return new Request(`${BASE}/calendars/${slug}/bookings`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": client },
    // Refused by the booking rules (a Sunday at 03:00) after the limits: nothing is booked.
    body: JSON.stringify({ start: "2030-01-06T03:00:00Z", timeZone: "UTC", name: "Load", email: `load-${uniqueSuffix()}@example.test` }),
  });
}

describe("public API limits", () => {
  it("per client: one address is limited, others are not", async () => {
    process.env.PUBLIC_WRITE_RATE_LIMIT = "3";
    const { slug } = await calendar();
    const me = address();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await bookingsPOST(bookingRequest(slug, me), { params: Promise.resolve({ slug }) })).status);
    expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(3)).toEqual([429, 429]);
    const other = await bookingsPOST(bookingRequest(slug, address()), { params: Promise.resolve({ slug }) });
    expect(other.status).not.toBe(429);
  });

  it("per booking calendar: many addresses together are limited on one calendar, not on another", async () => {
    process.env.PUBLIC_CALENDAR_WRITE_RATE_LIMIT = "4";
    const target = await calendar();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await bookingsPOST(bookingRequest(target.slug, address()), { params: Promise.resolve({ slug: target.slug }) })).status,
      );
    expect(statuses.slice(0, 4).every((s) => s !== 429)).toBe(true);
    const limited = await bookingsPOST(bookingRequest(target.slug, address()), { params: Promise.resolve({ slug: target.slug }) });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: { message: string } }).error.message).toMatch(/booking calendar/);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const elsewhere = await calendar();
    expect(
      (await bookingsPOST(bookingRequest(elsewhere.slug, address()), { params: Promise.resolve({ slug: elsewhere.slug }) })).status,
    ).not.toBe(429);
  });

  it("reads (slots, .ics) are limited per client too", async () => {
    process.env.PUBLIC_READ_RATE_LIMIT = "4";
    const { slug } = await calendar();
    const me = address();
    const slots = () =>
      slotsGET(
        new Request(`${BASE}/calendars/${slug}/slots?start=2030-01-07T00:00:00Z&end=2030-01-08T00:00:00Z&timeZone=UTC`, {
          headers: { "x-forwarded-for": me },
        }),
        { params: Promise.resolve({ slug }) },
      );
    for (let i = 0; i < 4; i++) expect((await slots()).status).toBe(200);
    expect((await slots()).status).toBe(429);
    const ics = await icsGET(new Request(`${BASE}/bookings/x/ics?token=y`, { headers: { "x-forwarded-for": me } }), {
      params: Promise.resolve({ id: "x" }),
    });
    expect(ics.status).toBe(429);
  });

  it("old rows of every key are removed, not only those of keys hit again", async () => {
    const key = `abandoned:${uniqueSuffix()}`;
    await db.rateLimitHit.createMany({
      data: [
        { key, createdAt: new Date(Date.now() - 3 * 3_600_000) },
        { key, createdAt: new Date() },
      ],
    });
    expect(await removeExpiredHits()).toBeGreaterThanOrEqual(1);
    expect(await db.rateLimitHit.count({ where: { key } })).toBe(1);
  });
});

describe("sign-in throttling", () => {
  const from = (client: string) => new Request("http://crm.test/api/auth/callback/credentials", { headers: { "x-forwarded-for": client } });

  it("10 failed attempts for an address stop sign-in for it, known or unknown alike; others are unaffected", async () => {
    const org = await createOrganization();
    const user = await createUser({ organizationId: org.id, password: "right password" });
    const unknown = `nobody-${uniqueSuffix()}@example.test`;
    for (const email of [user.email, unknown]) {
      for (let i = 0; i < 10; i++) expect(await verifyCredentials({ email, password: "wrong password" }, from(address()))).toBeNull();
      // The right password no longer helps for a while: the same refusal for both addresses.
      await expect(verifyCredentials({ email, password: "right password" }, from(address()))).rejects.toBeInstanceOf(SignInThrottled);
    }
    const colleague = await createUser({ organizationId: org.id, password: "right password" });
    expect(await verifyCredentials({ email: colleague.email, password: "right password" }, from(address()))).toMatchObject({
      id: colleague.id,
    });
  });

  it("successful sign-ins don't count; 50 failures from one client stop it for every address", async () => {
    const org = await createOrganization();
    const user = await createUser({ organizationId: org.id, password: "right password" });
    for (let i = 0; i < 12; i++)
      expect(await verifyCredentials({ email: user.email, password: "right password" }, from(address()))).toMatchObject({ id: user.id });
    const client = address();
    for (let i = 0; i < 50; i++)
      expect(await verifyCredentials({ email: `spray-${i}-${uniqueSuffix()}@example.test`, password: "guess" }, from(client))).toBeNull();
    await expect(verifyCredentials({ email: user.email, password: "right password" }, from(client))).rejects.toBeInstanceOf(
      SignInThrottled,
    );
    expect(await verifyCredentials({ email: user.email, password: "right password" }, from(address()))).toMatchObject({ id: user.id });
  });
});
