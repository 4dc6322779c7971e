import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { blockingEntries, readUnreadableEvents } from "./unreadable";

/** ICLOUD_MAX_STALENESS_MINUTES, validated at boot (lib/env.ts). */
export function maxBusyAgeMs(): number {
  return env.ICLOUD_MAX_STALENESS_MINUTES * 60_000;
}

export interface ICloudBlocker {
  userId: string;
  reason: "NEEDS_REAUTH" | "STALE" | "NEVER_READ" | "UNREADABLE";
  /** For STALE: when the oldest counted calendar was last read. */
  since: Date | null;
  message: string;
}

/**
 * The policy for stale or unreachable iCloud data (docs/ARCHITECTURE.md): a member whose connection
 * needs a new password, or one of whose conflict calendars was not read successfully within
 * the limit (default 24 h), or one of whose conflict calendars holds an event the reader could not
 * read and had no earlier blocks for (lib/sync/refresh/unreadable.ts), is unavailable for
 * iCloud-enabled booking calendars. An error is
 * never read as "no events". Members without iCloud are not affected.
 */
export async function iCloudBlockers(client: Db, userIds: string[], now: number): Promise<Map<string, ICloudBlocker>> {
  const blockers = new Map<string, ICloudBlocker>();
  if (userIds.length === 0) return blockers;
  const connections = await client.calendarConnection.findMany({
    where: { userId: { in: userIds }, status: { not: "DISCONNECTED" } },
    select: {
      userId: true,
      status: true,
      calendars: {
        where: { checkConflicts: true, missingSince: null },
        select: { displayName: true, lastRefreshedAt: true, unreadableEvents: true },
      },
    },
  });
  const limit = now - maxBusyAgeMs();
  for (const c of connections) {
    if (c.status === "NEEDS_REAUTH") {
      blockers.set(c.userId, {
        userId: c.userId,
        reason: "NEEDS_REAUTH",
        since: null,
        message: "The iCloud connection needs a new app-specific password.",
      });
      continue;
    }
    if (blockers.has(c.userId)) continue;
    for (const calendar of c.calendars) {
      if (!calendar.lastRefreshedAt) {
        blockers.set(c.userId, {
          userId: c.userId,
          reason: "NEVER_READ",
          since: null,
          message: `“${calendar.displayName}” has not been read from iCloud yet.`,
        });
        break;
      }
      if (calendar.lastRefreshedAt.getTime() < limit) {
        blockers.set(c.userId, {
          userId: c.userId,
          reason: "STALE",
          since: calendar.lastRefreshedAt,
          message: `“${calendar.displayName}” could not be read from iCloud since ${calendar.lastRefreshedAt.toISOString().slice(0, 16).replace("T", " ")} UTC.`,
        });
        break;
      }
      const unreadable = blockingEntries(readUnreadableEvents(calendar.unreadableEvents), limit);
      if (unreadable.length > 0) {
        const first = unreadable[0]!;
        // No title here: this message is also shown to admins (titles are private to their owner).
        const what = first.uid ? `The event with UID ${first.uid}` : "An event";
        blockers.set(c.userId, {
          userId: c.userId,
          reason: "UNREADABLE",
          since: new Date(first.since),
          message: `${what} in “${calendar.displayName}” could not be read from iCloud since ${first.since.slice(0, 16).replace("T", " ")} UTC (${first.reason}), so its busy time is unknown. See Calendar Settings.`,
        });
        break;
      }
    }
  }
  return blockers;
}
