"use server";

// Blocked time on /calendar. Server actions are public POST endpoints: each checks the session,
// and the domain (lib/blocked-time) checks whose time it is.
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions";
import type { FormState } from "@/lib/auth/form-state";
import { assertStaff } from "@/lib/auth/session";
import { createBlockedTime, deleteBlockedTime, updateBlockedTime } from "@/lib/blocked-time/blocked-time";
import { BlockedTimeDeleteSchema, BlockedTimeSchema } from "@/lib/blocked-time/schemas";

const FIELDS = ["userId", "title", "allDay", "startDate", "startTime", "endDate", "endTime", "repeatWeeklyUntil"] as const;

function read(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of FIELDS) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

function invalid(fieldErrors: Record<string, string[] | undefined>, values: Record<string, string>): FormState {
  return { ok: false, message: "Check the highlighted fields.", fieldErrors, values };
}

export async function blockTimeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = read(formData);
  return runAction(
    "block-time",
    async () => {
      const actor = await assertStaff();
      const parsed = BlockedTimeSchema.safeParse(values);
      if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors, values);
      const { ids } = await createBlockedTime({ actor, input: parsed.data });
      revalidatePath("/calendar");
      return { ok: true, message: ids.length === 1 ? "Time blocked." : `Time blocked on ${ids.length} days.` };
    },
    values,
  );
}

export async function updateBlockedTimeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = read(formData);
  return runAction(
    "update-blocked-time",
    async () => {
      const actor = await assertStaff();
      const blockedTimeId = String(formData.get("blockedTimeId") ?? "");
      const parsed = BlockedTimeSchema.safeParse(values);
      if (!blockedTimeId) return { ok: false, message: "Choose the blocked time to change." };
      if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors, values);
      await updateBlockedTime({ actor, blockedTimeId, input: parsed.data });
      revalidatePath("/calendar");
      return { ok: true, message: "Blocked time saved." };
    },
    values,
  );
}

export async function deleteBlockedTimeAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("delete-blocked-time", async () => {
    const actor = await assertStaff();
    const parsed = BlockedTimeDeleteSchema.safeParse({
      blockedTimeId: formData.get("blockedTimeId"),
      scope: formData.get("scope") ?? undefined,
    });
    if (!parsed.success) return { ok: false, message: "Choose the blocked time to delete." };
    const count = await deleteBlockedTime({ actor, ...parsed.data });
    revalidatePath("/calendar");
    return { ok: true, message: count === 1 ? "Blocked time deleted." : `${count} blocked times deleted.` };
  });
}
