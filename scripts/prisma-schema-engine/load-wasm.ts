import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

const require = createRequire(import.meta.url);

/**
 * The Rust panic hook inside the wasm calls `global.PRISMA_WASM_PANIC_REGISTRY.set_message(…)`
 * before trapping; the trap itself only says "RuntimeError: unreachable". Keeping the message
 * here lets us report *why* the engine panicked instead of a bare trap.
 */
class WasmPanicRegistry {
  private message = "";
  get(): string {
    return this.message;
  }
  set_message(value: string): void {
    this.message = value;
  }
}

export const panicRegistry = new WasmPanicRegistry();
(globalThis as { PRISMA_WASM_PANIC_REGISTRY?: WasmPanicRegistry }).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;

/** A wasm trap (Rust panic or abort): the engine instance must not be used afterwards. */
export function isWasmPanic(error: unknown): error is Error {
  return error instanceof WebAssembly.RuntimeError || (error instanceof Error && error.name === "RuntimeError");
}

type Glue = typeof import("@prisma/schema-engine-wasm/schema_engine_bg") & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

let loaded: Promise<typeof SchemaEngine> | undefined;

/**
 * Instantiates the schema engine wasm that ships *inside the prisma CLI package* (so it always
 * matches the CLI's migration logic), using the wasm-bindgen JS glue of @prisma/schema-engine-wasm.
 * The exactly matching glue version is not published; the pinned one declares the same 90 imports
 * (wasm-bindgen hashes its import names by signature, so equal names mean equal ABI). We check
 * that here so a future CLI upgrade fails loudly instead of misbehaving.
 */
export function loadSchemaEngine(): Promise<typeof SchemaEngine> {
  loaded ??= (async () => {
    const wasmPath = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "schema_engine_bg.wasm");
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as Glue;
    const wasmModule = new WebAssembly.Module(readFileSync(wasmPath));
    const imports = WebAssembly.Module.imports(wasmModule);
    const missing = imports.filter((entry) => typeof (glue as Record<string, unknown>)[entry.name] !== "function");
    if (missing.length > 0) {
      throw new Error(
        `The @prisma/schema-engine-wasm glue does not match ${wasmPath}; missing imports: ` + missing.map((entry) => entry.name).join(", "),
      );
    }
    const moduleName = imports[0]?.module ?? "./schema_engine_bg.js";
    const instance = new WebAssembly.Instance(wasmModule, { [moduleName]: glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue.SchemaEngine;
  })();
  return loaded;
}

/** The engine's git hash, as `schema-engine --version` prints it. */
export async function wasmEngineVersion(): Promise<string> {
  await loadSchemaEngine();
  const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as Glue;
  return glue.version();
}
