// `npm run db:migrate`: apply the committed migrations (and the job queue's schema) to DATABASE_URL.
// `npm run db:seed -- --demo`: add the demo organization (public password!) to an empty database.
// With the run command's embedded database up, both find it through .data/embedded-postgres.url.
import { loadLocalEnv } from "./lib/local-env";
import { prepareDatabase } from "./lib/prepare-database";

loadLocalEnv();
const [command, ...flags] = process.argv.slice(2);
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set, and no embedded database is running (start it with `bash scripts/run.sh`).");
  process.exit(1);
}

if (command === "migrate") {
  await prepareDatabase(url, { seed: false });
  console.log("› migrations applied");
} else if (command === "seed") {
  if (!flags.includes("--demo")) {
    console.error(
      "The only seed is the demo organization, whose logins share a public password. Run `npm run db:seed -- --demo` to add it.",
    );
    process.exit(1);
  }
  const { seeded } = await prepareDatabase(url, { seed: true });
  console.log(seeded ? "› seeded the demo data (logins in the README)" : "› not seeded: the database already has an organization");
} else {
  console.error("usage: tsx scripts/db.ts migrate | seed --demo");
  process.exit(1);
}
