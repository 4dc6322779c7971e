import { xml2js } from "xml-js";
import { assertAllowedUrl, type HostPolicy } from "./allow-list";
import { CalDavError, parseRetryAfter, redactUrl } from "./errors";

export const USER_AGENT = "CRM-Calendar/0.1 (CalDAV client)";
const MAX_REDIRECTS = 3;

export interface CalDavFetchOptions {
  policy: HostPolicy;
  /** Per request; a stalled server must not hold a user's form or a job forever. */
  timeoutMs: number;
  /** The transport, injectable for tests; defaults to the global fetch at call time. */
  transport?: typeof fetch;
}

/**
 * The fetch handed to tsdav (which otherwise captures the global fetch at import). It
 * enforces the host allow-list on every request and redirect, adds a timeout and a
 * User-Agent, and turns the failures tsdav would swallow or blur into typed CalDavErrors:
 * tsdav answers [] on a 401 and on unparseable XML, which callers would read as "no
 * calendars" or "no events" — the silent double-booking trap.
 */
export function createCalDavFetch(options: CalDavFetchOptions): typeof fetch {
  return async function calDavFetch(input, init = {}) {
    let url = String(input instanceof Request ? input.url : input);
    for (let hop = 0; ; hop++) {
      assertAllowedUrl(options.policy, url);
      const headers = new Headers(init.headers);
      headers.set("User-Agent", USER_AGENT);
      let response: Response;
      try {
        response = await (options.transport ?? fetch)(url, {
          ...init,
          headers,
          redirect: "manual",
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        throw transportError(error, url);
      }
      if (response.status >= 300 && response.status < 400 && response.headers.get("location")) {
        if (hop >= MAX_REDIRECTS) throw new CalDavError("SERVER", "The calendar server redirected too many times.");
        url = new URL(response.headers.get("location")!, url).href;
        continue;
      }
      return checkResponse(response, url);
    }
  };
}

function transportError(error: unknown, url: string): CalDavError {
  const name = (error as { name?: string })?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new CalDavError("TIMEOUT", "The calendar server did not answer in time.", { url: redactUrl(url) });
  }
  return new CalDavError("NETWORK", "The calendar server could not be reached.", { url: redactUrl(url) });
}

async function checkResponse(response: Response, url: string): Promise<Response> {
  const where = { status: response.status, url: redactUrl(url) };
  if (response.status === 401) {
    throw new CalDavError("AUTH", "The calendar server rejected the credentials.", where);
  }
  if (response.status === 429 || response.status === 503) {
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    throw new CalDavError("UNAVAILABLE", "The calendar server is busy or unavailable.", { ...where, retryAfterMs });
  }
  if (response.status >= 500) {
    throw new CalDavError("SERVER", `The calendar server failed (HTTP ${response.status}).`, where);
  }
  if (response.status === 207) {
    // Parse once here so that broken XML is an error, not an empty result further down.
    const body = await response.text();
    try {
      xml2js(body, { compact: true });
    } catch {
      throw new CalDavError("MALFORMED", "The calendar server sent a response that could not be read.", where);
    }
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  }
  return response;
}
