import { calendarMultiGet, calendarQuery, getBasicAuthHeaders, propfind, syncCollection, type DAVResponse } from "tsdav";
import type { HostPolicy } from "./allow-list";
import { CalDavError } from "./errors";
import { createCalDavFetch } from "./http";
import { propRawText, propText, type Props } from "./props";

export interface RemoteObject {
  url: string;
  etag: string | null;
  ics: string;
}

export interface SyncChanges {
  /** Changed or new members, with their new ETags (calendar data still to fetch). */
  changed: { url: string; etag: string | null }[];
  deleted: string[];
  token: string;
}

export interface ReaderOptions {
  policy: HostPolicy;
  timeoutMs: number;
  username: string;
  password: string;
  transport?: typeof fetch;
  /** Cap on one answer's body (default MAX_RESPONSE_BYTES in ./http). */
  maxResponseBytes?: number;
}

const EVENT_DATA = { "d:getetag": {}, "c:calendar-data": {} };

/**
 * tsdav throws plain Errors for some answers (a member of a query or multiget with an error
 * status: "Collection query failed: 404 …"); they become typed CalDavErrors here, so a refresh
 * records a clear reason and backs off instead of logging an unexpected error.
 */
async function typed<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CalDavError) throw error;
    const status = /Collection query failed: (\d{3})/.exec(error instanceof Error ? error.message : "")?.[1];
    if (status)
      throw new CalDavError("SERVER", `The calendar server could not deliver part of the answer (HTTP ${status}).`, {
        status: Number(status),
      });
    throw new CalDavError("MALFORMED", "The calendar server sent an answer that could not be read.");
  }
}

/**
 * The reads the busy-time refresh needs, through tsdav with our guarded fetch. Only members
 * that are .ics resources count: iCloud also returns the collection itself in query results.
 */
export function createCalendarReader(options: ReaderOptions) {
  const fetch = createCalDavFetch({
    policy: options.policy,
    timeoutMs: options.timeoutMs,
    transport: options.transport,
    maxResponseBytes: options.maxResponseBytes,
  });
  const headers = getBasicAuthHeaders({ username: options.username, password: options.password });
  const resolve = (href: string | undefined, base: string) => new URL(href ?? "", base).href;

  const isObject = (href: string | undefined, base: string) => {
    if (!href) return false;
    try {
      return /\.ics$/i.test(new URL(resolve(href, base)).pathname);
    } catch {
      return false;
    }
  };

  /**
   * The event objects of a query or multiget. A member the server lists but does not deliver
   * (an error status other than 404, or no calendar-data) fails the read: leaving it out would
   * make a full refresh drop its busy time.
   */
  function objects(responses: DAVResponse[], base: string): RemoteObject[] {
    const out: RemoteObject[] = [];
    let missing = 0;
    for (const r of responses) {
      if (!isObject(r.href, base)) continue;
      if (!r.ok) {
        if (r.status !== 404) missing++;
        continue;
      }
      const ics = propRawText((r.props as Props | undefined)?.calendarData);
      if (ics.length === 0) {
        missing++;
        continue;
      }
      out.push({ url: resolve(r.href, base), etag: propText((r.props as Props | undefined)?.getetag) || null, ics });
    }
    if (missing > 0) throw new CalDavError("MALFORMED", `The calendar server listed ${missing} event(s) without their data.`);
    return out;
  }

  return {
    /** One PROPFIND (Depth 0): has anything changed, and where does sync start from. */
    async collectionState(url: string): Promise<{ ctag: string | null; syncToken: string | null }> {
      const [state] = await typed(() => propfind({ url, depth: "0", headers, fetch, props: { "cs:getctag": {}, "d:sync-token": {} } }));
      if (!state?.ok)
        throw new CalDavError(
          state?.status === 404 ? "NOT_FOUND" : "SERVER",
          `The calendar did not answer (HTTP ${state?.status ?? "?"}).`,
          { status: state?.status },
        );
      const props = (state.props ?? {}) as Props;
      return { ctag: propText(props.getctag) || null, syncToken: propText(props.syncToken) || null };
    },

    /**
     * One PROPFIND (Depth 1) of a calendar home: every collection's ctag and sync token at once,
     * keyed by its URL (resolved against the home). One request per account tells which of its
     * calendars changed; members that are not collections with a ctag or token (iCloud's inbox,
     * outbox, notifications) are left out. A home that does not answer 207 is an error.
     */
    async homeStates(homeUrl: string): Promise<Map<string, { ctag: string | null; syncToken: string | null }>> {
      const responses = await typed(() =>
        propfind({ url: homeUrl, depth: "1", headers, fetch, props: { "cs:getctag": {}, "d:sync-token": {} } }),
      );
      const home = responses.find((r) => r.href && samePath(resolve(r.href, homeUrl), homeUrl));
      if (home && !home.ok && (home.status === 404 || home.status === 403)) {
        throw new CalDavError(home.status === 404 ? "NOT_FOUND" : "FORBIDDEN", `The calendar home did not answer (HTTP ${home.status}).`, {
          status: home.status,
        });
      }
      const out = new Map<string, { ctag: string | null; syncToken: string | null }>();
      for (const r of responses) {
        if (!r.href || !r.ok) continue;
        const url = resolve(r.href, homeUrl);
        if (samePath(url, homeUrl)) continue;
        const props = (r.props ?? {}) as Props;
        const ctag = propText(props.getctag) || null;
        const syncToken = propText(props.syncToken) || null;
        if (ctag === null && syncToken === null) continue;
        out.set(collectionKey(url), { ctag, syncToken });
      }
      return out;
    },

    /** Every event object overlapping [start, end): one calendar-query with a VEVENT time-range filter. */
    async queryRange(url: string, range: { start: number; end: number }): Promise<RemoteObject[]> {
      const stamp = (ms: number) =>
        new Date(ms)
          .toISOString()
          .replace(/[-:]/g, "")
          .replace(/\.\d{3}/, "");
      const responses = await typed(() =>
        calendarQuery({
          url,
          depth: "1",
          headers,
          fetch,
          props: EVENT_DATA,
          filters: {
            "comp-filter": {
              _attributes: { name: "VCALENDAR" },
              "comp-filter": {
                _attributes: { name: "VEVENT" },
                "time-range": { _attributes: { start: stamp(range.start), end: stamp(range.end) } },
              },
            },
          },
        }),
      );
      return objects(responses, url);
    },

    /** RFC 6578 sync-collection from a token; "invalid-token" when the server no longer knows it. */
    async syncChanges(url: string, token: string): Promise<SyncChanges | "invalid-token"> {
      const responses = await typed(() =>
        syncCollection({ url, headers, fetch, syncLevel: 1, syncToken: token, props: { "d:getetag": {} } }),
      );
      const first = responses[0];
      // RFC 6578 §3.2: an unknown or expired token is a 403/409 with valid-sync-token (some send 412).
      if (responses.length === 1 && first && !first.ok && [403, 409, 412].includes(first.status ?? 0)) return "invalid-token";
      const raw = (first?.raw as { multistatus?: Props } | undefined)?.multistatus;
      const next = propText(raw?.syncToken);
      if (!next) throw new CalDavError("MALFORMED", "The calendar's change report had no sync token.");
      const changed: SyncChanges["changed"] = [];
      const deleted: string[] = [];
      for (const r of responses) {
        if (!isObject(r.href, url)) continue;
        const href = resolve(r.href, url);
        if (r.status === 404) deleted.push(href);
        else if (r.ok) changed.push({ url: href, etag: propText((r.props as Props | undefined)?.getetag) || null });
      }
      return { changed, deleted, token: next };
    },

    /** The data of the given members in one calendar-multiget. */
    async multiGet(url: string, hrefs: string[]): Promise<RemoteObject[]> {
      if (hrefs.length === 0) return [];
      const paths = hrefs.map((h) => new URL(h).pathname);
      const responses = await typed(() => calendarMultiGet({ url, depth: "1", headers, fetch, props: EVENT_DATA, objectUrls: paths }));
      return objects(responses, url);
    },
  };
}

export type CalendarReader = ReturnType<typeof createCalendarReader>;

/**
 * How homeStates keys a collection: its decoded path with one trailing slash. iCloud hands out
 * calendar URLs on a partition host while answering on either host, so the host is left out.
 */
export function collectionKey(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return url;
  }
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep it encoded
  }
  return path.replace(/\/*$/, "/");
}

function samePath(a: string, b: string): boolean {
  return collectionKey(a) === collectionKey(b);
}
