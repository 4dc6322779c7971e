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
