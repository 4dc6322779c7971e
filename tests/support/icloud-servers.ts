// Radicale behind the iCloud-shaped proxy for one test file, with CalDAV settings pointing at it.
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createHostPolicy } from "@/lib/caldav/allow-list";
import type { CalDavSettings } from "@/lib/connections/config";
import { startIcloudProxy, type IcloudProxy } from "../fixtures/icloud-proxy";
import { startRadicale, type RadicaleServer } from "./radicale";

export interface ICloudServers {
  radicale: RadicaleServer;
  proxy: IcloudProxy;
  settings: CalDavSettings;
}

/**
 * Starts the servers before the file's tests, stops them after, and clears the proxy's faults
 * and counters before each test. `use` receives them once started (assign them to the file's
 * own variables).
 */
export function withICloudServers(use: (servers: ICloudServers) => void): void {
  let servers: Partial<ICloudServers> = {};
  beforeAll(async () => {
    const radicale = await startRadicale();
    servers.radicale = radicale; // stopped by afterAll even if the proxy fails to start
    const proxy = await startIcloudProxy({ radicale });
    servers = {
      radicale,
      proxy,
      settings: { serverUrl: proxy.entryUrl, policy: createHostPolicy(proxy.entryUrl, "127.0.0.1"), timeoutMs: 5000 },
    };
    use(servers as ICloudServers);
  });
  afterAll(async () => {
    await servers.proxy?.close();
    await servers.radicale?.stop();
  });
  beforeEach(() => servers.proxy?.reset());
}
