"use server";

// Every action checks the session itself and the domain checks the permission: staff edit their
// own hours, admins anyone in their organization. The user id in the form is never trusted alone.
import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions";
import type { FormState } from "@/lib/auth/form-state";
import { assertStaff } from "@/lib/auth/session";
import { removeWorkingHoursOverride, saveWorkingHours, setWorkingHoursOverride } from "@/lib/team/working-hours";
import { OverrideSchema, RemoveOverrideSchema, WeeklyHoursSchema } from "@/lib/team/working-hours-schemas";

function invalid(fieldErrors: Record<string, string[] | undefined>): FormState {
  return { ok: false, message: "Check the highlighted fields.", fieldErrors };
}

function intervals(formData: FormData, suffix: string) {
  const starts = formData.getAll(`start${suffix}`).map(String);
  const ends = formData.getAll(`end${suffix}`).map(String);
  return starts.map((start, i) => ({ start, end: ends[i] ?? "" }));
}

function refresh(userId: string) {
  revalidatePath("/settings/profile/hours");
  revalidatePath(`/admin/team/${userId}`);
}

export async function saveWorkingHoursAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("save-working-hours", async () => {
    const actor = await assertStaff();
    const parsed = WeeklyHoursSchema.safeParse({
      userId: formData.get("userId"),
      timeZone: formData.get("timeZone"),
      // A day without intervals is a day off.
      days: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, intervals: intervals(formData, `-${weekday}`) })),
    });
    if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors);
    await saveWorkingHours({ actor, input: parsed.data });
    refresh(parsed.data.userId);
    return { ok: true, message: "Working hours updated." };
  });
}

export async function setOverrideAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("set-working-hours-override", async () => {
    const actor = await assertStaff();
    const parsed = OverrideSchema.safeParse({
      userId: formData.get("userId"),
      date: formData.get("date"),
      kind: formData.get("kind"),
      intervals: intervals(formData, ""),
    });
    if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors);
    await setWorkingHoursOverride({ actor, input: parsed.data });
    refresh(parsed.data.userId);
    return { ok: true, message: "Saved for that date." };
  });
}

export async function removeOverrideAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("remove-working-hours-override", async () => {
    const actor = await assertStaff();
    const parsed = RemoveOverrideSchema.safeParse({ userId: formData.get("userId"), date: formData.get("date") });
    if (!parsed.success) return { ok: false, message: "Choose a date to remove." };
    await removeWorkingHoursOverride({ actor, ...parsed.data });
    refresh(parsed.data.userId);
    return { ok: true, message: "Removed; the weekly hours apply to that date again." };
  });
}
