// A real Radicale (Debian package `radicale` 3.1.x) for integration tests: one process per caller, a temporary
// storage folder, htpasswd Basic auth. Radicale re-reads the htpasswd file on every login (radicale/auth/htpasswd.py),
// so accounts appended while it runs work without a restart.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { appendFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ports";

export interface RadicaleAccount {
  username: string;
  password: string;
}

export interface RadicaleServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:40123/`. */
  url: string;
  storageDir: string;
  /** The htpasswd file; other processes (vitest workers after a globalSetup) can use addRadicaleAccount on it. */
  usersFile: string;
  /** Appends a unique user to the htpasswd file. */
  createAccount(): Promise<RadicaleAccount>;
  /** Kills Radicale and removes the temporary folder. Idempotent. */
  stop(): Promise<void>;
}

export interface StartRadicaleOptions {
  /** Path of the radicale executable; default: $RADICALE_BIN, /usr/bin/radicale, /usr/local/bin/radicale. */
  binary?: string;
  logLevel?: "debug" | "info" | "warning" | "error";
  /** Radicale's sleep after a failed login, in seconds (Radicale's default is 1). */
  failedLoginDelay?: number;
}

const BINARIES = [process.env.RADICALE_BIN, "/usr/bin/radicale", "/usr/local/bin/radicale"];

// Bcrypt needs python3-bcrypt (not pulled in by Debian's radicale); plain needs nothing and is fine on loopback.
const configText = (port: number, dir: string, o: StartRadicaleOptions) => `[server]
hosts = 127.0.0.1:${port}
max_connections = 32
[auth]
type = htpasswd
htpasswd_filename = ${join(dir, "users")}
htpasswd_encryption = plain
delay = ${o.failedLoginDelay ?? 0}
[rights]
type = owner_only
[storage]
filesystem_folder = ${join(dir, "collections")}
[web]
type = none
[logging]
level = ${o.logLevel ?? "warning"}
`;

// The shell stays Radicale's parent and reads our stdin pipe: when this process dies in any way (even SIGKILL),
// the pipe closes, `cat` returns, and the shell kills Radicale and removes the folder. No orphans.
const WATCHDOG = '"$0" --config "$1" & pid=$!; cat >/dev/null; kill "$pid" 2>/dev/null; wait "$pid"; rm -rf "$2"';

export async function startRadicale(options: StartRadicaleOptions = {}): Promise<RadicaleServer> {
  const candidates = options.binary ? [options.binary] : BINARIES;
  const bin = candidates.find((b): b is string => Boolean(b && existsSync(b)));
  if (!bin) {
    throw new Error("Radicale is not installed: run `apt-get install -y radicale` (Debian package radicale 3.1.x).");
  }
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(bin, options);
    } catch (error) {
      lastError = error; // most likely the free port was taken between probing and binding
    }
  }
  throw lastError;
}

async function startOnce(bin: string, options: StartRadicaleOptions): Promise<RadicaleServer> {
  const dir = await mkdtemp(join(tmpdir(), "radicale-"));
  await mkdir(join(dir, "collections"));
  await writeFile(join(dir, "users"), "");
  const port = await freePort();
  await writeFile(join(dir, "config"), configText(port, dir, options));

  const child = spawn("/bin/sh", ["-c", WATCHDOG, bin, join(dir, "config"), dir], {
    detached: true, // own process group, so stop() can kill the shell and Radicale together
    stdio: ["pipe", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => {
    killGroup("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", onExit);
  // Do not keep the test process alive because of Radicale.
  child.unref();
  for (const stream of [child.stdin, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      process.removeListener("exit", onExit);
      // Closing the pipe lets the watchdog stop Radicale and reap it; SIGKILL only if that hangs.
      child.stdin?.end();
      const timer = setTimeout(() => killGroup("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
      await rm(dir, { recursive: true, force: true });
    })());

  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (!running) {
      await stop();
      throw new Error(`Radicale exited during start-up:\n${stderr}`);
    }
    try {
      await fetch(`${url}.well-known/caldav`, { redirect: "manual", signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`Radicale did not answer on ${url} within 15 s:\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const usersFile = join(dir, "users");
  return { url, storageDir: join(dir, "collections"), usersFile, createAccount: () => addRadicaleAccount(usersFile), stop };
}

let accountCounter = 0;

/** Appends a unique user (unique across processes too) to a running Radicale's htpasswd file. */
export async function addRadicaleAccount(usersFile: string): Promise<RadicaleAccount> {
  // Lowercase alphanumerics: the name becomes a path segment (/<username>/) in Radicale.
  const username = `u${process.pid.toString(36)}x${(++accountCounter).toString(36)}x${randomBytes(4).toString("hex")}`;
  const letters = Array.from(randomBytes(16), (b) => String.fromCharCode(97 + (b % 26))).join("");
  const password = letters.match(/.{4}/g)!.join("-"); // shaped like an Apple app-specific password
  await appendFile(usersFile, `${username}:${password}\n`); // one short O_APPEND write: safe across processes
  return { username, password };
}

// ---- Seeding over plain HTTP, straight to Radicale (paths /<username>/<calendar>/<file>.ics) ----

export interface CalendarSpec {
  /** Path segment of the collection, e.g. `work`. */
  name: string;
  displayName?: string;
  /** Apple's `#RRGGBBAA`, stored as `calendar-color` (http://apple.com/ns/ical/). */
  color?: string;
  order?: number;
  components?: Array<"VEVENT" | "VTODO">;
  description?: string;
}

type Server = Pick<RadicaleServer, "url">;

const auth = (a: RadicaleAccount) => `Basic ${Buffer.from(`${a.username}:${a.password}`).toString("base64")}`;
const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function collectionUrl(server: Server, account: RadicaleAccount, calendar: string): string {
  return new URL(`${encodeURIComponent(account.username)}/${encodeURIComponent(calendar)}/`, server.url).href;
}

export function objectUrl(server: Server, account: RadicaleAccount, calendar: string, fileName: string): string {
  return new URL(encodeURIComponent(fileName), collectionUrl(server, account, calendar)).href;
}

/** MKCALENDAR with display name, colour, order and component set; returns the collection URL on Radicale. */
export async function createCalendar(server: Server, account: RadicaleAccount, spec: CalendarSpec): Promise<string> {
  const url = collectionUrl(server, account, spec.name);
  const props = [
    spec.displayName === undefined ? "" : `<D:displayname>${xmlEscape(spec.displayName)}</D:displayname>`,
    spec.color === undefined ? "" : `<A:calendar-color>${xmlEscape(spec.color)}</A:calendar-color>`,
    spec.order === undefined ? "" : `<A:calendar-order>${spec.order}</A:calendar-order>`,
    spec.description === undefined ? "" : `<C:calendar-description>${xmlEscape(spec.description)}</C:calendar-description>`,
    `<C:supported-calendar-component-set>${(spec.components ?? ["VEVENT"]).map((c) => `<C:comp name="${c}"/>`).join("")}</C:supported-calendar-component-set>`,
  ].join("");
  const body = `<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:A="http://apple.com/ns/ical/"><D:set><D:prop>${props}</D:prop></D:set></C:mkcalendar>`;
  const res = await fetch(url, {
    method: "MKCALENDAR",
    headers: { authorization: auth(account), "content-type": "application/xml; charset=utf-8" },
    body,
  });
  if (res.status !== 201) throw new Error(`MKCALENDAR ${url} failed: ${res.status} ${await res.text()}`);
  return url;
}

export interface PutOptions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

export async function putObject(
  server: Server,
  account: RadicaleAccount,
  calendar: string,
  fileName: string,
  ics: string,
  options: PutOptions = {},
): Promise<{ status: number; etag: string | null }> {
  const headers: Record<string, string> = { authorization: auth(account), "content-type": "text/calendar; charset=utf-8" };
  if (options.ifMatch) headers["if-match"] = options.ifMatch;
  if (options.ifNoneMatch) headers["if-none-match"] = options.ifNoneMatch;
  const res = await fetch(objectUrl(server, account, calendar, fileName), { method: "PUT", headers, body: ics });
  await res.arrayBuffer();
  return { status: res.status, etag: res.headers.get("etag") };
}

export async function getObject(
  server: Server,
  account: RadicaleAccount,
  calendar: string,
  fileName: string,
): Promise<{ status: number; etag: string | null; body: string }> {
  const res = await fetch(objectUrl(server, account, calendar, fileName), { headers: { authorization: auth(account) } });
  return { status: res.status, etag: res.headers.get("etag"), body: await res.text() };
}

export async function deleteObject(
  server: Server,
  account: RadicaleAccount,
  calendar: string,
  fileName: string,
  options: { ifMatch?: string } = {},
): Promise<number> {
  const headers: Record<string, string> = { authorization: auth(account) };
  if (options.ifMatch) headers["if-match"] = options.ifMatch;
  const res = await fetch(objectUrl(server, account, calendar, fileName), { method: "DELETE", headers });
  await res.arrayBuffer();
  return res.status;
}
