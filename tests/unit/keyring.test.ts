import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, needsRotation, parseKeyring } from "@/lib/crypto/keyring";

const key = () => randomBytes(32).toString("base64");
const AAD = "calendar-connection:c1:password";

describe("credential keyring", () => {
  const k1 = key();
  const k2 = key();
  const ring = parseKeyring(`k1:${k1}`);

  it("round-trips with a fresh IV each time", () => {
    const a = encryptSecret(ring, "abcd-efgh-ijkl-mnop", AAD);
    const b = encryptSecret(ring, "abcd-efgh-ijkl-mnop", AAD);
    expect(a.keyId).toBe("k1");
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.ciphertext.subarray(0, 12).equals(b.ciphertext.subarray(0, 12))).toBe(false);
    expect(a.ciphertext.includes(Buffer.from("abcd-efgh"))).toBe(false);
    expect(decryptSecret(ring, a, AAD)).toBe("abcd-efgh-ijkl-mnop");
  });

  it("rejects a tampered ciphertext, tag or IV", () => {
    const secret = encryptSecret(ring, "abcd-efgh-ijkl-mnop", AAD);
    for (const index of [0, 14, secret.ciphertext.length - 1]) {
      const bad = Buffer.from(secret.ciphertext);
      bad[index]! ^= 0x01;
      expect(() => decryptSecret(ring, { ...secret, ciphertext: bad }, AAD)).toThrow(/failed authentication/);
    }
  });

  it("refuses a ciphertext moved to another row", () => {
    const secret = encryptSecret(ring, "abcd-efgh-ijkl-mnop", AAD);
    expect(() => decryptSecret(ring, secret, "calendar-connection:c2:password")).toThrow(/another record/);
  });

  it("encrypts with the first key and decrypts with any, so rotation is a re-encrypt", () => {
    const old = encryptSecret(ring, "abcd-efgh-ijkl-mnop", AAD);
    const rotated = parseKeyring(`k2:${k2},k1:${k1}`);
    expect(needsRotation(rotated, old)).toBe(true);
    expect(decryptSecret(rotated, old, AAD)).toBe("abcd-efgh-ijkl-mnop");
    const fresh = encryptSecret(rotated, decryptSecret(rotated, old, AAD), AAD);
    expect(fresh.keyId).toBe("k2");
    expect(needsRotation(rotated, fresh)).toBe(false);
    expect(decryptSecret(parseKeyring(`k2:${k2}`), fresh, AAD)).toBe("abcd-efgh-ijkl-mnop");
  });

  it("names an unknown key id clearly", () => {
    const secret = encryptSecret(ring, "x", AAD);
    expect(() => decryptSecret(parseKeyring(`k9:${key()}`), secret, AAD)).toThrow(/key "k1", which is not in CREDENTIALS_ENCRYPTION_KEYS/);
  });

  it("validates the keyring's format", () => {
    expect(() => parseKeyring("")).toThrow(/no key/);
    expect(() => parseKeyring("nocolon")).toThrow(/"<id>:<base64 key>"/);
    expect(() => parseKeyring("k1:c2hvcnQ=")).toThrow(/32 bytes/);
    expect(() => parseKeyring(`k1:${k1},k1:${k2}`)).toThrow(/appears twice/);
  });
});
