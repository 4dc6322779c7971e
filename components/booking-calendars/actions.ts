"use server";

// Every action checks the session and the ADMIN role itself (server actions are public POST
// endpoints); the domain checks the role again and scopes every query by organization.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/lib/actions";
import type { FormState } from "@/lib/auth/form-state";
import { assertAdmin } from "@/lib/auth/session";
import {
  archiveBookingCalendar,
  createBookingCalendar,
  restoreBookingCalendar,
  updateBookingCalendar,
} from "@/lib/booking-calendars/calendars";
import { createClassSession, deleteClassSession, updateClassSession } from "@/lib/booking-calendars/class-sessions";
import { isFieldError } from "@/lib/booking-calendars/errors";
import { CALENDAR_FIELDS } from "@/lib/booking-calendars/form-values";
import {
  BookingCalendarSchema,
  CalendarRefSchema,
  ClassSessionRefSchema,
  ClassSessionSchema,
  ServiceRefSchema,
  ServiceSchema,
} from "@/lib/booking-calendars/schemas";
import { createService, deleteService, updateService } from "@/lib/booking-calendars/services";

const LIST_PATH = "/admin/booking-calendars";

function invalid(fieldErrors: Record<string, string[] | undefined>): FormState {
  return { ok: false, message: "Check the highlighted fields.", fieldErrors };
}

/** Runs the domain call; a failure tied to one field is shown next to that field. */
async function save(work: () => Promise<unknown>, success: FormState): Promise<FormState> {
  try {
    await work();
    return success;
  } catch (error) {
    if (isFieldError(error))
      return { ok: false, message: "Check the highlighted fields.", code: error.code, fieldErrors: { [error.field]: [error.message] } };
    throw error;
  }
}

const text = (formData: FormData, name: string) => formData.get(name) ?? undefined;

function calendarInput(formData: FormData) {
  const fields = Object.fromEntries(CALENDAR_FIELDS.map((field) => [field, text(formData, field)]));
  const members = formData.getAll("memberIds").map((userId) => ({ userId, priority: formData.get(`priority.${String(userId)}`) ?? "0" }));
  return { ...fields, members };
}

function refresh(bookingCalendarId?: string) {
  revalidatePath(LIST_PATH);
  if (bookingCalendarId) revalidatePath(`${LIST_PATH}/${bookingCalendarId}`);
}

export async function createBookingCalendarAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const created = { id: "" };
  const result = await runAction("create-booking-calendar", async () => {
    const actor = await assertAdmin();
    const parsed = BookingCalendarSchema.safeParse(calendarInput(formData));
    if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors);
    return save(
      async () => {
        created.id = (await createBookingCalendar({ actor, input: parsed.data })).id;
      },
      { ok: true },
    );
  });
  if (created.id) {
    refresh();
    redirect(`${LIST_PATH}/${created.id}?created=1`);
  }
  return result;
}

export async function updateBookingCalendarAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("update-booking-calendar", async () => {
    const actor = await assertAdmin();
    const ref = CalendarRefSchema.safeParse({ bookingCalendarId: text(formData, "bookingCalendarId") });
    if (!ref.success) return { ok: false, message: "Choose a booking calendar." };
    const parsed = BookingCalendarSchema.safeParse(calendarInput(formData));
    if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors);
    const { bookingCalendarId } = ref.data;
    const state = await save(() => updateBookingCalendar({ actor, bookingCalendarId, input: parsed.data }), {
      ok: true,
      message: "Saved.",
    });
    if (state?.ok) refresh(bookingCalendarId);
    return state;
  });
}

export async function archiveBookingCalendarAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let archived = false;
  const result = await runAction("archive-booking-calendar", async () => {
    const actor = await assertAdmin();
    const ref = CalendarRefSchema.safeParse({ bookingCalendarId: text(formData, "bookingCalendarId") });
    if (!ref.success) return { ok: false, message: "Choose a booking calendar." };
    await archiveBookingCalendar({ actor, bookingCalendarId: ref.data.bookingCalendarId });
    archived = true;
    return { ok: true };
  });
  if (archived) {
    refresh(String(formData.get("bookingCalendarId")));
    redirect(`${LIST_PATH}?archived=1`);
  }
  return result;
}

export async function restoreBookingCalendarAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let restored = "";
  const result = await runAction("restore-booking-calendar", async () => {
    const actor = await assertAdmin();
    const ref = CalendarRefSchema.safeParse({ bookingCalendarId: text(formData, "bookingCalendarId") });
    if (!ref.success) return { ok: false, message: "Choose a booking calendar." };
    await restoreBookingCalendar({ actor, bookingCalendarId: ref.data.bookingCalendarId });
    restored = ref.data.bookingCalendarId;
    return { ok: true };
  });
  if (restored) {
    refresh(restored);
    // Its own page, where the restored link is shown again.
    redirect(`${LIST_PATH}/${restored}?restored=1`);
  }
  return result;
}

function serviceInput(formData: FormData) {
  return { name: text(formData, "name"), durationMinutes: text(formData, "durationMinutes"), staffIds: formData.getAll("staffIds") };
}

export async function saveServiceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("save-service", async () => {
    const actor = await assertAdmin();
    const ref = CalendarRefSchema.safeParse({ bookingCalendarId: text(formData, "bookingCalendarId") });
    if (!ref.success) return { ok: false, message: "Choose a booking calendar." };
    const parsed = ServiceSchema.safeParse(serviceInput(formData));
    if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors);
    const { bookingCalendarId } = ref.data;
    const serviceId = String(formData.get("serviceId") ?? "");
    const state = serviceId
      ? await save(() => updateService({ actor, bookingCalendarId, serviceId, input: parsed.data }), {
          ok: true,
          message: "Service saved.",
        })
      : await save(() => createService({ actor, bookingCalendarId, input: parsed.data }), { ok: true, message: "Service added." });
    if (state?.ok) refresh(bookingCalendarId);
    return state;
  });
}

export async function deleteServiceAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("delete-service", async () => {
    const actor = await assertAdmin();
    const ref = ServiceRefSchema.safeParse({
      bookingCalendarId: text(formData, "bookingCalendarId"),
      serviceId: text(formData, "serviceId"),
    });
    if (!ref.success) return { ok: false, message: "Choose a service." };
    await deleteService({ actor, ...ref.data });
    refresh(ref.data.bookingCalendarId);
    return { ok: true, message: "Service removed." };
  });
}

function classSessionInput(formData: FormData) {
  const fields = ["title", "instructorId", "date", "time", "durationMinutes", "capacity", "recurrence", "repeatUntil"];
  return Object.fromEntries(fields.map((field) => [field, text(formData, field)]));
}

export async function saveClassSessionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("save-class-session", async () => {
    const actor = await assertAdmin();
    const ref = CalendarRefSchema.safeParse({ bookingCalendarId: text(formData, "bookingCalendarId") });
    if (!ref.success) return { ok: false, message: "Choose a booking calendar." };
    const parsed = ClassSessionSchema.safeParse(classSessionInput(formData));
    if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors);
    const { bookingCalendarId } = ref.data;
    const sessionId = String(formData.get("sessionId") ?? "");
    const state = sessionId
      ? await save(() => updateClassSession({ actor, bookingCalendarId, sessionId, input: parsed.data }), {
          ok: true,
          message: "Class saved.",
        })
      : await save(() => createClassSession({ actor, bookingCalendarId, input: parsed.data }), { ok: true, message: "Class added." });
    if (state?.ok) refresh(bookingCalendarId);
    return state;
  });
}

export async function deleteClassSessionAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("delete-class-session", async () => {
    const actor = await assertAdmin();
    const ref = ClassSessionRefSchema.safeParse({
      bookingCalendarId: text(formData, "bookingCalendarId"),
      sessionId: text(formData, "sessionId"),
    });
    if (!ref.success) return { ok: false, message: "Choose a class." };
    await deleteClassSession({ actor, ...ref.data });
    refresh(ref.data.bookingCalendarId);
    return { ok: true, message: "Class removed." };
  });
}
