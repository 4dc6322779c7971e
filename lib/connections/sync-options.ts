import { recordAudit } from "@/lib/audit";
import { assertCanManageUser } from "@/lib/auth/rules";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { enqueueBlockedTimePushForUser } from "@/lib/connections/member-pushes";
import type { SyncOptionsInput } from "./schemas";

export interface SyncOptionsView {
  syncDirection: "ONE_WAY" | "TWO_WAY";
  onICloudDelete: "RESTORE" | "CANCEL";
  copyBlockedTimeToICloud: boolean;
}

/** A member's sync options, for themselves or an admin of their organization. */
export async function getSyncOptions(options: { actor: Actor; userId: string }): Promise<SyncOptionsView | null> {
  const target = await db.user.findFirst({
    where: { id: options.userId, organizationId: options.actor.organizationId },
    select: { id: true, organizationId: true, syncDirection: true, onICloudDelete: true, copyBlockedTimeToICloud: true },
  });
  if (!target) return null;
  assertCanManageUser(options.actor, target);
  return {
    syncDirection: target.syncDirection,
    onICloudDelete: target.onICloudDelete,
    copyBlockedTimeToICloud: target.copyBlockedTimeToICloud,
  };
}

/**
 * Saves how a member's CRM events sync with iCloud. Staff set their own; admins anyone in their
 * organization. Turning "Copy blocked time to iCloud" on or off writes or removes the member's
 * future blocked time in iCloud (through the push jobs, in this transaction).
 */
export async function saveSyncOptions(options: { actor: Actor; input: SyncOptionsInput }): Promise<void> {
  const { actor, input } = options;
  const target = await db.user.findFirst({
    where: { id: input.userId, organizationId: actor.organizationId },
    select: { id: true, organizationId: true, syncDirection: true, onICloudDelete: true, copyBlockedTimeToICloud: true },
  });
  assertCanManageUser(actor, target);
  const before = target!;
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: before.id },
      data: {
        syncDirection: input.syncDirection,
        onICloudDelete: input.onICloudDelete,
        copyBlockedTimeToICloud: input.copyBlockedTimeToICloud,
      },
    });
    if (before.copyBlockedTimeToICloud !== input.copyBlockedTimeToICloud) await enqueueBlockedTimePushForUser(tx, before.id);
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      subjectUserId: before.id,
      action: "sync_options.saved",
      details: {
        syncDirection: input.syncDirection,
        onICloudDelete: input.onICloudDelete,
        copyBlockedTimeToICloud: input.copyBlockedTimeToICloud,
      },
    });
  });
}
