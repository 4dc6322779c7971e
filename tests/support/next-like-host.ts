// Hosts the in-process worker the way `next start` does, for tests of a normal stop: Next's
// start-server registers SIGINT/SIGTERM handlers before it loads instrumentation.ts, closes its
// HTTP server on a signal and then calls process.exit(130 / 143).
import { createServer } from "node:http";

const server = createServer((_req, res) => res.end("ok"));
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
let closing = false;
const cleanup = (signal: NodeJS.Signals) => {
  if (closing) return;
  closing = true;
  server.close(() => {
    console.log("host: closed");
    process.exit(signal === "SIGINT" ? 130 : 143);
  });
};
process.on("SIGINT", cleanup);
process.on("SIGTERM", cleanup);

process.env.NEXT_RUNTIME = "nodejs";
const { register } = await import("@/instrumentation");
await register();
console.log("host: ready");
