// Unique data per call, so test files can run in parallel against one database.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";

export function uniqueSuffix(): string {
  return randomBytes(4).toString("hex");
}

export async function createOrganization(name = `Org ${uniqueSuffix()}`) {
  return db.organization.create({ data: { name } });
}

export async function createUser(options: {
  organizationId: string;
  role?: "ADMIN" | "STAFF";
  timeZone?: string;
  password?: string;
  name?: string;
}) {
  const suffix = uniqueSuffix();
  return db.user.create({
    data: {
      organizationId: options.organizationId,
      email: `user-${suffix}@example.test`,
      name: options.name ?? `User ${suffix}`,
      role: options.role ?? "STAFF",
      timeZone: options.timeZone ?? "Europe/Berlin",
      passwordHash: await hashPassword(options.password ?? "correct horse"),
    },
  });
}
