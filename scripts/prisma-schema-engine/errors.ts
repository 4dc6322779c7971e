import { isWasmPanic, panicRegistry } from "./load-wasm";

/**
 * The JSON-RPC error shape the native schema engine sends and the prisma CLI decodes:
 * `data.is_panic` makes the CLI report a crash; otherwise it prints `data.message`, prefixed by
 * `data.error_code` when there is one (e.g. P3005), and uses the code to pick follow-up advice.
 */
export interface RpcError {
  code: number;
  message: string;
  data: { is_panic: boolean; message: string; error_code?: string; meta?: unknown; backtrace?: string };
}

/** JSON-RPC's generic "server error" code, which is what the native engine uses too. */
const ENGINE_ERROR = 4466;

export function toRpcError(error: unknown): RpcError {
  if (isWasmPanic(error)) {
    const reason = panicRegistry.get() || error.message;
    return {
      code: ENGINE_ERROR,
      // The CLI shows this message for panics (and data.message as the "Rust stack").
      message: `The schema engine (wasm) panicked: ${reason}`,
      data: { is_panic: true, message: reason, backtrace: error.stack ?? "" },
    };
  }
  const e = error as { message?: unknown; code?: unknown; meta?: unknown };
  const message = typeof e?.message === "string" ? e.message : String(error);
  return {
    code: ENGINE_ERROR,
    message: "An error happened. Check the data field for details.",
    data: {
      is_panic: false,
      message,
      // The wasm engine sets `code` to the Prisma error code (P3xxx) for known errors.
      ...(typeof e?.code === "string" && /^P\d{4}$/.test(e.code) ? { error_code: e.code } : {}),
      ...(e?.meta !== undefined ? { meta: e.meta } : {}),
    },
  };
}

/** A known, user-facing error of ours (not the engine's), in the engine's error shape. */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** One line of the engine's JSON log format, as the CLI parses it from stderr. */
export function logLine(level: "INFO" | "WARN" | "ERROR", message: string, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ level, fields: { message, ...extra }, target: "schema_engine::logger" })}\n`;
}
