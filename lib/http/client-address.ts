import { env } from "@/lib/env";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer-address";

export { PEER_ADDRESS_HEADER };

/**
 * The client's address for rate limits. With no proxy in front (TRUST_PROXY_HOPS=0) it is the
 * connection's address; X-Forwarded-For is ignored, because any client can write it. Behind n
 * proxies that each append the address they saw, it is the n-th entry from the right (the one the
 * outermost trusted proxy saw); entries further left were written by the client.
 */
export function clientAddress(headers: Headers, hops = env.TRUST_PROXY_HOPS): string {
  const peer = headers.get(PEER_ADDRESS_HEADER)?.trim() || "unknown";
  if (hops === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (forwarded.length === 0) return peer;
  // Fewer entries than proxies: the leftmost is still one a trusted proxy wrote.
  return forwarded[Math.max(0, forwarded.length - hops)]!.slice(0, 100);
}
