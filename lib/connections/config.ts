import { createHostPolicy, type HostPolicy } from "@/lib/caldav/allow-list";
import { parseKeyring, type Keyring } from "@/lib/crypto/keyring";
import { env } from "@/lib/env";

export interface CalDavSettings {
  serverUrl: string;
  policy: HostPolicy;
  timeoutMs: number;
  /** Tests inject a transport; production uses the global fetch. */
  transport?: typeof fetch;
}

let settings: CalDavSettings | undefined;
export function calDavSettings(): CalDavSettings {
  settings ??= {
    serverUrl: env.ICLOUD_CALDAV_URL,
    policy: createHostPolicy(env.ICLOUD_CALDAV_URL, env.CALDAV_ALLOWED_HOSTS),
    // Per request; CALDAV_TIMEOUT_MS lets tests make stalls short.
    timeoutMs: env.CALDAV_TIMEOUT_MS,
  };
  return settings;
}

let keyring: Keyring | undefined;
export function credentialKeyring(): Keyring {
  keyring ??= parseKeyring(env.CREDENTIALS_ENCRYPTION_KEYS);
  return keyring;
}

/** Binds a stored password to its connection row: a ciphertext moved to another row fails. */
export function passwordAssociatedData(connectionId: string): string {
  return `calendar-connection:${connectionId}:app-specific-password`;
}
