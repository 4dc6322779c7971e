"use server";

// Every action checks the session and the permission itself (lib/booking/staff.ts): server
// actions are public POST endpoints, whatever page renders their form.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { runAction } from "@/lib/actions";
import type { FormState } from "@/lib/auth/form-state";
import { assertStaff } from "@/lib/auth/session";
import { toZonedIso } from "@/lib/time-zones";
import { formatTime } from "@/lib/time-format";
import { cancelAppointmentAsStaff, listRescheduleTimes, rescheduleAppointmentAsStaff } from "@/lib/booking/staff";
import { requestPush } from "@/lib/sync/push/status";

const AppointmentIdSchema = z.object({ appointmentId: z.string().min(1).max(64) });
const TimesSchema = AppointmentIdSchema.extend({ date: z.iso.date({ message: "Choose a date." }) });
const PushSchema = AppointmentIdSchema.extend({ userId: z.string().min(1).max(64).optional() });
const RescheduleSchema = AppointmentIdSchema.extend({
  start: z.iso.datetime({ offset: true, message: "Choose one of the free times." }),
});

export interface FreeTime {
  /** ISO 8601 with the viewer's offset; sent back as the new start. */
  start: string;
  /** "14:30" in the viewer's zone. */
  label: string;
  keepsStaff: boolean;
}

export type RescheduleTimesState = FormState | { ok: true; date: string; timeZone: string; times: FreeTime[] };

function invalid(fieldErrors: Record<string, string[] | undefined>): FormState {
  return { ok: false, message: "Check the highlighted fields.", fieldErrors };
}

const fields = (formData: FormData, names: string[]) => Object.fromEntries(names.map((n) => [n, formData.get(n) ?? undefined]));

/** The free times on one date for the reschedule form; nothing changes. */
export async function rescheduleTimesAction(_prev: RescheduleTimesState, formData: FormData): Promise<RescheduleTimesState> {
  let found: RescheduleTimesState = null;
  const result = await runAction("reschedule-times", async () => {
    const actor = await assertStaff();
    const parsed = TimesSchema.safeParse(fields(formData, ["appointmentId", "date"]));
    if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors);
    const { timeZone, times } = await listRescheduleTimes({ actor, ...parsed.data });
    found = {
      ok: true,
      date: parsed.data.date,
      timeZone,
      times: times.map((t) => ({ start: toZonedIso(t.start, timeZone), label: formatTime(t.start, timeZone), keepsStaff: t.keepsStaff })),
    };
    return { ok: true };
  });
  return found ?? result;
}

export async function rescheduleAppointmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let next: string | null = null;
  const result = await runAction("reschedule-appointment", async () => {
    const actor = await assertStaff();
    const parsed = RescheduleSchema.safeParse(fields(formData, ["appointmentId", "start"]));
    if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors);
    const moved = await rescheduleAppointmentAsStaff({
      actor,
      appointmentId: parsed.data.appointmentId,
      start: Date.parse(parsed.data.start),
    });
    // Handed to a colleague because the member was busy: staff can no longer open it.
    const stillMine = actor.role === "ADMIN" || moved.staff.some((s) => s.id === actor.userId);
    next = stillMine ? `/appointments/${moved.id}?rescheduled=1` : "/appointments?handedOver=1";
    return { ok: true };
  });
  if (next) {
    revalidatePath("/appointments", "layout");
    redirect(next);
  }
  return result;
}

export async function cancelAppointmentAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let cancelledId: string | null = null;
  const result = await runAction("cancel-appointment", async () => {
    const actor = await assertStaff();
    const parsed = AppointmentIdSchema.safeParse(fields(formData, ["appointmentId"]));
    if (!parsed.success) return { ok: false, message: "Choose an appointment to cancel." };
    cancelledId = (await cancelAppointmentAsStaff({ actor, appointmentId: parsed.data.appointmentId })).id;
    return { ok: true };
  });
  if (cancelledId) {
    revalidatePath("/appointments", "layout");
    redirect(`/appointments/${cancelledId}?cancelled=1`);
  }
  return result;
}

/** "Retry now" / "Restore to iCloud": enqueues the push for one member (or all); the worker does the rest. */
export async function requestPushAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("request-push", async () => {
    const actor = await assertStaff();
    const parsed = PushSchema.safeParse(fields(formData, ["appointmentId", "userId"]));
    if (!parsed.success) return { ok: false, message: "Choose an appointment to sync." };
    const { enqueued } = await requestPush({ actor, ...parsed.data });
    revalidatePath(`/appointments/${parsed.data.appointmentId}`);
    return { ok: true, message: enqueued ? "Queued. iCloud is updated in a moment." : "Nothing to sync right now." };
  });
}
