import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("stores argon2id hashes that verify only the right password", async () => {
    const hashed = await hashPassword("demo1234");
    expect(hashed.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hashed, "demo1234")).toBe(true);
    expect(await verifyPassword(hashed, "demo12345")).toBe(false);
  });

  it("treats a corrupt stored hash as a failed sign-in, not a crash", async () => {
    expect(await verifyPassword("not-a-hash", "demo1234")).toBe(false);
  });
});
