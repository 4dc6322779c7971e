import pg from "pg";
import { env } from "@/lib/env";

/** Separates these locks from the booking's advisory locks (the first key of the two-key form). */
const REFRESH_LOCK_CLASS = 0x52_46_53_48; // "RFSH"
/** A refresh is bounded by its CalDAV timeouts; a waiter gives up after this and skips its turn. */
const DEFAULT_WAIT_MS = 5 * 60_000;
/**
 * Lock connections one process opens at most: many bookings arriving at once for stale members
 * must not each open a PostgreSQL connection (and exhaust max_connections). Others queue here.
 */
export const MAX_LOCK_CONNECTIONS = 8;

/** A counting semaphore with FIFO waiters and a bounded wait. */
export class Slots {
  private free: number;
  private readonly waiters: { grant: () => void }[] = [];

  constructor(size: number) {
    this.free = size;
  }

  /** Resolves with a release function, or false if no slot came within `waitMs`. */
  async acquire(waitMs: number): Promise<(() => void) | false> {
    if (this.free > 0) {
      this.free--;
      return this.releaser();
    }
    return new Promise((resolve) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve(this.releaser());
        },
      };
      const timer = setTimeout(
        () => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          resolve(false);
        },
        Math.max(0, waitMs),
      );
      this.waiters.push(waiter);
    });
  }

  get available(): number {
    return this.free;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next.grant();
      else this.free++;
    };
  }
}

const connections = new Slots(MAX_LOCK_CONNECTIONS);

export class RefreshLockTimeout extends Error {
  constructor() {
    super("Another refresh of this calendar is still running.");
    this.name = "RefreshLockTimeout";
  }
}

/**
 * Runs `work` while holding this calendar's refresh lock: a PostgreSQL session advisory lock on a
 * connection of its own (not one of the pool's, so refreshes waiting for each other can never
 * starve the pool the refreshes themselves need). Every refresher (cron job, Sync now, the check
 * before a booking, any process) takes it, so one refresh per calendar runs at a time and a full
 * and an incremental refresh can no longer interleave. A second caller waits for the first to
 * finish and then does its own, usually one-request, refresh: it needs an answer at least as new
 * as its own call. The lock goes with the connection if the process dies. One process holds at
 * most MAX_LOCK_CONNECTIONS such connections; `waitMs` bounds the whole wait (slot and lock).
 */
export async function withCalendarRefreshLock<T>(
  calendarId: string,
  work: () => Promise<T>,
  options: { waitMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_WAIT_MS);
  const release = await connections.acquire(deadline - Date.now());
  if (!release) throw new RefreshLockTimeout();
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  // A connection-level failure while waiting or working is reported by the query in flight.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(deadline - Date.now()))}`);
    try {
      await client.query("SELECT pg_advisory_lock($1, hashtext($2))", [REFRESH_LOCK_CLASS, calendarId]);
    } catch (error) {
      if ((error as { code?: string }).code === "55P03") throw new RefreshLockTimeout();
      throw error;
    }
    return await work();
  } finally {
    // Closing the session releases the lock even if the unlock itself fails.
    await client.end().catch(() => {});
    release();
  }
}

/** For tests and diagnostics: how many sessions are waiting for this calendar's refresh lock. */
export async function refreshLockWaiters(
  query: (sql: string, ...values: unknown[]) => Promise<{ n: bigint | number }[]>,
  calendarId: string,
): Promise<number> {
  const rows = await query(
    `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = $1::oid AND objid = hashtext($2)::oid`,
    REFRESH_LOCK_CLASS,
    calendarId,
  );
  return Number(rows[0]?.n ?? 0);
}
