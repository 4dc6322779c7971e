import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseKeyring } from "@/lib/crypto/keyring";
import { db } from "@/lib/db";
import { passwordAssociatedData } from "@/lib/connections/config";
import { rotateConnectionSecrets } from "@/lib/connections/rotate-keys";
import { decryptSecret, encryptSecret } from "@/lib/crypto/keyring";
import { createOrganization, createUser } from "../support/factories";

const key = () => randomBytes(32).toString("base64");

async function storedConnection(keyring: ReturnType<typeof parseKeyring>, password: string, organizationId?: string) {
  const org = organizationId ? { id: organizationId } : await createOrganization();
  const user = await createUser({ organizationId: org.id });
  const id = crypto.randomUUID();
  const sealed = encryptSecret(keyring, password, passwordAssociatedData(id));
  await db.calendarConnection.create({
    data: {
      id,
      organizationId: org.id,
      userId: user.id,
      appleId: `${id}@example.test`,
      passwordKeyId: sealed.keyId,
      passwordCiphertext: new Uint8Array(sealed.ciphertext),
      serverUrl: "https://caldav.example.test",
      principalUrl: "https://caldav.example.test/1/principal/",
      homeUrl: "https://p01-caldav.example.test/1/calendars/",
    },
  });
  return id;
}

describe("npm run keys:rotate", () => {
  it("re-encrypts every secret with the new active key, and a second run changes nothing", async () => {
    const oldKey = key();
    const newKey = key();
    const before = parseKeyring(`old1:${oldKey}`);
    // Scoped to one organization: other test files' rows use the test run's own keyring.
    const org = await createOrganization();
    const ids = [
      await storedConnection(before, "abcd-efgh-ijkl-mnop", org.id),
      await storedConnection(before, "qrst-uvwx-yzab-cdef", org.id),
    ];

    const rotated = parseKeyring(`new1:${newKey},old1:${oldKey}`);
    const first = await rotateConnectionSecrets(rotated, { organizationId: org.id });
    expect(first).toEqual({ rotated: 2, alreadyCurrent: 0, failed: [] });

    const rows = await db.calendarConnection.findMany({ where: { id: { in: ids } }, orderBy: { appleId: "asc" } });
    const onlyNew = parseKeyring(`new1:${newKey}`);
    for (const row of rows) {
      expect(row.passwordKeyId).toBe("new1");
      const plain = decryptSecret(
        onlyNew,
        { keyId: row.passwordKeyId!, ciphertext: Buffer.from(row.passwordCiphertext!) },
        passwordAssociatedData(row.id),
      );
      expect(["abcd-efgh-ijkl-mnop", "qrst-uvwx-yzab-cdef"]).toContain(plain);
    }

    const second = await rotateConnectionSecrets(rotated, { organizationId: org.id });
    expect(second).toEqual({ rotated: 0, alreadyCurrent: 2, failed: [] });
    const again = await db.calendarConnection.findMany({ where: { id: { in: ids } }, orderBy: { appleId: "asc" } });
    expect(again.map((r) => Buffer.from(r.passwordCiphertext!).toString("hex"))).toEqual(
      rows.map((r) => Buffer.from(r.passwordCiphertext!).toString("hex")),
    );
  });

  it("reports, and leaves untouched, a secret whose key is missing from the keyring", async () => {
    const lost = parseKeyring(`lost:${key()}`);
    const org = await createOrganization();
    const id = await storedConnection(lost, "abcd-efgh-ijkl-mnop", org.id);
    const report = await rotateConnectionSecrets(parseKeyring(`new2:${key()}`), { organizationId: org.id });
    expect(report.rotated).toBe(0);
    const failure = report.failed.find((f) => f.connectionId === id);
    expect(failure?.reason).toMatch(/key "lost", which is not in CREDENTIALS_ENCRYPTION_KEYS/);
    const row = await db.calendarConnection.findUniqueOrThrow({ where: { id } });
    expect(row.passwordKeyId).toBe("lost");
  });
});
