"use client";

import { useActionState, useState } from "react";
import { saveNotificationPreferencesAction } from "./actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import type { NotificationPreferences } from "@/lib/team/notification-preferences";

const CHOICES: { name: keyof NotificationPreferences; label: string }[] = [
  { name: "emailOnNewBooking", label: "A customer books me" },
  { name: "emailOnReschedule", label: "One of my appointments is moved" },
  { name: "emailOnCancel", label: "One of my appointments is cancelled" },
];

/** Controlled, and sent without React's form reset, so the boxes always show what was saved. */
export function NotificationPreferencesForm({ initial }: { initial: NotificationPreferences }) {
  const [state, formAction, pending] = useActionState(saveNotificationPreferencesAction, null);
  const [values, setValues] = useState(initial);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-4">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Email me when</legend>
        {CHOICES.map((choice) => (
          <label key={choice.name} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name={choice.name}
              checked={values[choice.name]}
              onChange={(e) => setValues((v) => ({ ...v, [choice.name]: e.target.checked }))}
            />
            {choice.label}
          </label>
        ))}
      </fieldset>
      <p className="text-xs text-slate-500">
        Changes you make yourself are never emailed to you. &ldquo;Reconnect your iCloud calendar&rdquo; always comes: without it, bookings
        could miss your busy time.
      </p>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
