"use client";

import { AlertDialog } from "radix-ui";
import { useActionState, useState } from "react";
import { disconnectAction, reconnectAction, refreshCalendarsAction } from "./actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

export function ReconnectForm({ connectionId, appleId, open: initiallyOpen }: { connectionId: string; appleId: string; open?: boolean }) {
  const [open, setOpen] = useState(initiallyOpen ?? false);
  const [state, formAction, pending] = useActionState(reconnectAction, null);
  if (!open) {
    return (
      <div className="space-y-2">
        <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
          Reconnect
        </Button>
        <FormMessage state={state} />
      </div>
    );
  }
  const failed = state && !state.ok ? state : undefined;
  return (
    <form action={formAction} className="w-full space-y-3" aria-busy={pending}>
      <input type="hidden" name="connectionId" value={connectionId} />
      <Field
        id={`reconnect-${connectionId}`}
        name="appSpecificPassword"
        type="password"
        autoComplete="off"
        label="App-specific password"
        placeholder="xxxx-xxxx-xxxx-xxxx"
        hint={`A new app-specific password for ${appleId}. Your calendars and settings are kept.`}
        errors={failed?.fieldErrors?.appSpecificPassword}
      />
      {failed && !failed.fieldErrors ? <FormMessage state={state} /> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Checking with iCloud…" : "Reconnect"}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)} disabled={pending}>
          Cancel
        </Button>
      </div>
      {state?.ok ? <FormMessage state={state} /> : null}
    </form>
  );
}

export function RefreshCalendarsButton({ connectionId }: { connectionId: string }) {
  const [state, formAction, pending] = useActionState(refreshCalendarsAction, null);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="connectionId" value={connectionId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Refreshing…" : "Refresh calendars"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}

export function DisconnectDialog({ connectionId, appleId }: { connectionId: string; appleId: string }) {
  const [state, formAction, pending] = useActionState(disconnectAction, null);
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button type="button" variant="ghost" className="text-red-700 hover:bg-red-50">
          Disconnect
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 bg-slate-900/40" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
          <AlertDialog.Title className="text-lg font-semibold">Disconnect {appleId}?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600">
            This account&apos;s calendars stop blocking your availability and the CRM stops writing to them. What should happen to the
            appointments the CRM wrote to your iCloud calendar?
          </AlertDialog.Description>
          <form action={formAction} className="mt-4 space-y-4">
            <input type="hidden" name="connectionId" value={connectionId} />
            <fieldset className="space-y-2">
              <legend className="sr-only">CRM events in iCloud</legend>
              <label className="flex items-start gap-2 text-sm">
                <input type="radio" name="removeEvents" value="remove" defaultChecked className="mt-1" />
                <span>
                  Remove the CRM&apos;s events from my iCloud calendar. The app-specific password is kept only until the CRM&apos;s events
                  are removed from iCloud (usually seconds), then deleted.
                </span>
              </label>
              <label className="flex items-start gap-2 text-sm">
                <input type="radio" name="removeEvents" value="keep" className="mt-1" />
                <span>Keep them in iCloud (they will no longer be updated). The app-specific password is deleted now.</span>
              </label>
            </fieldset>
            <FormMessage state={state} />
            <div className="flex justify-end gap-2">
              <AlertDialog.Cancel asChild>
                <Button type="button" variant="secondary">
                  Cancel
                </Button>
              </AlertDialog.Cancel>
              <Button type="submit" variant="danger" disabled={pending}>
                {pending ? "Disconnecting…" : "Disconnect"}
              </Button>
            </div>
          </form>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
