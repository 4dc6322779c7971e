"use server";

// Every action checks the session and the permission itself: server actions are public POST
// endpoints, whatever page renders their form.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction } from "@/lib/actions";
import type { FormState } from "@/lib/auth/form-state";
import { assertStaff } from "@/lib/auth/session";
import { saveCalendarConfiguration } from "@/lib/connections/configure";
import { connectICloud, reconnectICloud } from "@/lib/connections/connect";
import { disconnectICloud } from "@/lib/connections/disconnect";
import { refreshCalendarList } from "@/lib/connections/refresh";
import { requestSyncNow } from "@/lib/connections/sync-now";
import {
  CalendarConfigurationSchema,
  ConnectionIdSchema,
  ConnectSchema,
  DisconnectSchema,
  ReconnectSchema,
  SyncOptionsSchema,
} from "@/lib/connections/schemas";
import { saveSyncOptions } from "@/lib/connections/sync-options";
import { dismissICloudNotices } from "@/lib/sync/two-way/notices";

const SETTINGS_PATH = "/settings/profile/calendars";

function invalid(fieldErrors: Record<string, string[] | undefined>, values?: Record<string, string>): FormState {
  return { ok: false, message: "Check the highlighted fields.", fieldErrors, values };
}

export async function connectAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let connected = false;
  // The typed Apple ID is kept on the form after a failure; the password never is.
  const values = { appleId: String(formData.get("appleId") ?? "") };
  const result = await runAction(
    "connect",
    async () => {
      const actor = await assertStaff();
      const parsed = ConnectSchema.safeParse({
        appleId: formData.get("appleId"),
        appSpecificPassword: formData.get("appSpecificPassword"),
      });
      if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors, values);
      await connectICloud({ actor, ...parsed.data });
      connected = true;
      return { ok: true };
    },
    values,
  );
  if (connected) {
    revalidatePath(SETTINGS_PATH);
    redirect(`${SETTINGS_PATH}?connected=1#calendar-configuration`);
  }
  return result;
}

export async function reconnectAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("reconnect", async () => {
    const actor = await assertStaff();
    const parsed = ReconnectSchema.safeParse({
      connectionId: formData.get("connectionId"),
      appSpecificPassword: formData.get("appSpecificPassword"),
    });
    if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors);
    const { notices } = await reconnectICloud({ actor, ...parsed.data });
    revalidatePath("/", "layout");
    return { ok: true, message: ["Reconnected. Your calendars and configuration were kept.", ...notices].join(" ") };
  });
}

export async function disconnectAction(_prev: FormState, formData: FormData): Promise<FormState> {
  let done: "remove" | "keep" | null = null;
  const result = await runAction("disconnect", async () => {
    const actor = await assertStaff();
    const parsed = DisconnectSchema.safeParse({ connectionId: formData.get("connectionId"), removeEvents: formData.get("removeEvents") });
    if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors);
    await disconnectICloud({ actor, connectionId: parsed.data.connectionId, removeEvents: parsed.data.removeEvents === "remove" });
    done = parsed.data.removeEvents;
    return { ok: true };
  });
  if (done) {
    // The connection leaves the page, so the outcome is told by the page itself.
    revalidatePath("/", "layout");
    redirect(`${SETTINGS_PATH}?disconnected=${done}`);
  }
  return result;
}

export async function refreshCalendarsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("refresh-calendars", async () => {
    const actor = await assertStaff();
    const parsed = ConnectionIdSchema.safeParse({ connectionId: formData.get("connectionId") });
    if (!parsed.success) return { ok: false, message: "Choose a connection to refresh." };
    const { notices } = await refreshCalendarList({ actor, connectionId: parsed.data.connectionId });
    revalidatePath("/", "layout");
    return { ok: true, message: notices.length ? notices.join(" ") : "Calendars are up to date." };
  });
}

export async function saveConfigurationAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("save-configuration", async () => {
    const actor = await assertStaff();
    const parsed = CalendarConfigurationSchema.safeParse({
      userId: formData.get("userId"),
      primaryCalendarId: formData.get("primaryCalendarId") ?? undefined,
      conflictCalendarIds: formData.getAll("conflictCalendarIds"),
    });
    if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors);
    await saveCalendarConfiguration({ actor, input: parsed.data });
    revalidatePath("/", "layout");
    return { ok: true, message: "Saved. Your calendar configuration is in effect." };
  });
}

export async function syncNowAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("sync-now", async () => {
    const actor = await assertStaff();
    const parsed = ConnectionIdSchema.safeParse({ connectionId: formData.get("connectionId") });
    if (!parsed.success) return { ok: false, message: "Choose a connection to sync." };
    const { requestedAt, calendars } = await requestSyncNow({ actor, connectionId: parsed.data.connectionId });
    return {
      ok: true,
      message: `Reading ${calendars} calendar${calendars === 1 ? "" : "s"} from iCloud…`,
      data: { requestedAt: requestedAt.toISOString() },
    };
  });
}

export async function saveSyncOptionsAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("save-sync-options", async () => {
    const actor = await assertStaff();
    const parsed = SyncOptionsSchema.safeParse({
      userId: formData.get("userId"),
      syncDirection: formData.get("syncDirection"),
      onICloudDelete: formData.get("onICloudDelete") ?? undefined,
      copyBlockedTimeToICloud: formData.get("copyBlockedTimeToICloud"),
    });
    if (!parsed.success) return invalid(parsed.error.flatten().fieldErrors);
    await saveSyncOptions({ actor, input: parsed.data });
    revalidatePath("/", "layout");
    return {
      ok: true,
      message:
        parsed.data.syncDirection === "TWO_WAY"
          ? "Saved. Moves you make in iCloud now reschedule CRM appointments when the new time is free."
          : "Saved. The CRM writes to iCloud; changes made in iCloud are not applied.",
    };
  });
}

export async function dismissICloudNoticesAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runAction("dismiss-icloud-notices", async () => {
    const actor = await assertStaff();
    const ids = formData.getAll("activityId").map(String).filter(Boolean).slice(0, 100);
    await dismissICloudNotices({ actor, ids });
    revalidatePath("/", "layout");
    return { ok: true };
  });
}
