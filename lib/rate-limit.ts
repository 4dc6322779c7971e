import { db } from "@/lib/db";

export interface RateLimitResult {
  ok: boolean;
  /** When the oldest counted attempt leaves the window. */
  retryAfterMs: number;
}

/**
 * Counts attempts in a sliding window, in PostgreSQL so the limit holds across every app
 * instance. A transaction-scoped advisory lock on the key makes count-then-insert atomic.
 */
export async function consumeRateLimit({ key, limit, windowMs }: { key: string; limit: number; windowMs: number }): Promise<RateLimitResult> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
    const since = new Date(Date.now() - windowMs);
    await tx.rateLimitHit.deleteMany({ where: { key, createdAt: { lt: since } } });
    const hits = await tx.rateLimitHit.findMany({ where: { key }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
    if (hits.length >= limit) {
      return { ok: false, retryAfterMs: Math.max(0, hits[0]!.createdAt.getTime() + windowMs - Date.now()) };
    }
    await tx.rateLimitHit.create({ data: { key } });
    return { ok: true, retryAfterMs: 0 };
  });
}
