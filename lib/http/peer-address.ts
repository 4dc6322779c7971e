import type { IncomingMessage } from "node:http";

/**
 * Set by the app's own HTTP server (scripts/server.ts) from the TCP connection's address, after
 * removing any value a client sent: the one address a client cannot choose. No imports beyond
 * node's types, so the server entry can load it before Next.
 */
export const PEER_ADDRESS_HEADER = "x-crm-peer-address";

/** Replaces whatever the client sent under PEER_ADDRESS_HEADER (any spelling, any count) by the socket's address. */
export function recordPeerAddress(req: IncomingMessage): void {
  delete req.headers[PEER_ADDRESS_HEADER];
  // rawHeaders is what some adapters read; drop client-sent copies there too.
  for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2) {
    if (req.rawHeaders[i]!.toLowerCase() === PEER_ADDRESS_HEADER) req.rawHeaders.splice(i, 2);
  }
  const address = req.socket.remoteAddress ?? "unknown";
  req.headers[PEER_ADDRESS_HEADER] = address;
  req.rawHeaders.push(PEER_ADDRESS_HEADER, address);
}
