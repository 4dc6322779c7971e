// Demo data (docs/ARCHITECTURE.md, "Demo data"): seeded by the run command when
// the database is empty. The password is for development only.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { zonedTimeToInstant } from "@/lib/availability";
import { hashPassword } from "@/lib/auth/password";
import { giveDefaultWorkingHours } from "@/lib/team/default-hours";

export const DEMO_PASSWORD = "demo1234";

const STAFF = [
  { email: "admin@demo.test", name: "Dana Admin", role: "ADMIN", timeZone: "America/New_York" },
  { email: "alice@demo.test", name: "Alice Archer", role: "STAFF", timeZone: "America/New_York" },
  { email: "bob@demo.test", name: "Bob Brown", role: "STAFF", timeZone: "Europe/London" },
  { email: "carol@demo.test", name: "Carol Clarke", role: "STAFF", timeZone: "Europe/Berlin" },
] as const;

// One bookable calendar of each type. Times are read in each calendar's zone.
const CALENDARS = [
  {
    slug: "demo-round-robin",
    type: "ROUND_ROBIN",
    name: "Consultation",
    description: "A 30-minute consultation with the first free stylist.",
    members: ["alice", "bob", "carol"],
    durationMinutes: 30,
    bufferAfterMinutes: 10,
    timeZone: "America/New_York",
  },
  {
    slug: "demo-collective",
    type: "COLLECTIVE",
    name: "Team styling session",
    description: "An hour with the whole team; offered when all three are free.",
    members: ["alice", "bob", "carol"],
    durationMinutes: 60,
    slotIntervalMinutes: 30,
    timeZone: "America/New_York",
  },
  {
    slug: "demo-class",
    type: "CLASS",
    name: "Braiding class",
    description: "A weekly small-group class with Carol.",
    members: ["carol"],
    durationMinutes: 90,
    timeZone: "Europe/Berlin",
  },
  {
    slug: "demo-service",
    type: "SERVICE",
    name: "Salon services",
    description: "Choose a service; it is booked with a stylist who offers it.",
    members: ["alice", "bob"],
    durationMinutes: 45,
    slotIntervalMinutes: 15,
    timeZone: "Europe/London",
  },
  {
    slug: "demo-simple",
    type: "SIMPLE",
    name: "Quick call",
    description: "A 15-minute phone call with Alice.",
    members: ["alice"],
    durationMinutes: 15,
    timeZone: "America/New_York",
  },
] as const;

const SERVICES = [
  { name: "Hair Cut", durationMinutes: 45, staff: ["alice", "bob"] },
  { name: "Colour", durationMinutes: 90, staff: ["bob"] },
  { name: "Beard Trim", durationMinutes: 30, staff: ["alice"] },
];

/** Next Tuesday 18:00 in Berlin, as an instant: the demo class's first session. */
function nextTuesdayEvening(now = new Date()): Date {
  for (let days = 1; days <= 8; days++) {
    const day = new Date(now.getTime() + days * 86_400_000);
    const date = day.toISOString().slice(0, 10);
    if (new Date(`${date}T12:00:00Z`).getUTCDay() !== 2) continue;
    return new Date(zonedTimeToInstant(date, 18 * 60, "Europe/Berlin"));
  }
  throw new Error("unreachable");
}

export async function isDatabaseEmpty(db: PrismaClient): Promise<boolean> {
  return (await db.organization.count()) === 0;
}

export async function seedDemoData(db: PrismaClient): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const org = await tx.organization.create({ data: { name: "Demo Salon", timeZone: "America/New_York" } });
    const ids = new Map<string, string>();
    for (const person of STAFF) {
      const user = await tx.user.create({
        data: { ...person, organizationId: org.id, passwordHash },
      });
      ids.set(person.email.split("@")[0]!, user.id);
      await giveDefaultWorkingHours(tx, { id: user.id, organizationId: org.id });
    }
    for (const { members, ...calendar } of CALENDARS) {
      const created = await tx.bookingCalendar.create({
        data: {
          ...calendar,
          organizationId: org.id,
          members: {
            create: members.map((name, index) => ({
              organizationId: org.id,
              userId: ids.get(name)!,
              priority: members.length - index,
            })),
          },
        },
      });
      if (calendar.type === "SERVICE") {
        for (const service of SERVICES) {
          await tx.service.create({
            data: {
              organizationId: org.id,
              bookingCalendarId: created.id,
              name: service.name,
              durationMinutes: service.durationMinutes,
              staff: { create: service.staff.map((name) => ({ userId: ids.get(name)! })) },
            },
          });
        }
      }
      if (calendar.type === "CLASS") {
        await tx.classSession.create({
          data: {
            organizationId: org.id,
            bookingCalendarId: created.id,
            instructorId: ids.get("carol")!,
            title: "Braiding basics",
            startsAt: nextTuesdayEvening(),
            durationMinutes: 90,
            capacity: 6,
            recurrence: "WEEKLY",
          },
        });
      }
    }
  });
}
