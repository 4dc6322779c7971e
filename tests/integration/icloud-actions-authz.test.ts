// Server actions are public POST endpoints: each must check the session and the permission itself.
// Calls the actions of the calendar settings page directly with a chosen session (next-auth's auth()
// mocked), against the real PostgreSQL and Radicale behind the iCloud-shaped proxy.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/lib/auth/form-state";
import type { Actor } from "@/lib/auth/session";
import { startIcloudProxy, type IcloudProxy } from "../fixtures/icloud-proxy";
import { startRadicale, type RadicaleServer } from "../support/radicale";

type User = { id: string; organizationId: string; role: "ADMIN" | "STAFF"; name: string; email: string };

const session = vi.hoisted(() => ({
  user: null as null | { id: string; organizationId: string; role: string; name: string; email: string },
}));
vi.mock("@/lib/auth/config", () => ({
  auth: async () => (session.user ? { user: { ...session.user }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
}));
const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath, revalidateTag: vi.fn() }));

// lib/env reads ICLOUD_CALDAV_URL once, at first import, and the proxy's port is known only once it
// runs: everything that imports lib/env is loaded after beforeAll has set the environment.
let actions: typeof import("@/components/calendar-settings/actions");
let db: typeof import("@/lib/db").db;
let factories: typeof import("../support/factories");
let connectICloud: typeof import("@/lib/connections/connect").connectICloud;
let radicale: RadicaleServer;
let proxy: IcloudProxy;
const savedEnv = { url: process.env.ICLOUD_CALDAV_URL, hosts: process.env.CALDAV_ALLOWED_HOSTS };

beforeAll(async () => {
  radicale = await startRadicale();
  proxy = await startIcloudProxy({ radicale });
  process.env.ICLOUD_CALDAV_URL = proxy.entryUrl;
  process.env.CALDAV_ALLOWED_HOSTS = "127.0.0.1";
  actions = await import("@/components/calendar-settings/actions");
  ({ db } = await import("@/lib/db"));
  ({ connectICloud } = await import("@/lib/connections/connect"));
  factories = await import("../support/factories");
  const { calDavSettings } = await import("@/lib/connections/config");
  expect(calDavSettings().serverUrl).toBe(proxy.entryUrl);
});
afterAll(async () => {
  for (const [key, value] of [
    ["ICLOUD_CALDAV_URL", savedEnv.url],
    ["CALDAV_ALLOWED_HOSTS", savedEnv.hosts],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await proxy?.close();
  await radicale?.stop();
});
beforeEach(() => {
  proxy.reset();
  revalidatePath.mockClear();
  session.user = null;
});

const actorOf = (u: User): Actor => ({ userId: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email });
const signIn = (u: User | null) => {
  session.user = u && { id: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email };
};

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

/** Staff A with a connected account; staff B and an admin in A's organization; an admin of another one. */
async function world() {
  const org = await factories.createOrganization();
  const elsewhere = await factories.createOrganization();
  const a = await factories.createUser({ organizationId: org.id });
  const b = await factories.createUser({ organizationId: org.id });
  const admin = await factories.createUser({ organizationId: org.id, role: "ADMIN" });
  const foreignAdmin = await factories.createUser({ organizationId: elsewhere.id, role: "ADMIN" });
  const account = await proxy.createAccount();
  // No settings: the default calDavSettings() from the environment, as the actions use it.
  const { connectionId } = await connectICloud({ actor: actorOf(a), appleId: account.appleId, appSpecificPassword: account.password });
  const home = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Home" } });
  const work = await db.externalCalendar.findFirstOrThrow({ where: { connectionId, displayName: "Work" } });
  proxy.reset();
  const forms = {
    connect: () => form({ appleId: "someone@icloud.test", appSpecificPassword: account.password }),
    reconnect: () => form({ connectionId, appSpecificPassword: account.password }),
    disconnect: () => form({ connectionId, removeEvents: "remove" }),
    refresh: () => form({ connectionId }),
    configure: () => form({ userId: a.id, primaryCalendarId: home.id, conflictCalendarIds: [work.id] }),
  };
  return { a, b, admin, foreignAdmin, account, connectionId, home, work, forms, actors: { b, admin, foreignAdmin } };
}

/** Everything an action could change for a user; equal before and after a refused call. */
async function snapshot(userId: string) {
  const [connections, audits, changes] = await Promise.all([
    db.calendarConnection.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      include: { calendars: { orderBy: { url: "asc" } } },
    }),
    db.auditEvent.findMany({ where: { OR: [{ subjectUserId: userId }, { actorId: userId }] }, orderBy: { id: "asc" } }),
    db.primaryCalendarChange.findMany({ where: { userId }, orderBy: { id: "asc" } }),
  ]);
  return { connections, audits, changes };
}

function expectRefused(result: FormState, codes: string[]) {
  expect(result).toMatchObject({ ok: false });
  expect(codes).toContain((result as { code?: string }).code);
}

/** A success is `{ ok: true }` or, for actions whose page changes, Next's redirect (thrown). */
async function succeeded(promise: Promise<FormState>): Promise<void> {
  const outcome = await promise.catch((e: unknown) => e);
  if (outcome && typeof outcome === "object" && "digest" in outcome) {
    expect(String(outcome.digest)).toMatch(/^NEXT_REDIRECT/);
  } else {
    expect(outcome).toMatchObject({ ok: true });
  }
}

async function redirectOf(promise: Promise<unknown>): Promise<{ digest: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT/) });
  return error as { digest: string };
}

type ActionName = "connect" | "reconnect" | "disconnect" | "refresh" | "configure";
const call = (name: ActionName, data: FormData): Promise<FormState> => {
  const byName = {
    connect: actions.connectAction,
    reconnect: actions.reconnectAction,
    disconnect: actions.disconnectAction,
    refresh: actions.refreshCalendarsAction,
    configure: actions.saveConfigurationAction,
  };
  return byName[name](null, data);
};

describe("anonymous", () => {
  it.each<ActionName>(["connect", "reconnect", "disconnect", "refresh", "configure"])(
    "%s → UNAUTHENTICATED, nothing changed",
    async (name) => {
      const w = await world();
      const before = await snapshot(w.a.id);
      signIn(null);
      expect(await call(name, w.forms[name]())).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      expect(await snapshot(w.a.id)).toEqual(before);
      expect(await db.calendarConnection.count({ where: { appleId: "someone@icloud.test" } })).toBe(0);
      expect(proxy.stats().requests).toBe(0);
      expect(revalidatePath).not.toHaveBeenCalled();
    },
  );
});

describe("someone else than the owner", () => {
  // Reconnect and disconnect belong to the owner alone, even for an admin: they handle the owner's Apple ID.
  const ownerOnly: Array<[ActionName, "b" | "admin" | "foreignAdmin"]> = [
    ["reconnect", "b"],
    ["reconnect", "admin"],
    ["reconnect", "foreignAdmin"],
    ["disconnect", "b"],
    ["disconnect", "admin"],
    ["disconnect", "foreignAdmin"],
  ];
  const adminOfSameOrg: Array<[ActionName, "b" | "admin" | "foreignAdmin"]> = [
    ["refresh", "b"],
    ["refresh", "foreignAdmin"],
    ["configure", "b"],
    ["configure", "foreignAdmin"],
  ];

  it.each([...ownerOnly, ...adminOfSameOrg])("%s of A's connection by %s is refused, nothing changed", async (name, who) => {
    const w = await world();
    const before = await snapshot(w.a.id);
    signIn(w.actors[who]);
    expectRefused(await call(name, w.forms[name]()), ["FORBIDDEN", "NOT_FOUND"]);
    expect(await snapshot(w.a.id)).toEqual(before);
    expect(proxy.stats().requests).toBe(0); // not even a login attempt on A's Apple ID
    expect(revalidatePath).not.toHaveBeenCalled();
  });

  it("staff B cannot put A's calendars into B's own configuration", async () => {
    const w = await world();
    const before = await snapshot(w.a.id);
    signIn(w.b);
    const result = await call("configure", form({ userId: w.b.id, primaryCalendarId: w.home.id, conflictCalendarIds: [w.work.id] }));
    expectRefused(result, ["INVALID_INPUT", "FORBIDDEN", "NOT_FOUND"]);
    expect(await snapshot(w.a.id)).toEqual(before);
  });

  it("connect always acts for the signed-in user, whatever user id the form carries", async () => {
    const w = await world();
    const account = await proxy.createAccount();
    signIn(w.b);
    const data = form({ appleId: account.appleId, appSpecificPassword: account.password, userId: w.a.id });
    await redirectOf(call("connect", data));
    const rows = await db.calendarConnection.findMany({ where: { appleId: account.appleId } });
    expect(rows.map((r) => r.userId)).toEqual([w.b.id]);
  });
});

describe("an admin of A's organization", () => {
  it("saves A's configuration", async () => {
    const w = await world();
    signIn(w.admin);
    expect(await call("configure", w.forms.configure())).toMatchObject({ ok: true });
    expect(await db.externalCalendar.findUniqueOrThrow({ where: { id: w.home.id } })).toMatchObject({
      isPrimary: true,
      checkConflicts: true,
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { subjectUserId: w.a.id, action: "calendars.configured" } });
    expect(audit.actorId).toBe(w.admin.id);
    expect(await db.primaryCalendarChange.findFirstOrThrow({ where: { userId: w.a.id } })).toMatchObject({ changedById: w.admin.id });
  });

  it("refreshes A's calendars", async () => {
    const w = await world();
    signIn(w.admin);
    expect(await call("refresh", w.forms.refresh())).toMatchObject({ ok: true, message: "Calendars are up to date." });
    expect(proxy.stats().requests).toBeGreaterThan(0);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { subjectUserId: w.a.id, action: "connection.calendars_refreshed" } });
    expect(audit.actorId).toBe(w.admin.id);
  });
});

describe("A on A's own connection", () => {
  it("connects another Apple ID and is redirected to the configuration", async () => {
    const w = await world();
    const account = await proxy.createAccount();
    signIn(w.a);
    const redirect = await redirectOf(
      call("connect", form({ appleId: account.appleId.toUpperCase(), appSpecificPassword: account.password.toUpperCase() })),
    );
    expect(redirect.digest).toContain("/settings/profile/calendars?connected=1");
    expect(revalidatePath).toHaveBeenCalledWith("/settings/profile/calendars");
    const row = await db.calendarConnection.findFirstOrThrow({ where: { appleId: account.appleId } });
    expect(row).toMatchObject({ userId: w.a.id, status: "ACTIVE" });
  });

  it("refreshes, saves the configuration, reconnects and disconnects", async () => {
    const w = await world();
    signIn(w.a);
    expect(await call("refresh", w.forms.refresh())).toMatchObject({ ok: true });
    expect(await call("configure", w.forms.configure())).toMatchObject({ ok: true });
    expect(await db.externalCalendar.findUniqueOrThrow({ where: { id: w.home.id } })).toMatchObject({ isPrimary: true });
    const reconnected = await call("reconnect", w.forms.reconnect());
    expect(reconnected).toMatchObject({ ok: true, message: expect.stringContaining("Reconnected") });
    expect(await db.externalCalendar.findUniqueOrThrow({ where: { id: w.home.id } })).toMatchObject({ isPrimary: true });
    await succeeded(call("disconnect", w.forms.disconnect()));
    const row = await db.calendarConnection.findUniqueOrThrow({ where: { id: w.connectionId } });
    expect(row).toMatchObject({ status: "DISCONNECTED", passwordCiphertext: null, removeEventsOnDisconnect: true });
    expect(revalidatePath).toHaveBeenCalledTimes(4);
  });
});
