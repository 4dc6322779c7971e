import { NextResponse } from "next/server";
import type { z } from "zod";
import { rateLimitSetting } from "@/lib/env";
import { isAppError, type AppErrorCode } from "@/lib/errors";
import { logError } from "@/lib/log";
import { clientAddress } from "@/lib/http/client-address";
import { consumeRateLimit } from "@/lib/rate-limit";

// The public JSON API's conventions (docs/ARCHITECTURE.md): errors are { error: { code, message } }.
const STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 422,
  RATE_LIMITED: 429,
  GONE: 410,
  UPSTREAM: 502,
};

export function apiError(status: number, code: string, message: string, headers?: HeadersInit): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status, headers });
}

export async function withApiErrors(name: string, handler: () => Promise<NextResponse>): Promise<NextResponse> {
  try {
    return await handler();
  } catch (error) {
    if (isAppError(error)) return apiError(STATUS[error.code], error.code, error.message);
    logError(`public api ${name} failed`, { error });
    return apiError(500, "INTERNAL", "Something went wrong on our side. Nothing was booked; try again.");
  }
}

export function invalidInput(error: z.ZodError): NextResponse {
  const message = error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
  return apiError(422, "INVALID_INPUT", message);
}

/** Public request bodies are small JSON documents; anything larger is refused while reading. */
export const MAX_PUBLIC_BODY_BYTES = 20_000;

export type JsonBody = { ok: true; value: unknown } | { ok: false; response: NextResponse };

/** `application/json`, with or without parameters such as charset; nothing else (HTML forms can't send it cross-site without CORS). */
export function isJsonContentType(header: string | null): boolean {
  if (header === null) return false;
  const type = header.split(";")[0]!.trim().toLowerCase();
  return type === "application/json";
}

/**
 * The request's JSON body, read with a byte cap: a declared Content-Length over the cap is
 * refused before reading, and an undeclared (chunked) body is refused as soon as the bytes read
 * pass it, so a huge body is never held in memory. 415 for another content type, 413 when too
 * large, 422 when it is not JSON.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_PUBLIC_BODY_BYTES): Promise<JsonBody> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    return {
      ok: false,
      response: apiError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the request body as JSON with Content-Type: application/json."),
    };
  }
  const tooLarge = () => ({
    ok: false as const,
    response: apiError(413, "PAYLOAD_TOO_LARGE", `The request body is larger than ${maxBytes} bytes.`),
  });
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) return tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return { ok: false, response: apiError(422, "INVALID_INPUT", "The request body is not valid UTF-8.") };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: apiError(422, "INVALID_INPUT", "The request body is not valid JSON.") };
  }
}

function tooMany(retryAfterMs: number, who: string): NextResponse {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return apiError(429, "RATE_LIMITED", `Too many requests ${who}. Try again in ${seconds} s.`, { "Retry-After": String(seconds) });
}

/**
 * Limits on the public write endpoints, counted in PostgreSQL so they hold across instances:
 * per client (its connection's address, see lib/http/client-address.ts; X-Forwarded-For only
 * behind TRUST_PROXY_HOPS trusted proxies), then per booking calendar, so that many clients
 * together cannot fill one calendar's times faster than a business could notice.
 */
export async function limitWrites(request: Request, calendarSlug?: string): Promise<NextResponse | null> {
  const client = await consumeRateLimit({
    key: `public-write:${clientAddress(request.headers)}`,
    limit: rateLimitSetting("PUBLIC_WRITE_RATE_LIMIT"),
    windowMs: 60_000,
  });
  if (!client.ok) return tooMany(client.retryAfterMs, "from this address");
  if (calendarSlug === undefined) return null;
  const calendar = await consumeRateLimit({
    key: `public-write-calendar:${calendarSlug.slice(0, 200)}`,
    limit: rateLimitSetting("PUBLIC_CALENDAR_WRITE_RATE_LIMIT"),
    windowMs: 10 * 60_000,
  });
  return calendar.ok ? null : tooMany(calendar.retryAfterMs, "for this booking calendar");
}

/** Per-client limit on the public read endpoints (slots, .ics). */
export async function limitReads(request: Request): Promise<NextResponse | null> {
  const client = await consumeRateLimit({
    key: `public-read:${clientAddress(request.headers)}`,
    limit: rateLimitSetting("PUBLIC_READ_RATE_LIMIT"),
    windowMs: 60_000,
  });
  return client.ok ? null : tooMany(client.retryAfterMs, "from this address");
}
