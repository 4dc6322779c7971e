import { NextResponse } from "next/server";
import type { z } from "zod";
import { isAppError, type AppErrorCode } from "@/lib/errors";
import { logError } from "@/lib/log";
import { consumeRateLimit } from "@/lib/rate-limit";

// The public JSON API's conventions (docs/ARCHITECTURE.md): errors are { error: { code, message } }.
const STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_INPUT: 422,
  RATE_LIMITED: 429,
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

export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > 20_000) return Symbol.for("too-large");
  try {
    return JSON.parse(text);
  } catch {
    return Symbol.for("not-json");
  }
}

/** The client as far as we can tell: the first forwarded address, else a shared bucket. */
export function clientKey(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || "direct";
}

/** Per-client limit on the write endpoints, counted in PostgreSQL so it holds across instances. */
export async function limitWrites(request: Request): Promise<NextResponse | null> {
  const limit = Number(process.env.PUBLIC_WRITE_RATE_LIMIT ?? 30);
  const result = await consumeRateLimit({ key: `public-write:${clientKey(request)}`, limit, windowMs: 60_000 });
  if (result.ok) return null;
  const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
  return apiError(429, "RATE_LIMITED", `Too many requests. Try again in ${seconds} s.`, { "Retry-After": String(seconds) });
}
