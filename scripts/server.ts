// The app's HTTP server: Next.js's request handler behind a plain Node server that records the
// TCP peer's address in a header no client can set (see lib/http/client-address.ts), which
// `next start` does not offer (it keeps a client's X-Forwarded-For as it is).
//   node --import tsx scripts/server.ts [--dev] --port 3000 [--hostname 0.0.0.0]
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { recordPeerAddress } from "../lib/http/peer-address";

const ROOT = path.resolve(import.meta.dirname, "..");

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const dev = process.argv.includes("--dev");
const port = Number(option("--port", process.env.PORT ?? "3000"));
const hostname = option("--hostname", "0.0.0.0");
const app = next({ dev, dir: ROOT, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  recordPeerAddress(req);
  void handle(req, res);
});
server.listen(port, hostname, () =>
  console.log(`› ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}${dev ? " (development)" : ""}`),
);

const stop = () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
