import type { BusyInterval } from "@/lib/ical/busy";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export interface CalendarRef {
  id: string;
  organizationId: string;
  userId: string;
}

/** Replaces exactly one source object's blocks: a changed event never touches another's. */
export async function replaceObjectBlocks(
  tx: Tx,
  calendar: CalendarRef,
  objectUrl: string,
  etag: string | null,
  intervals: BusyInterval[],
): Promise<void> {
  await tx.busyBlock.deleteMany({ where: { externalCalendarId: calendar.id, objectUrl } });
  if (intervals.length === 0) return;
  await tx.busyBlock.createMany({
    data: intervals.map((i) => ({
      organizationId: calendar.organizationId,
      userId: calendar.userId,
      externalCalendarId: calendar.id,
      objectUrl,
      objectEtag: etag,
      startsAt: new Date(i.start),
      endsAt: new Date(i.end),
      allDay: i.allDay,
      title: i.title.slice(0, 500),
    })),
  });
}

export async function deleteObjectBlocks(tx: Tx, calendarId: string, objectUrls: string[]): Promise<void> {
  if (objectUrls.length) await tx.busyBlock.deleteMany({ where: { externalCalendarId: calendarId, objectUrl: { in: objectUrls } } });
}
