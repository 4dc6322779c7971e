// First-run setup and the run command's seeding rule, each on an empty database of its own
// (the shared test database already holds other tests' organizations).
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { verifyPassword } from "@/lib/auth/password";
import { isAppError } from "@/lib/errors";
import { createFirstOrganization, needsSetup } from "@/lib/setup/create-organization";
import { SetupSchema } from "@/lib/setup/schemas";
import { ensureDatabase } from "@/scripts/lib/postgres";
import { prepareDatabase } from "@/scripts/lib/prepare-database";

const clients: PrismaClient[] = [];
async function emptyDatabase(): Promise<{ url: string; client: PrismaClient }> {
  const admin = process.env.TEST_PG_ADMIN_URL!;
  const name = `crm_setup_${randomBytes(4).toString("hex")}`;
  await ensureDatabase(admin, name);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  await prepareDatabase(url.toString(), { seed: false });
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }) });
  clients.push(client);
  return { url: url.toString(), client };
}
afterAll(async () => Promise.all(clients.map((c) => c.$disconnect())));

const input = (email: string) =>
  SetupSchema.parse({
    organizationName: "Harbour Physio",
    timeZone: "Europe/Lisbon",
    name: "Hana Harbour",
    email,
    password: "a long enough password",
    confirmPassword: "a long enough password",
  });

describe("first-run setup", () => {
  let client: PrismaClient;
  beforeAll(async () => {
    ({ client } = await emptyDatabase());
  });

  it("is open on an empty database and creates one organization with its admin, even under concurrent submissions", async () => {
    expect(await needsSetup(client)).toBe(true);
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => createFirstOrganization(input(`hana${i}@harbour.test`), client)),
    );
    const created = attempts.filter((a) => a.status === "fulfilled");
    const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === "rejected");
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(5);
    for (const r of refused) expect(isAppError(r.reason) && r.reason.code).toBe("CONFLICT");

    const organizations = await client.organization.findMany({ include: { users: { include: { workingHours: true } } } });
    expect(organizations).toHaveLength(1);
    const [org] = organizations;
    expect(org).toMatchObject({ name: "Harbour Physio", timeZone: "Europe/Lisbon" });
    expect(org!.users).toHaveLength(1);
    const [admin] = org!.users;
    expect(admin).toMatchObject({ role: "ADMIN", name: "Hana Harbour", timeZone: "Europe/Lisbon" });
    expect(await verifyPassword(admin!.passwordHash, "a long enough password")).toBe(true);
    expect(admin!.workingHours.map((h) => [h.weekday, h.startMinute, h.endMinute]).sort()).toEqual(
      [1, 2, 3, 4, 5].map((d) => [d, 540, 1020]),
    );
    expect(await needsSetup(client)).toBe(false);
  });

  it("refuses mismatched passwords, short passwords and unknown time zones with field messages", () => {
    const result = SetupSchema.safeParse({
      organizationName: " ",
      timeZone: "Mars/Olympus",
      name: "H",
      email: "not an email",
      password: "short",
      confirmPassword: "other",
    });
    expect(result.success).toBe(false);
    const fields = result.error!.flatten().fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(["email", "organizationName", "password", "timeZone"]);
    const mismatch = SetupSchema.safeParse({ ...input("x@y.test"), confirmPassword: "a different long password" });
    expect(mismatch.error!.flatten().fieldErrors.confirmPassword).toEqual(["The passwords don't match."]);
    // An alias a browser may report is stored under its canonical name.
    expect(SetupSchema.parse({ ...input("x@y.test"), timeZone: "UTC" }).timeZone).toBe("UTC");
  });
});

describe("preparing a database", () => {
  it("seeds the demo data only when asked, and only into an empty database", async () => {
    const { url, client } = await emptyDatabase();
    expect(await client.user.count()).toBe(0);
    expect(await prepareDatabase(url, { seed: true })).toEqual({ seeded: true });
    expect(await client.user.findUnique({ where: { email: "admin@demo.test" } })).not.toBeNull();
    // Never twice, and never over an organization someone created.
    expect(await prepareDatabase(url, { seed: true })).toEqual({ seeded: false });
  });
});
