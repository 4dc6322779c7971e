import { CalDavError, redactUrl } from "./errors";

/**
 * CalDAV requests may only go to the configured base URL's host and to hosts matching the
 * allow-list ("*.icloud.com" admits iCloud's partition hosts such as p42-caldav.icloud.com).
 * A calendar home or a redirect pointing anywhere else is refused, so a hostile or
 * compromised server cannot steer the app (and the user's credentials) to another host.
 */
export interface HostPolicy {
  baseUrl: URL;
  patterns: string[];
}

export function createHostPolicy(baseUrl: string, allowedHosts: string): HostPolicy {
  return {
    baseUrl: new URL(baseUrl),
    patterns: allowedHosts
      .split(",")
      .map((p) => p.trim().toLowerCase())
      .filter(Boolean),
  };
}

function hostMatches(host: string, pattern: string): boolean {
  // A pattern may carry a port ("127.0.0.1:8443"); without one, any port on that host matches.
  const [patternHost, patternPort] = pattern.split(/:(?=\d+$)/);
  const [hostname, port] = host.split(/:(?=\d+$)/);
  if (patternPort !== undefined && patternPort !== port) return false;
  if (!patternHost || !hostname) return false;
  if (patternHost.startsWith("*.")) return hostname.endsWith(patternHost.slice(1)) && hostname.length > patternHost.length - 1;
  return hostname === patternHost;
}

export function isAllowedUrl(policy: HostPolicy, url: string | URL): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.username || target.password) return false;
  if (target.protocol !== policy.baseUrl.protocol && target.protocol !== "https:") return false;
  const host = target.host.toLowerCase();
  if (host === policy.baseUrl.host.toLowerCase()) return true;
  return policy.patterns.some((pattern) => hostMatches(host, pattern));
}

export function assertAllowedUrl(policy: HostPolicy, url: string | URL): void {
  if (!isAllowedUrl(policy, url)) {
    throw new CalDavError(
      "DISALLOWED_HOST",
      `The calendar server pointed to ${redactUrl(String(url))}, which is not an allowed CalDAV host.`,
      { url: redactUrl(String(url)) },
    );
  }
}
