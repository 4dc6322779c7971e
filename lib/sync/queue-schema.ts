import { runMigrations } from "graphile-worker";

/**
 * Installs or upgrades graphile-worker's own schema; safe on every start. Kept apart from
 * worker.ts so that setup scripts can call it without loading the app's environment.
 */
export async function migrateJobQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString });
}
