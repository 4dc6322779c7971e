import { db } from "@/lib/db";
import type { BookingCalendarType } from "@/lib/generated/prisma/client";
import { createOrganization, createUser, uniqueSuffix } from "./factories";

export async function withWorkingHours<T extends { id: string; organizationId: string }>(
  user: T,
  weekdays = [1, 2, 3, 4, 5],
  from = 9 * 60,
  to = 17 * 60,
): Promise<T> {
  await db.workingHours.createMany({
    data: weekdays.map((weekday) => ({ organizationId: user.organizationId, userId: user.id, weekday, startMinute: from, endMinute: to })),
  });
  return user;
}

export async function createStaff(organizationId: string, timeZone = "Europe/Berlin") {
  return withWorkingHours(await createUser({ organizationId, timeZone }));
}

export async function createBookingCalendar(options: {
  organizationId: string;
  type: BookingCalendarType;
  memberIds: string[];
  timeZone?: string;
  durationMinutes?: number;
  slotIntervalMinutes?: number;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  minimumNoticeMinutes?: number;
  maxPerDayPerStaff?: number;
  maxPerDayTotal?: number;
  roundRobinMode?: "OPTIMIZE_AVAILABILITY" | "EQUAL_DISTRIBUTION";
  priorities?: number[];
}) {
  const { memberIds, priorities, ...rest } = options;
  return db.bookingCalendar.create({
    data: {
      ...rest,
      slug: `cal-${uniqueSuffix()}-${uniqueSuffix()}`,
      name: `Calendar ${uniqueSuffix()}`,
      timeZone: options.timeZone ?? "Europe/Berlin",
      minimumNoticeMinutes: options.minimumNoticeMinutes ?? 0,
      windowRollingDays: 365,
      members: {
        create: memberIds.map((userId, i) => ({ organizationId: options.organizationId, userId, priority: priorities?.[i] ?? 0 })),
      },
    },
  });
}

export async function newOrganizationWithStaff(count: number, timeZone = "Europe/Berlin") {
  const org = await createOrganization();
  const staff = [];
  for (let i = 0; i < count; i++) staff.push(await createStaff(org.id, timeZone));
  return { org, staff };
}

export function customer(n: number | string = uniqueSuffix()) {
  return { name: `Customer ${n}`, email: `customer-${n}-${uniqueSuffix()}@example.test` };
}
