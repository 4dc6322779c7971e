import "@/lib/server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/db";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

// The customer's manage link carries an HMAC of the appointment id under the installation's own
// manage-link key: a random secret created in the database by its migration (no setting to
// configure, the same for every instance, kept across restarts), separate from AUTH_SECRET so
// neither can be derived from the other. Unguessable, checkable without storing a token per
// booking, useless for other bookings, and no longer accepted some time after the appointment.

/** A link keeps working until this long after its appointment ends. */
export const MANAGE_LINK_VALID_AFTER_END_MS = 30 * 86_400_000;
const SECRET_NAME = "manage-link";

interface ManageKey {
  key: Buffer;
  /** Appointments created before this got links under the old AUTH_SECRET-derived key. */
  since: Date;
}

let loading: Promise<ManageKey> | undefined;

/**
 * Read once per process. Links are signed inside booking transactions, whose connections may be
 * all the pool has: the first read goes through the caller's own client (the row was committed
 * by the migration, so what a transaction reads is safe to keep).
 */
function manageKey(client: Db): Promise<ManageKey> {
  loading ??= (async () => {
    const row = await client.appSecret.findUnique({ where: { name: SECRET_NAME } });
    if (!row) throw new Error(`the ${SECRET_NAME} secret is missing: apply the database migrations`);
    return { key: createHash("sha256").update(row.value).digest(), since: row.createdAt };
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

function hmac(key: Buffer, appointmentId: string): string {
  return createHmac("sha256", key).update(`manage:${appointmentId}`).digest("base64url");
}

/** Links sent before the manage-link key existed used a key derived from AUTH_SECRET. */
function legacyKey(): Buffer {
  return createHmac("sha256", env.AUTH_SECRET).update("crm-calendar/manage-link/v1").digest();
}

export async function signManageToken(appointmentId: string, client: Db = db): Promise<string> {
  return hmac((await manageKey(client)).key, appointmentId);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type ManageTokenCheck = "valid" | "expired" | "invalid";

/**
 * "invalid" for a wrong token and for an unknown booking alike; "expired" only for a token that
 * was right, once its appointment ended more than MANAGE_LINK_VALID_AFTER_END_MS ago.
 */
export async function checkManageToken(appointmentId: string, token: unknown, now = Date.now()): Promise<ManageTokenCheck> {
  if (typeof token !== "string" || token.length > 100 || appointmentId.length > 100) return "invalid";
  const { key, since } = await manageKey(db);
  const appointment = await db.appointment.findUnique({ where: { id: appointmentId }, select: { endsAt: true, createdAt: true } });
  if (!appointment) return "invalid";
  const right = same(token, hmac(key, appointmentId)) || (appointment.createdAt < since && same(token, hmac(legacyKey(), appointmentId)));
  if (!right) return "invalid";
  return appointment.endsAt.getTime() + MANAGE_LINK_VALID_AFTER_END_MS < now ? "expired" : "valid";
}
