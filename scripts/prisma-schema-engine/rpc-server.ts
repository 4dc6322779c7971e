import { createInterface } from "node:readline";
import { type RpcError, toRpcError } from "./errors";

type Handler = (params: unknown) => Promise<unknown>;
type Id = string | number | null;

interface Request {
  jsonrpc?: string;
  id?: Id;
  method?: string;
  params?: unknown;
}

/**
 * JSON-RPC 2.0 over stdio, one JSON object per line, as the prisma CLI speaks it to the native
 * engine: requests on stdin, responses on stdout, logs (JSON lines) on stderr.
 *
 * Requests run strictly one after another: every wasm engine method takes `&mut self`, and a
 * second call while one is pending would trip wasm-bindgen's aliasing check (a panic).
 */
export class RpcServer {
  private queue: Promise<void> = Promise.resolve();
  private inFlight: Id | undefined;
  private nextPrintId = 1;
  private readonly methods: Record<string, Handler>;

  constructor(createHandlers: (print: (content: string) => void) => Record<string, Handler>) {
    this.methods = createHandlers((content) => this.print(content));
  }

  /**
   * The native engine does not return diff output; it asks the CLI to print it with a `print`
   * request (the CLI writes `content` to stdout, or to the `--output` file, and acks). We send it
   * before the response it belongs to; the CLI handles lines in order, so no need to await the ack
   * (which we could not read anyway while this request holds the queue).
   */
  private print(content: string): void {
    const id = `print-${this.nextPrintId++}`;
    process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id, method: "print", params: { content } })}\n`, () => undefined);
  }

  /** Resolves once stdin has closed and every queued request has been answered. */
  listen(): Promise<void> {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    lines.on("line", (line) => {
      if (line.trim() === "") return;
      this.queue = this.queue.then(() => this.handleLine(line));
    });
    return new Promise((resolve) => lines.on("close", () => void this.queue.then(resolve)));
  }

  /**
   * Answers the request that was running when the engine crashed outside its promise (a wasm
   * trap surfacing as an uncaught exception), so the CLI reports it instead of waiting forever.
   */
  failInFlight(error: unknown): void {
    if (this.inFlight === undefined) return;
    this.send({ jsonrpc: "2.0", id: this.inFlight, error: toRpcError(error) });
    this.inFlight = undefined;
  }

  private async handleLine(line: string): Promise<void> {
    let request: Request;
    try {
      request = JSON.parse(line) as Request;
    } catch {
      this.send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error", data: undefined } });
      return;
    }
    const id = request.id ?? null;
    // Responses to requests *we* sent (the print acks) and notifications need no answer.
    if (request.method === undefined || request.id === undefined) return;
    const handler = Object.hasOwn(this.methods, request.method) ? this.methods[request.method] : undefined;
    if (!handler) {
      this.send({ jsonrpc: "2.0", id, error: { code: -32601, message: `Method not found: ${request.method}`, data: undefined } });
      return;
    }
    this.inFlight = id;
    try {
      const result = await handler(request.params);
      if (this.inFlight === id) this.send({ jsonrpc: "2.0", id, result: result === undefined ? null : result });
    } catch (error) {
      if (this.inFlight === id) this.send({ jsonrpc: "2.0", id, error: toRpcError(error) });
    } finally {
      this.inFlight = undefined;
    }
  }

  private send(message: {
    jsonrpc: "2.0";
    id: Id;
    result?: unknown;
    error?: RpcError | { code: number; message: string; data: undefined };
  }): void {
    // The CLI may already have gone (it kills the engine right after its last answer): ignore EPIPE.
    process.stdout.write(`${JSON.stringify(message)}\n`, () => undefined);
  }
}
