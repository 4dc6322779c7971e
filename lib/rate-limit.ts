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
export async function consumeRateLimit({
  key,
  limit,
  windowMs,
}: {
  key: string;
  limit: number;
  windowMs: number;
}): Promise<RateLimitResult> {
  if (windowMs > RETENTION_MS) throw new RangeError(`rate-limit windows longer than ${RETENTION_MS} ms are not kept`);
  const result = await db.$transaction(async (tx) => {
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
  // Keys are only trimmed when they are hit again; now and then, rows of every key past the
  // longest window in use go too, so addresses seen once don't stay forever.
  if (Math.random() < CLEANUP_PROBABILITY) await removeExpiredHits();
  return result;
}

/** The longest window any limit uses (1 h), with room to spare. */
const RETENTION_MS = 2 * 60 * 60_000;
const CLEANUP_PROBABILITY = 0.01;

export async function removeExpiredHits(now = Date.now()): Promise<number> {
  const { count } = await db.rateLimitHit.deleteMany({ where: { createdAt: { lt: new Date(now - RETENTION_MS) } } });
  return count;
}

/** Whether `key` is under its limit, without counting this call (pair with `recordHit`). */
export async function checkRateLimit({ key, limit, windowMs }: { key: string; limit: number; windowMs: number }): Promise<RateLimitResult> {
  const hits = await db.rateLimitHit.findMany({
    where: { key, createdAt: { gte: new Date(Date.now() - windowMs) } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { createdAt: true },
  });
  if (hits.length < limit) return { ok: true, retryAfterMs: 0 };
  return { ok: false, retryAfterMs: Math.max(0, hits[hits.length - 1]!.createdAt.getTime() + windowMs - Date.now()) };
}

/** Counts one attempt against `key` (e.g. a failed sign-in). */
export async function recordHit(key: string): Promise<void> {
  await db.rateLimitHit.create({ data: { key } });
}
