import { expect, type Page } from "@playwright/test";

// The iCloud-shaped proxy's control API (tests/fixtures/icloud-proxy/control.ts), started by scripts/e2e.ts.
const base = () => {
  const url = process.env.E2E_PROXY_URL;
  if (!url) throw new Error("E2E_PROXY_URL is not set: run the e2e layer through scripts/e2e.ts");
  return `${url.replace(/\/$/, "")}/__proxy`;
};

export interface ProxyAccount {
  appleId: string;
  username: string;
  password: string;
  dsid: string;
}

export async function createICloudAccount(): Promise<ProxyAccount> {
  const res = await fetch(`${base()}/accounts`, { method: "POST", body: "{}" });
  if (!res.ok) throw new Error(`proxy: ${res.status} ${await res.text()}`);
  return (await res.json()) as ProxyAccount;
}

export async function setReadOnly(path: string): Promise<void> {
  await fetch(`${base()}/read-only`, { method: "PUT", body: JSON.stringify({ path }) });
}

/** Makes every request for this account's paths answer 401, as after an Apple ID password change. */
export async function revokeAccount(account: ProxyAccount): Promise<number> {
  const res = await fetch(`${base()}/faults`, {
    method: "POST",
    body: JSON.stringify({ match: { pathRegex: `^/${account.dsid}/` }, fault: { kind: "unauthorized" } }),
  });
  return ((await res.json()) as { id: number }).id;
}

export async function removeFault(id: number): Promise<void> {
  await fetch(`${base()}/faults/${id}`, { method: "DELETE" });
}

/** Connects iCloud through the UI, as a staff member would. */
export async function connect(page: Page, account: Pick<ProxyAccount, "appleId" | "password">) {
  await page.goto("/settings/profile/calendars");
  await page.getByRole("button", { name: "Add new calendar connection" }).click();
  await expect(page.getByText("iCloud Calendar", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByLabel("iCloud email").fill(account.appleId);
  await page.getByLabel("App-specific password").fill(account.password);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
}

/** Writes an event straight into the account's iCloud calendar (through the proxy, as iCloud). */
export async function putEvent(account: ProxyAccount, calendar: string, fileName: string, ics: string): Promise<void> {
  const url = `${process.env.E2E_PROXY_URL!.replace(/\/$/, "")}/${account.dsid}/calendars/${calendar}/${fileName}`;
  const res = await fetch(url, {
    method: "PUT",
    headers: {
      authorization: `Basic ${Buffer.from(`${account.appleId}:${account.password}`).toString("base64")}`,
      "content-type": "text/calendar; charset=utf-8",
    },
    body: ics,
  });
  if (res.status >= 300) throw new Error(`PUT ${url}: ${res.status}`);
}
