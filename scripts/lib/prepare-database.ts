import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { migrateJobQueue } from "@/lib/sync/queue-schema";
import { isDatabaseEmpty, seedDemoData } from "@/prisma/seed";
import { runPrisma } from "../prisma";

/** Applies the committed migrations and the job queue's schema, then seeds when asked and empty. */
export async function prepareDatabase(databaseUrl: string, options: { seed: boolean }): Promise<{ seeded: boolean }> {
  await runPrisma(["migrate", "deploy"], { ...process.env, DATABASE_URL: databaseUrl }, { capture: true });
  await migrateJobQueue(databaseUrl);
  if (!options.seed) return { seeded: false };
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  try {
    if (!(await isDatabaseEmpty(db))) return { seeded: false };
    await seedDemoData(db);
    return { seeded: true };
  } finally {
    await db.$disconnect();
  }
}
