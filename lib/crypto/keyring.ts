import "@/lib/server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// AES-256-GCM with a random 96-bit IV per encryption (NIST SP 800-38D's recommended IV size)
// and associated data that names the row a secret belongs to, so a ciphertext copied into
// another row fails authentication instead of decrypting.
const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface Keyring {
  /** The key that encrypts: the first one listed. */
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export interface EncryptedSecret {
  keyId: string;
  /** IV ‖ ciphertext ‖ tag. */
  ciphertext: Buffer;
}

export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyringError";
  }
}

/** Parses CREDENTIALS_ENCRYPTION_KEYS: "id:base64key[,id:base64key…]"; the first encrypts, all decrypt. */
export function parseKeyring(value: string): Keyring {
  const keys = new Map<string, Buffer>();
  const entries = value
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const separator = entry.indexOf(":");
    const id = separator > 0 ? entry.slice(0, separator) : "";
    if (!KEY_ID.test(id)) {
      throw new KeyringError(`CREDENTIALS_ENCRYPTION_KEYS: each entry is "<id>:<base64 key>"; an id is 1-32 of A-Z a-z 0-9 _ -`);
    }
    const key = Buffer.from(entry.slice(separator + 1), "base64");
    if (key.length !== 32) {
      throw new KeyringError(`CREDENTIALS_ENCRYPTION_KEYS: key "${id}" must be 32 bytes of base64 (it is ${key.length})`);
    }
    if (keys.has(id)) throw new KeyringError(`CREDENTIALS_ENCRYPTION_KEYS: key id "${id}" appears twice`);
    keys.set(id, key);
  }
  const activeKeyId = entries.length ? [...keys.keys()][0] : undefined;
  if (!activeKeyId) throw new KeyringError("CREDENTIALS_ENCRYPTION_KEYS holds no key");
  return { activeKeyId, keys };
}

export function encryptSecret(keyring: Keyring, plaintext: string, associatedData: string): EncryptedSecret {
  const key = keyring.keys.get(keyring.activeKeyId)!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { keyId: keyring.activeKeyId, ciphertext: Buffer.concat([iv, body, cipher.getAuthTag()]) };
}

export function decryptSecret(keyring: Keyring, secret: EncryptedSecret, associatedData: string): string {
  const key = keyring.keys.get(secret.keyId);
  if (!key) {
    throw new KeyringError(
      `This secret was encrypted with key "${secret.keyId}", which is not in CREDENTIALS_ENCRYPTION_KEYS. ` +
        `Add that key back (after the active one) to read it.`,
    );
  }
  if (secret.ciphertext.length < IV_BYTES + TAG_BYTES) throw new KeyringError("The stored secret is truncated.");
  const iv = secret.ciphertext.subarray(0, IV_BYTES);
  const tag = secret.ciphertext.subarray(secret.ciphertext.length - TAG_BYTES);
  const body = secret.ciphertext.subarray(IV_BYTES, secret.ciphertext.length - TAG_BYTES);
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(associatedData, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    // Deliberately vague about which part failed: tampered data, wrong row, or wrong key bytes.
    throw new KeyringError("The stored secret failed authentication: it was altered or belongs to another record.");
  }
}

/** True when the secret should be re-encrypted with the active key (rotation). */
export function needsRotation(keyring: Keyring, secret: Pick<EncryptedSecret, "keyId">): boolean {
  return secret.keyId !== keyring.activeKeyId;
}
