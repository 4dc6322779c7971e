/**
 * A drop-in replacement for Prisma's native `schema-engine` binary, built from the schema engine
 * WebAssembly that ships inside the prisma CLI package. The native binary is downloaded from
 * binaries.prisma.sh on first use, which our machines cannot reach; the wasm needs no download.
 *
 * How it works:
 * - scripts/prisma.ts sets PRISMA_SCHEMA_ENGINE_BINARY to ./schema-engine (a sh wrapper that
 *   runs this file with Node 22 + tsx). The CLI spawns it exactly like the native engine:
 *     schema-engine [--datamodels <schema file>]… [--datasource <JSON of prisma.config.ts datasource>]
 *   and then speaks JSON-RPC over stdio (rpc-server.ts), or, with a trailing `cli <command>`,
 *   runs a one-shot command such as can-connect-to-database (cli-commands.ts).
 * - load-wasm.ts instantiates node_modules/prisma/build/schema_engine_bg.wasm with the JS glue
 *   of @prisma/schema-engine-wasm; engine-methods.ts forwards each RPC method to it.
 * - The wasm engine reaches PostgreSQL through a driver adapter (adapter-factory.ts): adapter-pg
 *   on a pool whose client relabels catalog column types adapter-pg cannot read
 *   (catalog-types.ts), with scripts run whole, and with shadow databases we create and drop
 *   ourselves (shadow-database.ts) so migrations are never replayed onto the main database.
 * - Logs are the engine's own JSON tracing lines on stderr, which the CLI parses.
 * - A wasm panic can surface as an uncaught exception rather than a rejected promise; it is
 *   turned into a JSON-RPC panic reply and exit code 101, like a native engine panic.
 */
import { runCliCommand } from "./cli-commands";
import type { DatasourceConfig } from "./connection";
import { createMethods } from "./engine-methods";
import { isWasmPanic, wasmEngineVersion } from "./load-wasm";
import { RpcServer } from "./rpc-server";
import { dropAllShadowDatabases } from "./shadow-database";

interface Args {
  datamodels: string[];
  datasource: DatasourceConfig;
  cliCommand?: string;
  version: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { datamodels: [], datasource: {}, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i] ?? "";
    if (arg === "--datamodels") args.datamodels.push(value());
    else if (arg === "--datasource") args.datasource = JSON.parse(value()) as DatasourceConfig;
    else if (arg === "--version" || arg === "-V") args.version = true;
    else if (arg === "cli") args.cliCommand = argv[++i];
    // --enabled-preview-features / --extension-types: the schema files carry what the wasm needs.
    else if (arg === "--enabled-preview-features" || arg === "--extension-types") value();
  }
  return args;
}

/** Shadow databases must not outlive us, however we exit. */
async function exit(code: number): Promise<never> {
  await dropAllShadowDatabases();
  process.exit(code);
}

async function main(): Promise<void> {
  // stdout carries the protocol: nothing else may print there (a stray console.log from a
  // dependency would be read as a malformed response).
  console.log = console.info = console.debug = (...parts: unknown[]) => console.error(...parts);

  const args = parseArgs(process.argv.slice(2));
  if (args.version) {
    process.stdout.write(`schema-engine-cli ${await wasmEngineVersion()} (wasm)\n`);
    return;
  }
  if (args.cliCommand !== undefined) {
    process.exitCode = await runCliCommand(args.cliCommand, args.datasource);
    return;
  }

  const options = { datasource: args.datasource, datamodelPaths: args.datamodels };
  const server = new RpcServer((print) => createMethods(options, print));
  const crash = (error: unknown) => {
    server.failInFlight(error);
    process.stderr.write(
      `${isWasmPanic(error) ? "schema engine panic" : "schema engine crash"}: ${String((error as Error)?.stack ?? error)}\n`,
    );
    void exit(isWasmPanic(error) ? 101 : 1);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  // The CLI ends a session by closing stdin and, on Unix, sending SIGTERM right away.
  process.on("SIGTERM", () => void exit(0));
  process.on("SIGINT", () => void exit(130));

  await server.listen();
  await exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`schema engine failed to start: ${String((error as Error)?.stack ?? error)}\n`);
  void exit(1);
});
