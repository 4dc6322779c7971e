// Calendar Settings > Sync with iCloud: who may change a member's sync options, what is stored
// and audited, and the banner of undone iCloud changes (dismissed by its member only).
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { SyncOptionsSchema } from "@/lib/connections/schemas";
import { getSyncOptions, saveSyncOptions } from "@/lib/connections/sync-options";
import { db } from "@/lib/db";
import { dismissICloudNotices, listICloudNotices } from "@/lib/sync/two-way/notices";
import { createOrganization, createUser } from "../support/factories";

const actorOf = (u: { id: string; organizationId: string; name: string; email: string; role: "ADMIN" | "STAFF" }): Actor => ({
  userId: u.id,
  organizationId: u.organizationId,
  role: u.role,
  name: u.name,
  email: u.email,
});

async function team() {
  const org = await createOrganization();
  const admin = await createUser({ organizationId: org.id, role: "ADMIN" });
  const staff = await createUser({ organizationId: org.id });
  const colleague = await createUser({ organizationId: org.id });
  const other = await createOrganization();
  const outsider = await createUser({ organizationId: other.id, role: "ADMIN" });
  return { org, admin, staff, colleague, outsider };
}

const input = (userId: string, fields: Record<string, unknown>) => SyncOptionsSchema.parse({ userId, ...fields });

describe("sync options", () => {
  it("default to one-way, restore on delete, and blocked time copied", async () => {
    const t = await team();
    expect(await getSyncOptions({ actor: actorOf(t.staff), userId: t.staff.id })).toEqual({
      syncDirection: "ONE_WAY",
      onICloudDelete: "RESTORE",
      copyBlockedTimeToICloud: true,
    });
  });

  it("a member sets their own; an admin sets any member of the organization; both audited", async () => {
    const t = await team();
    await saveSyncOptions({
      actor: actorOf(t.staff),
      input: input(t.staff.id, { syncDirection: "TWO_WAY", onICloudDelete: "CANCEL", copyBlockedTimeToICloud: "on" }),
    });
    expect(
      await db.user.findUniqueOrThrow({
        where: { id: t.staff.id },
        select: { syncDirection: true, onICloudDelete: true, copyBlockedTimeToICloud: true },
      }),
    ).toEqual({
      syncDirection: "TWO_WAY",
      onICloudDelete: "CANCEL",
      copyBlockedTimeToICloud: true,
    });
    await saveSyncOptions({
      actor: actorOf(t.admin),
      input: input(t.staff.id, { syncDirection: "ONE_WAY", copyBlockedTimeToICloud: null }),
    });
    expect(await getSyncOptions({ actor: actorOf(t.admin), userId: t.staff.id })).toEqual({
      syncDirection: "ONE_WAY",
      onICloudDelete: "RESTORE",
      copyBlockedTimeToICloud: false,
    });
    const audit = await db.auditEvent.findMany({
      where: { subjectUserId: t.staff.id, action: "sync_options.saved" },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => [a.actorId, (a.details as { syncDirection: string }).syncDirection])).toEqual([
      [t.staff.id, "TWO_WAY"],
      [t.admin.id, "ONE_WAY"],
    ]);
  });

  it("refuses staff changing a colleague, and anyone of another organization, changing nothing", async () => {
    const t = await team();
    await expect(
      saveSyncOptions({ actor: actorOf(t.staff), input: input(t.colleague.id, { syncDirection: "TWO_WAY" }) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      saveSyncOptions({ actor: actorOf(t.outsider), input: input(t.staff.id, { syncDirection: "TWO_WAY" }) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getSyncOptions({ actor: actorOf(t.staff), userId: t.colleague.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getSyncOptions({ actor: actorOf(t.outsider), userId: t.staff.id })).toBeNull();
    for (const u of [t.staff, t.colleague]) {
      expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).syncDirection).toBe("ONE_WAY");
    }
    expect(
      await db.auditEvent.count({ where: { subjectUserId: { in: [t.staff.id, t.colleague.id] }, action: "sync_options.saved" } }),
    ).toBe(0);
  });

  it("rejects values outside the choices with a clear message", () => {
    const parsed = SyncOptionsSchema.safeParse({ userId: "u", syncDirection: "BOTH" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.flatten().fieldErrors.syncDirection).toEqual(["Choose a sync direction."]);
  });

  it("the banner lists a member's undone iCloud changes until they dismiss them; nobody else can", async () => {
    const t = await team();
    const line = (userId: string, needsAttention: boolean, detail: string) =>
      db.syncActivity.create({
        data: {
          organizationId: t.org.id,
          userId,
          operation: "icloud-move",
          outcome: needsAttention ? "undone" : "applied",
          detail,
          needsAttention,
        },
      });
    const mine = await line(t.staff.id, true, "Moved in iCloud to Friday, which was not applied: busy.");
    await line(t.staff.id, false, "Moved in iCloud: rescheduled.");
    const theirs = await line(t.colleague.id, true, "Not yours.");
    expect((await listICloudNotices(actorOf(t.staff))).map((n) => n.id)).toEqual([mine.id]);
    expect(await dismissICloudNotices({ actor: actorOf(t.staff), ids: [theirs.id] })).toBe(0);
    expect(await dismissICloudNotices({ actor: actorOf(t.admin), ids: [mine.id] })).toBe(0);
    expect(await dismissICloudNotices({ actor: actorOf(t.staff), ids: [mine.id] })).toBe(1);
    expect(await listICloudNotices(actorOf(t.staff))).toEqual([]);
    expect((await listICloudNotices(actorOf(t.colleague))).map((n) => n.id)).toEqual([theirs.id]);
  });
});
