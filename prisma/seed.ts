// Demo data (ARCHITECTURE.md, "Routes, labels and demo data"): seeded by the run command when
// the database is empty. The password is for development only.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";

export const DEMO_PASSWORD = "demo1234";

const STAFF = [
  { email: "admin@demo.test", name: "Dana Admin", role: "ADMIN", timeZone: "America/New_York" },
  { email: "alice@demo.test", name: "Alice Archer", role: "STAFF", timeZone: "America/New_York" },
  { email: "bob@demo.test", name: "Bob Brown", role: "STAFF", timeZone: "Europe/London" },
  { email: "carol@demo.test", name: "Carol Clarke", role: "STAFF", timeZone: "Europe/Berlin" },
] as const;

const CALENDARS = [
  { slug: "demo-round-robin", type: "ROUND_ROBIN", name: "Consultation", members: ["alice", "bob", "carol"], durationMinutes: 30 },
  { slug: "demo-collective", type: "COLLECTIVE", name: "Team styling session", members: ["alice", "bob", "carol"], durationMinutes: 60 },
  { slug: "demo-class", type: "CLASS", name: "Braiding class", members: ["carol"], durationMinutes: 90 },
  { slug: "demo-service", type: "SERVICE", name: "Salon services", members: ["alice", "bob"], durationMinutes: 45 },
  { slug: "demo-simple", type: "SIMPLE", name: "Quick call", members: ["alice"], durationMinutes: 15 },
] as const;

const MONDAY_TO_FRIDAY = [1, 2, 3, 4, 5];

export async function isDatabaseEmpty(db: PrismaClient): Promise<boolean> {
  return (await db.organization.count()) === 0;
}

export async function seedDemoData(db: PrismaClient): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const org = await tx.organization.create({ data: { name: "Demo Salon" } });
    const ids = new Map<string, string>();
    for (const person of STAFF) {
      const user = await tx.user.create({
        data: { ...person, organizationId: org.id, passwordHash },
      });
      ids.set(person.email.split("@")[0]!, user.id);
      await tx.workingHours.createMany({
        data: MONDAY_TO_FRIDAY.map((weekday) => ({
          organizationId: org.id,
          userId: user.id,
          weekday,
          startMinute: 9 * 60,
          endMinute: 17 * 60,
        })),
      });
    }
    for (const { members, ...calendar } of CALENDARS) {
      await tx.bookingCalendar.create({
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
    }
  });
}
