import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Serialises bookings that compete for the same staff members (and the same calendar when a
 * per-calendar daily cap applies), so the in-transaction re-check of buffers, caps and busy
 * time sees every committed booking. Locks are taken in sorted order to rule out deadlocks;
 * they are released with the transaction. The exclusion constraint stays the final guard.
 */
export async function lockForBooking(tx: Prisma.TransactionClient, keys: { calendarId?: string; staffIds: string[] }) {
  const names = [...(keys.calendarId ? [`calendar:${keys.calendarId}`] : []), ...keys.staffIds.map((id) => `staff:${id}`)].sort();
  for (const name of names) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`;
  }
}
