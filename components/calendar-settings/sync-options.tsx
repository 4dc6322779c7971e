"use client";

import { useActionState, useState } from "react";
import { saveSyncOptionsAction } from "./actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import type { FormState } from "@/lib/auth/form-state";
import type { SyncOptionsView } from "@/lib/connections/sync-options";

const selectClass =
  "block w-full max-w-md rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600";

/**
 * Sync direction ("One-way: CRM to iCloud", the default, or "Two-way"), what deleting a CRM
 * event in iCloud does (two-way only), and whether blocked time is copied to iCloud. Controlled
 * and keyed by what is stored, like the Calendar Configuration, so the form shows the database
 * after every save.
 */
export function SyncOptions({ userId, options, self }: { userId: string; options: SyncOptionsView; self: boolean }) {
  const [state, formAction, pending] = useActionState(saveSyncOptionsAction, null);
  const stored = `${options.syncDirection}:${options.onICloudDelete}:${options.copyBlockedTimeToICloud}`;
  return (
    <SyncOptionsForm key={stored} userId={userId} options={options} self={self} state={state} formAction={formAction} pending={pending} />
  );
}

function SyncOptionsForm({
  userId,
  options,
  self,
  state,
  formAction,
  pending,
}: {
  userId: string;
  options: SyncOptionsView;
  self: boolean;
  state: FormState;
  formAction: (data: FormData) => void;
  pending: boolean;
}) {
  const [direction, setDirection] = useState(options.syncDirection);
  const [onDelete, setOnDelete] = useState(options.onICloudDelete);
  const [copyBlocked, setCopyBlocked] = useState(options.copyBlockedTimeToICloud);
  const id = (name: string) => `${name}-${userId}`;
  const I = self ? "I" : "they";
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-5">
      <input type="hidden" name="userId" value={userId} />
      <div className="space-y-1.5">
        <label htmlFor={id("sync-direction")} className="block text-sm font-medium">
          Sync direction
        </label>
        <select
          id={id("sync-direction")}
          name="syncDirection"
          value={direction}
          onChange={(e) => setDirection(e.target.value as SyncOptionsView["syncDirection"])}
          aria-describedby={id("sync-direction-hint")}
          className={selectClass}
        >
          <option value="ONE_WAY">One-way: CRM to iCloud</option>
          <option value="TWO_WAY">Two-way</option>
        </select>
        <p id={id("sync-direction-hint")} className="max-w-prose text-xs text-slate-500">
          {direction === "TWO_WAY"
            ? "Moving a CRM event in iCloud reschedules it when the new time is free under its booking calendar's rules (the customer is told); otherwise it is put back and you see why. Titles, notes and invitees stay as the CRM has them. Events created in iCloud only block time."
            : "CRM appointments are written to iCloud. Changes made to them in iCloud are shown but not applied; the CRM's version is restored on its next change or when you choose Restore."}
        </p>
      </div>
      {direction === "TWO_WAY" ? (
        <div className="space-y-1.5">
          <label htmlFor={id("on-delete")} className="block text-sm font-medium">
            When {I} delete a CRM event in iCloud
          </label>
          <select
            id={id("on-delete")}
            name="onICloudDelete"
            value={onDelete}
            onChange={(e) => setOnDelete(e.target.value as SyncOptionsView["onICloudDelete"])}
            className={selectClass}
          >
            <option value="RESTORE">Restore it</option>
            <option value="CANCEL">Cancel the appointment</option>
          </select>
          <p className="max-w-prose text-xs text-slate-500">
            Cancelling tells the customer, as a cancellation in the CRM would. Blocked time is removed instead.
          </p>
        </div>
      ) : (
        <input type="hidden" name="onICloudDelete" value={onDelete} />
      )}
      <div className="space-y-1">
        <label className="inline-flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="copyBlockedTimeToICloud" checked={copyBlocked} onChange={(e) => setCopyBlocked(e.target.checked)} />
          Copy blocked time to iCloud
        </label>
        <p className="max-w-prose text-xs text-slate-500">
          Blocked time is written to the primary calendar as a busy event, and kept up to date as it changes.
        </p>
      </div>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save sync options"}
      </Button>
    </form>
  );
}
