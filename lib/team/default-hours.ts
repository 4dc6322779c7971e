import type { Db } from "@/lib/db";

const MONDAY_TO_FRIDAY = [1, 2, 3, 4, 5];

/**
 * Every new member starts with Monday–Friday 09:00–17:00 in their own zone, so a booking
 * calendar they join is bookable at once; they change it under Working Hours.
 */
export async function giveDefaultWorkingHours(tx: Db, user: { id: string; organizationId: string }): Promise<void> {
  await tx.workingHours.createMany({
    data: MONDAY_TO_FRIDAY.map((weekday) => ({
      organizationId: user.organizationId,
      userId: user.id,
      weekday,
      startMinute: 9 * 60,
      endMinute: 17 * 60,
    })),
  });
}
