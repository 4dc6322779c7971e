// Who gets each booking of a 3-member round robin, over 100 sequential bookings at distinct
// free slots. What the code does (lib/booking/round-robin.ts, candidates.ts):
//  OPTIMIZE_AVAILABILITY: highest priority among the free members; EQUAL_DISTRIBUTION: fewest
//  active bookings on this calendar this month. Ties in both: least recently booked (never
//  booked first), then the lower id (String.localeCompare).
import { describe, expect, it } from "vitest";
import { zonedTimeToInstant } from "@/lib/availability";
import { createBooking } from "@/lib/booking/create";
import { findSlots } from "@/lib/booking/slots";
import { db } from "@/lib/db";
import type { BookingCalendar } from "@/lib/generated/prisma/client";
import { createBookingCalendar, customer, newOrganizationWithStaff } from "../support/booking-factories";

const NOW = Date.parse("2027-03-01T12:00:00Z");
const ZONE = "Europe/Berlin";
const BOOKINGS = 100;

/** The first 100 free slots from Wednesday 3 March 2027 (16 a day, all within March). */
async function hundredSlots(calendar: BookingCalendar): Promise<number[]> {
  const range = { start: zonedTimeToInstant("2027-03-03", 0, ZONE), end: zonedTimeToInstant("2027-03-31", 0, ZONE) };
  const slots = await findSlots(db, { calendar, range, now: NOW });
  expect(slots.length).toBeGreaterThanOrEqual(BOOKINGS);
  return slots.slice(0, BOOKINGS).map((s) => s.start);
}

async function bookAll(calendar: BookingCalendar, starts: number[]): Promise<string[]> {
  const assigned: string[] = [];
  for (const start of starts) {
    const booking = await createBooking({ slug: calendar.slug, start, timeZone: ZONE, customer: customer(), now: NOW });
    expect(booking.staff).toHaveLength(1);
    assigned.push(booking.staff[0]!.id);
  }
  return assigned;
}

const count = (ids: string[], id: string) => ids.filter((x) => x === id).length;

async function threeMembers(mode: "OPTIMIZE_AVAILABILITY" | "EQUAL_DISTRIBUTION", priorities: number[]) {
  const { org, staff } = await newOrganizationWithStaff(3);
  const ids = staff.map((s) => s.id);
  const calendar = await createBookingCalendar({
    organizationId: org.id,
    type: "ROUND_ROBIN",
    memberIds: ids,
    priorities,
    roundRobinMode: mode,
  });
  return { org, ids: ids as [string, string, string], calendar };
}

describe("OPTIMIZE_AVAILABILITY", () => {
  it("priorities [3,2,1], everyone free at every slot: all 100 go to the highest-priority member", async () => {
    const { ids, calendar } = await threeMembers("OPTIMIZE_AVAILABILITY", [3, 2, 1]);
    const assigned = await bookAll(calendar, await hundredSlots(calendar));
    expect(assigned).toEqual(Array(BOOKINGS).fill(ids[0]));
  });

  it("while the first member is busy, those slots go to the second; the third gets none", async () => {
    const { org, ids, calendar } = await threeMembers("OPTIMIZE_AVAILABILITY", [3, 2, 1]);
    const starts = await hundredSlots(calendar);
    // Member 1 is taken at every third slot by a booking on another calendar.
    const elsewhere = await createBookingCalendar({ organizationId: org.id, type: "SIMPLE", memberIds: [ids[0]] });
    const busy = new Set(starts.filter((_, i) => i % 3 === 0));
    await bookAll(elsewhere, [...busy]);

    const assigned = await bookAll(calendar, starts);
    expect(assigned).toEqual(starts.map((s) => (busy.has(s) ? ids[1] : ids[0])));
    expect([count(assigned, ids[0]), count(assigned, ids[1]), count(assigned, ids[2])]).toEqual([66, 34, 0]);
  });

  it("equal top priorities alternate: the never-booked first, then the least recently booked", async () => {
    const { ids, calendar } = await threeMembers("OPTIMIZE_AVAILABILITY", [2, 2, 1]);
    // With no bookings yet both are "never booked": the lower id goes first, then the other one.
    const [first, second] = [ids[0], ids[1]].sort((a, b) => a.localeCompare(b)) as [string, string];
    const assigned = await bookAll(calendar, await hundredSlots(calendar));
    expect(assigned).toEqual(Array.from({ length: BOOKINGS }, (_, i) => (i % 2 === 0 ? first : second)));
    expect(count(assigned, ids[2])).toBe(0);
  });
});

describe("EQUAL_DISTRIBUTION", () => {
  it("equal priorities: counts 34/33/33 in a strict rotation A,B,C,A,B,C…", async () => {
    const { ids, calendar } = await threeMembers("EQUAL_DISTRIBUTION", [0, 0, 0]);
    const rotation = [...ids].sort((a, b) => a.localeCompare(b));
    const assigned = await bookAll(calendar, await hundredSlots(calendar));
    expect(assigned).toEqual(Array.from({ length: BOOKINGS }, (_, i) => rotation[i % 3]));
    expect(rotation.map((id) => count(assigned, id))).toEqual([34, 33, 33]);
  });

  it("a member who already has bookings this month is passed over until the others catch up", async () => {
    const { org, ids, calendar } = await threeMembers("EQUAL_DISTRIBUTION", [5, 0, 0]);
    const starts = await hundredSlots(calendar);
    // Two earlier bookings for member 1 only, while the others are away (a day off each).
    const day = "2027-03-02";
    for (const id of [ids[1], ids[2]]) {
      await db.workingHoursOverride.create({ data: { organizationId: org.id, userId: id, date: new Date(`${day}T00:00:00Z`) } });
    }
    const early = [zonedTimeToInstant(day, 600, ZONE), zonedTimeToInstant(day, 660, ZONE)];
    expect(await bookAll(calendar, early)).toEqual([ids[0], ids[0]]);

    const assigned = await bookAll(calendar, starts.slice(0, 4));
    const others = [ids[1], ids[2]].sort((a, b) => a.localeCompare(b));
    // Priority is ignored in this mode: the two catch up first, then member 1 (least recent) is next.
    expect(assigned).toEqual([others[0], others[1], others[0], others[1]]);
    expect((await bookAll(calendar, starts.slice(4, 5)))[0]).toBe(ids[0]);
  });
});
