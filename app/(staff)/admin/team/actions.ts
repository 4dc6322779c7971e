"use server";

// Admin > Team. Every action checks the session and the permission itself (the domain functions
// refuse non-admins and other organizations' members): server actions are public POST endpoints.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/actions";
import type { FormState } from "@/lib/auth/form-state";
import { assertStaff } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
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
    return { ok: true, message: changed ? `Role changed to ${role.data === "ADMIN" ? "Admin" : "Staff"}. Their open sessions ended.` : "Nothing to change." };
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
    if (!toUserId.success) return { ok: false, message: "Choose who takes it over.", fieldErrors: { toUserId: ["Choose who takes it over."] } };
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
