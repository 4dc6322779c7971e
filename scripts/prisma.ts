/**
 * `npm run prisma -- <args>`: the prisma CLI, with our wasm schema engine standing in for the
 * native binary it would otherwise download from binaries.prisma.sh (unreachable here).
 * See scripts/prisma-schema-engine/main.ts for how the engine works.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadLocalEnv } from "./lib/local-env";

const ROOT = path.resolve(import.meta.dirname, "..");
const ENGINE = path.join(ROOT, "scripts", "prisma-schema-engine", "schema-engine");
const PRISMA_CLI = path.join(path.dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build", "index.js");

export interface PrismaRun {
  exitCode: number;
  /** Only filled with `capture: true`. */
  stdout: string;
  stderr: string;
}

export interface RunPrismaOptions {
  /** Collect stdout/stderr instead of passing them through (they are still returned on failure). */
  capture?: boolean;
  /** Exit codes that count as success, e.g. [0, 2] for `migrate diff --exit-code`. Default [0]. */
  okExitCodes?: number[];
  cwd?: string;
}

/**
 * The environment the CLI needs: our engine unless the user configured a native one
 * (PRISMA_SCHEMA_ENGINE_BINARY, or its legacy name), the Node that runs us for the engine to
 * use, and no update/telemetry calls, which cannot succeed offline.
 */
export function prismaEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const userEngine = env.PRISMA_SCHEMA_ENGINE_BINARY || env.PRISMA_MIGRATION_ENGINE_BINARY;
  return {
    ...env,
    ...(userEngine ? {} : { PRISMA_SCHEMA_ENGINE_BINARY: ENGINE }),
    PRISMA_SCHEMA_ENGINE_NODE: env.PRISMA_SCHEMA_ENGINE_NODE || process.execPath,
    CHECKPOINT_DISABLE: env.CHECKPOINT_DISABLE ?? "1",
    PRISMA_HIDE_UPDATE_MESSAGE: env.PRISMA_HIDE_UPDATE_MESSAGE ?? "1",
  };
}

/**
 * Runs the prisma CLI (e.g. `runPrisma(["migrate", "deploy"], { ...process.env, DATABASE_URL })`)
 * from the project root, where prisma.config.ts is. Rejects when the exit code is not OK.
 */
export function runPrisma(args: string[], env: NodeJS.ProcessEnv = process.env, options: RunPrismaOptions = {}): Promise<PrismaRun> {
  const okExitCodes = options.okExitCodes ?? [0];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PRISMA_CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: prismaEnv(env),
      stdio: options.capture ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const exitCode = code ?? 128 + (signal === "SIGINT" ? 2 : 15);
      const run = { exitCode, stdout, stderr };
      if (okExitCodes.includes(exitCode)) return resolve(run);
      const output = options.capture ? `\n${stdout}${stderr}` : "";
      reject(Object.assign(new Error(`prisma ${args.join(" ")} exited with code ${exitCode}${output}`), run));
    });
  });
}

async function main(): Promise<void> {
  loadLocalEnv();
  const args = process.argv.slice(2);
  // The child shares our terminal, so Ctrl-C reaches it directly; we just wait for its exit code.
  process.on("SIGINT", () => undefined);
  const { exitCode } = await runPrisma(args, process.env).catch((error: PrismaRun & Error) => {
    if (typeof error.exitCode === "number") return error;
    throw error;
  });
  process.exitCode = exitCode;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
