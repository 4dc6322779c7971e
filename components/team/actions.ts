"use server";

// Admin > Team. Every action checks the session and the permission itself (the domain functions
// refuse non-admins and other organizations' members): server actions are public POST endpoints.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions";
import type { FormState } from "@/lib/auth/form-state";
import { assertStaff } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { InviteSchema } from "@/lib/team/account-schemas";
import { createInvitation, resendInvitation, revokeInvitation } from "@/lib/team/invitations";
import { cancelMemberAppointment, changeRole, deactivateMember, reactivateMember, reassignAppointment } from "@/lib/team/members";

const Id = z.string().trim().min(1).max(64);

function field(formData: FormData, name: string): string {
  const parsed = Id.safeParse(formData.get(name));
  if (!parsed.success) throw new AppError("INVALID_INPUT", "The form is incomplete. Reload the page and try again.");
  return parsed.data;
}

function refresh(userId?: string) {
  revalidatePath("/admin/team");
  if (userId) revalidatePath(`/admin/team/${userId}`);
}

export async function changeRoleAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("team-change-role", async () => {
    const actor = await assertStaff();
    const userId = field(formData, "userId");
    const role = z.enum(["ADMIN", "STAFF"]).safeParse(formData.get("role"));
    if (!role.success) return { ok: false, message: "Choose Admin or Staff.", fieldErrors: { role: ["Choose Admin or Staff."] } };
    const { changed } = await changeRole({ actor, userId, role: role.data });
    refresh(userId);
    return {
      ok: true,
      message: changed ? `Role changed to ${role.data === "ADMIN" ? "Admin" : "Staff"}. Their open sessions ended.` : "Nothing to change.",
    };
  });
}

export async function deactivateMemberAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("team-deactivate", async () => {
    const actor = await assertStaff();
    const userId = field(formData, "userId");
    await deactivateMember({ actor, userId, removeEvents: formData.get("removeEvents") === "on" });
    refresh(userId);
    return { ok: true, message: "Deactivated. Reassign or cancel their future appointments below." };
  });
}

export async function reactivateMemberAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("team-reactivate", async () => {
    const actor = await assertStaff();
    const userId = field(formData, "userId");
    await reactivateMember({ actor, userId });
    refresh(userId);
    return { ok: true, message: "Reactivated. They can sign in again and reconnect their iCloud calendar." };
  });
}

export async function reassignAppointmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("team-reassign", async () => {
    const actor = await assertStaff();
    const fromUserId = field(formData, "fromUserId");
    const appointmentId = field(formData, "appointmentId");
    const toUserId = Id.safeParse(formData.get("toUserId"));
    if (!toUserId.success)
      return { ok: false, message: "Choose who takes it over.", fieldErrors: { toUserId: ["Choose who takes it over."] } };
    await reassignAppointment({ actor, appointmentId, fromUserId, toUserId: toUserId.data });
    refresh(fromUserId);
    return { ok: true, message: "Reassigned. The customer and the new member are emailed." };
  });
}

export async function cancelMemberAppointmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("team-cancel-appointment", async () => {
    const actor = await assertStaff();
    const appointmentId = field(formData, "appointmentId");
    await cancelMemberAppointment({ actor, appointmentId });
    refresh(String(formData.get("fromUserId") ?? "") || undefined);
    return { ok: true, message: "Cancelled. The customer is emailed." };
  });
}

export async function inviteMemberAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = {
    name: String(formData.get("name") ?? ""),
    email: String(formData.get("email") ?? ""),
    role: String(formData.get("role") ?? ""),
    timeZone: String(formData.get("timeZone") ?? ""),
  };
  return runAction(
    "team-invite",
    async () => {
      const actor = await assertStaff();
      if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "Only administrators can invite team members.");
      const parsed = InviteSchema.safeParse(values);
      if (!parsed.success)
        return { ok: false, message: "Check the highlighted fields.", fieldErrors: parsed.error.flatten().fieldErrors, values };
      const { url } = await createInvitation({ actor, input: parsed.data });
      refresh();
      return { ok: true, message: `Invitation sent to ${parsed.data.email}.`, data: { url } };
    },
    values,
  );
}

export async function resendInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("team-resend-invitation", async () => {
    const actor = await assertStaff();
    const { url } = await resendInvitation({ actor, invitationId: field(formData, "invitationId") });
    refresh();
    return { ok: true, message: "Sent again with a new link; the earlier link no longer works.", data: { url } };
  });
}

export async function revokeInvitationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("team-revoke-invitation", async () => {
    const actor = await assertStaff();
    await revokeInvitation({ actor, invitationId: field(formData, "invitationId") });
    refresh();
    return { ok: true, message: "Revoked." };
  });
}
