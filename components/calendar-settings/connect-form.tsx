"use client";

import { useActionState } from "react";
import { connectAction } from "./actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

export function ConnectForm({ onCancel }: { onCancel: () => void }) {
  const [state, formAction, pending] = useActionState(connectAction, null);
  const failed = state && !state.ok ? state : undefined;
  return (
    <form action={formAction} className="space-y-4" aria-busy={pending} aria-labelledby="connect-title">
      <h3 id="connect-title" className="text-sm font-semibold">
        Connect your iCloud calendar
      </h3>
      <div className="rounded-md bg-slate-50 p-3 text-sm text-slate-700 ring-1 ring-slate-200">
        <p className="font-medium text-slate-900">You need an app-specific password</p>
        <ol className="mt-1 list-decimal space-y-0.5 pl-5">
          <li>Two-factor authentication must be on for your Apple ID.</li>
          <li>
            Go to <span className="font-medium">account.apple.com › Sign-In and Security › App-Specific Passwords</span>.
          </li>
          <li>Create one labelled e.g. “My CRM&apos;s Calendar” and paste it below. Your Apple ID password won&apos;t work.</li>
        </ol>
      </div>
      <Field
        id="appleId"
        name="appleId"
        type="email"
        label="iCloud email"
        autoComplete="email"
        required
        defaultValue={failed?.values?.appleId}
        key={failed?.values?.appleId}
        errors={failed?.fieldErrors?.appleId}
      />
      <Field
        id="appSpecificPassword"
        name="appSpecificPassword"
        type="password"
        label="App-specific password"
        autoComplete="off"
        placeholder="xxxx-xxxx-xxxx-xxxx"
        required
        errors={failed?.fieldErrors?.appSpecificPassword}
      />
      {failed && !failed.fieldErrors ? <FormMessage state={state} /> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Connecting to iCloud…" : "Connect"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        {pending ? (
          <span role="status" className="text-sm text-slate-600">
            Checking your credentials with iCloud…
          </span>
        ) : null}
      </div>
    </form>
  );
}
