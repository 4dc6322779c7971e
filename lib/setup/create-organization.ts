import { hashPassword } from "@/lib/auth/password";
import { db as defaultDb, type PrismaClient } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { SetupInput } from "./schemas";
import { giveDefaultWorkingHours } from "@/lib/team/default-hours";

/** Whether first-run setup is still open: true until the first organization exists. */
export async function needsSetup(db: PrismaClient = defaultDb): Promise<boolean> {
  return (await db.organization.count()) === 0;
}

/**
 * Creates the first organization and its first admin. Two submissions racing each other take
 * the same transaction-scoped advisory lock, so exactly one creates anything; the other is
 * told setup is done. The admin gets working hours Monday–Friday 09:00–17:00 in their zone,
 * as every new member does, so a booking calendar they join is bookable at once.
 */
export async function createFirstOrganization(
  input: SetupInput,
  db: PrismaClient = defaultDb,
): Promise<{ organizationId: string; userId: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('crm:first-run-setup'))`;
    if ((await tx.organization.count()) > 0) {
      throw new AppError("CONFLICT", "This installation is already set up. Sign in instead.");
    }
    const organization = await tx.organization.create({ data: { name: input.organizationName, timeZone: input.timeZone } });
    const user = await tx.user.create({
      data: {
        organizationId: organization.id,
        email: input.email,
        name: input.name,
        role: "ADMIN",
        timeZone: input.timeZone,
        passwordHash,
      },
    });
    await giveDefaultWorkingHours(tx, { id: user.id, organizationId: organization.id });
    return { organizationId: organization.id, userId: user.id };
  });
}
