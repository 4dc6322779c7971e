import "@/lib/server-only";
import { decryptSecret, encryptSecret } from "@/lib/crypto/keyring";
import { AppError } from "@/lib/errors";
import { credentialKeyring, passwordAssociatedData } from "./config";

export function sealPassword(connectionId: string, password: string) {
  const sealed = encryptSecret(credentialKeyring(), password, passwordAssociatedData(connectionId));
  return { passwordKeyId: sealed.keyId, passwordCiphertext: new Uint8Array(sealed.ciphertext) };
}

/** The stored app-specific password, for server-side CalDAV calls only. */
export function openPassword(connection: { id: string; passwordKeyId: string | null; passwordCiphertext: Uint8Array | null }): string {
  if (!connection.passwordKeyId || !connection.passwordCiphertext) {
    throw new AppError("CONFLICT", "This connection has no stored password any more. Reconnect it.");
  }
  return decryptSecret(
    credentialKeyring(),
    { keyId: connection.passwordKeyId, ciphertext: Buffer.from(connection.passwordCiphertext) },
    passwordAssociatedData(connection.id),
  );
}
