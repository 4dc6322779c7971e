import { fetchHomeUrl, fetchPrincipalUrl, getBasicAuthHeaders, propfind, type DAVResponse } from "tsdav";
import { assertAllowedUrl, type HostPolicy } from "./allow-list";
import { CalDavError, isCalDavError } from "./errors";
import { createCalDavFetch } from "./http";
import { asArray, propText as text, type Props } from "./props";

export interface DiscoveredCalendar {
  url: string;
  displayName: string;
  color: string | null;
  order: number | null;
  components: string[];
  readOnly: boolean;
  ctag: string | null;
  syncToken: string | null;
}

export interface DiscoveredAccount {
  principalUrl: string;
  homeUrl: string;
  /** VEVENT-capable calendars only; VTODO-only lists and scheduling collections are left out. */
  calendars: DiscoveredCalendar[];
}

export interface DiscoverOptions {
  serverUrl: string;
  username: string;
  password: string;
  policy: HostPolicy;
  timeoutMs?: number;
  transport?: typeof fetch;
}

/**
 * Logs in and lists the account's event calendars: current-user-principal on the entry
 * host, calendar-home-set (on iCloud a partition host), then one Depth-1 PROPFIND of the home.
 */
export async function discoverAccount(options: DiscoverOptions): Promise<DiscoveredAccount> {
  const fetch = createCalDavFetch({ policy: options.policy, timeoutMs: options.timeoutMs ?? 15_000, transport: options.transport });
  const headers = getBasicAuthHeaders({ username: options.username, password: options.password });
  const rootUrl = new URL("/", options.serverUrl).href;
  const account = { serverUrl: options.serverUrl, rootUrl, accountType: "caldav" as const, principalUrl: "", homeUrl: "" };
  try {
    account.principalUrl = await fetchPrincipalUrl({ account, headers, fetch });
    assertAllowedUrl(options.policy, account.principalUrl);
    account.homeUrl = await fetchHomeUrl({ account, headers, fetch });
    assertAllowedUrl(options.policy, account.homeUrl);
    const listing = await propfind({
      url: account.homeUrl,
      depth: "1",
      headers,
      fetch,
      props: {
        "d:displayname": {},
        "d:resourcetype": {},
        "d:current-user-privilege-set": {},
        "d:sync-token": {},
        "cs:getctag": {},
        "c:supported-calendar-component-set": {},
        "ca:calendar-color": {},
        "ca:calendar-order": {},
      },
    });
    const calendars = listing.flatMap((entry) => toCalendar(entry, account.homeUrl, options.policy));
    return { principalUrl: account.principalUrl, homeUrl: account.homeUrl, calendars };
  } catch (error) {
    if (isCalDavError(error)) throw error;
    // tsdav reports missing principal/home as plain Errors: the server is not a CalDAV account.
    throw new CalDavError("SERVER", `The calendar server's answer was not usable: ${(error as Error).message}`);
  }
}

function toCalendar(entry: DAVResponse, homeUrl: string, policy: HostPolicy): DiscoveredCalendar[] {
  const props = (entry.props ?? {}) as Props;
  const types = Object.keys((props.resourcetype as Props | undefined) ?? {});
  if (!types.includes("calendar")) return []; // the home itself, inbox, outbox, notifications
  const components = componentNames(props.supportedCalendarComponentSet);
  // An absent set means "all components" (RFC 4791 §5.2.3).
  if (components.length > 0 && !components.includes("VEVENT")) return []; // e.g. Reminders lists
  const url = new URL(entry.href ?? "", homeUrl).href;
  assertAllowedUrl(policy, url);
  return [
    {
      url,
      displayName: text(props.displayname) || "Untitled calendar",
      color: normaliseColor(text(props.calendarColor)),
      order:
        Number.isFinite(Number(text(props.calendarOrder))) && text(props.calendarOrder) !== "" ? Number(text(props.calendarOrder)) : null,
      components: components.length ? components : ["VEVENT"],
      readOnly: !canWrite(props.currentUserPrivilegeSet),
      ctag: text(props.getctag) || null,
      syncToken: text(props.syncToken) || null,
    },
  ];
}

function componentNames(set: unknown): string[] {
  const comps = asArray((set as Props | undefined)?.comp as Props | Props[] | undefined);
  return comps.map((c) => String((c?._attributes as Props | undefined)?.name ?? "").toUpperCase()).filter(Boolean);
}

function canWrite(privilegeSet: unknown): boolean {
  // No privilege set reported: assume writable and let a 403 on PUT say otherwise.
  if (privilegeSet === undefined) return true;
  const privileges = asArray((privilegeSet as Props).privilege as Props | Props[] | undefined);
  return privileges.some((p) => p && ("write" in p || "writeContent" in p || "all" in p || "bind" in p));
}

/** Apple stores "#RRGGBBAA"; browsers and people want "#RRGGBB". */
function normaliseColor(value: string): string | null {
  const match = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(value);
  return match ? `#${match[1]!.toUpperCase()}` : null;
}
