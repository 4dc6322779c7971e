import type { HostPolicy } from "./allow-list";
import { CalDavError, redactUrl } from "./errors";
import { createCalDavFetch } from "./http";

export interface WriterOptions {
  policy: HostPolicy;
  timeoutMs: number;
  username: string;
  password: string;
  transport?: typeof fetch;
}

export interface WriteResult {
  status: number;
  etag: string | null;
}

/**
 * PUT, GET and DELETE of single calendar objects with ETag preconditions. Statuses a caller
 * must act on (201/204, 404, 412) are returned, not thrown; 401, 429/503 and 5xx arrive as
 * CalDavErrors from the guarded fetch, and any other client error is thrown as permanent.
 */
export function createCalendarWriter(options: WriterOptions) {
  const fetch = createCalDavFetch({ policy: options.policy, timeoutMs: options.timeoutMs, transport: options.transport });
  const auth = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString("base64")}`;

  function check(res: Response, url: string, allowed: number[]): void {
    if (res.ok || allowed.includes(res.status)) return;
    const kind = res.status === 403 ? "FORBIDDEN" : res.status === 404 ? "NOT_FOUND" : "SERVER";
    throw new CalDavError(kind, `iCloud refused the change (HTTP ${res.status}).`, { status: res.status, url: redactUrl(url) });
  }

  return {
    /** ifNoneMatch "*" creates only; ifMatch updates only that version. */
    async put(url: string, ics: string, precondition: { ifNoneMatch: "*" } | { ifMatch: string }): Promise<WriteResult> {
      const headers: Record<string, string> = { Authorization: auth, "Content-Type": "text/calendar; charset=utf-8" };
      if ("ifNoneMatch" in precondition) headers["If-None-Match"] = "*";
      else headers["If-Match"] = precondition.ifMatch;
      const res = await fetch(url, { method: "PUT", headers, body: ics });
      await res.arrayBuffer();
      check(res, url, [404, 412]);
      return { status: res.status, etag: res.headers.get("etag") };
    },

    async get(url: string): Promise<WriteResult & { ics: string | null }> {
      const res = await fetch(url, { method: "GET", headers: { Authorization: auth } });
      const body = await res.text();
      check(res, url, [404]);
      return { status: res.status, etag: res.headers.get("etag"), ics: res.ok ? body : null };
    },

    async delete(url: string, ifMatch?: string): Promise<WriteResult> {
      const headers: Record<string, string> = { Authorization: auth };
      if (ifMatch) headers["If-Match"] = ifMatch;
      const res = await fetch(url, { method: "DELETE", headers });
      await res.arrayBuffer();
      check(res, url, [404, 412]);
      return { status: res.status, etag: null };
    },
  };
}

export type CalendarWriter = ReturnType<typeof createCalendarWriter>;
