import { db } from "@/lib/db";
import { decryptSecret, encryptSecret, needsRotation, type Keyring } from "@/lib/crypto/keyring";
import { credentialKeyring, passwordAssociatedData } from "./config";

export interface RotationReport {
  rotated: number;
  alreadyCurrent: number;
  failed: { connectionId: string; reason: string }[];
}

/**
 * Re-encrypts every stored app-specific password with the keyring's active (first) key.
 * Idempotent: rows already on the active key are left alone. Each row is updated only if its
 * ciphertext is unchanged since it was read, so a concurrent reconnect is never overwritten.
 */
export async function rotateConnectionSecrets(
  keyring: Keyring = credentialKeyring(),
  scope: { organizationId?: string } = {},
): Promise<RotationReport> {
  const report: RotationReport = { rotated: 0, alreadyCurrent: 0, failed: [] };
  const rows = await db.calendarConnection.findMany({
    where: { passwordCiphertext: { not: null }, ...scope },
    select: { id: true, passwordKeyId: true, passwordCiphertext: true },
  });
  for (const row of rows) {
    if (!row.passwordKeyId || !row.passwordCiphertext) continue;
    if (!needsRotation(keyring, { keyId: row.passwordKeyId })) {
      report.alreadyCurrent++;
      continue;
    }
    try {
      const aad = passwordAssociatedData(row.id);
      const plain = decryptSecret(keyring, { keyId: row.passwordKeyId, ciphertext: Buffer.from(row.passwordCiphertext) }, aad);
      const sealed = encryptSecret(keyring, plain, aad);
      const { count } = await db.calendarConnection.updateMany({
        where: { id: row.id, passwordKeyId: row.passwordKeyId, passwordCiphertext: row.passwordCiphertext },
        data: { passwordKeyId: sealed.keyId, passwordCiphertext: new Uint8Array(sealed.ciphertext) },
      });
      if (count === 1) report.rotated++;
    } catch (error) {
      report.failed.push({ connectionId: row.id, reason: (error as Error).message });
    }
  }
  return report;
}
