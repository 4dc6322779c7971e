import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

// The customer's manage link carries an HMAC of the appointment id under a key derived from
// AUTH_SECRET: unguessable, checkable without storing anything, and useless for other bookings.
function key(): Buffer {
  return createHmac("sha256", env.AUTH_SECRET).update("crm-calendar/manage-link/v1").digest();
}

export function signManageToken(appointmentId: string): string {
  return createHmac("sha256", key()).update(`manage:${appointmentId}`).digest("base64url");
}

export function verifyManageToken(appointmentId: string, token: unknown): boolean {
  if (typeof token !== "string" || token.length > 100) return false;
  const expected = Buffer.from(signManageToken(appointmentId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
