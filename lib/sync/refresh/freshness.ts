import type { Db } from "@/lib/booking/client";

const DEFAULT_MAX_AGE_MINUTES = 24 * 60;

export function maxBusyAgeMs(): number {
  const minutes = Number(process.env.ICLOUD_MAX_STALENESS_MINUTES ?? DEFAULT_MAX_AGE_MINUTES);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_MAX_AGE_MINUTES) * 60_000;
}

export interface ICloudBlocker {
  userId: string;
  reason: "NEEDS_REAUTH" | "STALE" | "NEVER_READ";
  /** For STALE: when the oldest counted calendar was last read. */
  since: Date | null;
  message: string;
}

/**
 * The policy for stale or unreachable iCloud data (docs/ARCHITECTURE.md): a member whose connection
 * needs a new password, or one of whose conflict calendars was not read successfully within
 * the limit (default 24 h), is unavailable for iCloud-enabled booking calendars. An error is
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
      calendars: { where: { checkConflicts: true, missingSince: null }, select: { displayName: true, lastRefreshedAt: true } },
    },
  });
  const limit = now - maxBusyAgeMs();
  for (const c of connections) {
    if (c.status === "NEEDS_REAUTH") {
      blockers.set(c.userId, { userId: c.userId, reason: "NEEDS_REAUTH", since: null, message: "The iCloud connection needs a new app-specific password." });
      continue;
    }
    if (blockers.has(c.userId)) continue;
    for (const calendar of c.calendars) {
      if (!calendar.lastRefreshedAt) {
        blockers.set(c.userId, { userId: c.userId, reason: "NEVER_READ", since: null, message: `“${calendar.displayName}” has not been read from iCloud yet.` });
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
    }
  }
  return blockers;
}
