import "@/lib/server-only";
import { isCalDavError } from "@/lib/caldav/errors";
import { createCalendarReader } from "@/lib/caldav/reader";
import { createCalendarWriter } from "@/lib/caldav/writer";
import { calDavSettings, type CalDavSettings } from "./config";
import { openPassword } from "./credentials";
import { markConnectionNeedsReauth, NEEDS_REAUTH_REASON } from "./health";

/** A stored connection as the CalDAV opener needs it (the password is decrypted here, server-side only). */
export interface StoredConnection {
  id: string;
  appleId: string;
  passwordKeyId: string | null;
  passwordCiphertext: Uint8Array | null;
}

/** The CalDAV settings plus this connection's Apple ID and password: the one place they are put together. */
export function connectionCredentials(connection: StoredConnection, settings: CalDavSettings = calDavSettings()) {
  return { ...settings, username: connection.appleId, password: openPassword(connection) };
}

/** A reader (busy time, discovery of changes) for a connection. */
export function openReader(connection: StoredConnection, settings?: CalDavSettings) {
  return createCalendarReader(connectionCredentials(connection, settings));
}

/** A writer (the CRM's events) for a connection. */
export function openWriter(connection: StoredConnection, settings?: CalDavSettings) {
  return createCalendarWriter(connectionCredentials(connection, settings));
}

/**
 * Runs CalDAV work for a connection. A 401 means iCloud no longer accepts the stored password:
 * the connection is marked as needing a reconnect (once, with its email) and the error is
 * rethrown for the caller to finish its own way (park the push, skip the member…).
 */
export async function withReauthOn401<T>(connectionId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await noteRejectedPassword(connectionId, error);
    throw error;
  }
}

/** For callers that catch CalDAV errors themselves: a 401 marks the connection; true when it was one. */
export async function noteRejectedPassword(connectionId: string, error: unknown): Promise<boolean> {
  if (!isCalDavError(error) || error.kind !== "AUTH") return false;
  await markConnectionNeedsReauth({ connectionId, reason: NEEDS_REAUTH_REASON });
  return true;
}
