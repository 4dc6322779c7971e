"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { syncNowAction } from "@/app/(staff)/settings/profile/calendars/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

const POLL_MS = 1000;
const GIVE_UP_MS = 30_000;

/**
 * Asks the worker to read the connection's calendars now, then follows the page until every
 * calendar reports an attempt after the request (the per-calendar lines show the outcome).
 */
export function SyncNowButton({ connectionId, lastAttempts }: { connectionId: string; lastAttempts: (string | null)[] }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(syncNowAction, null);
  const requestedAt = state?.ok ? state.data?.requestedAt : undefined;
  const done = requestedAt ? lastAttempts.every((a) => a !== null && a >= requestedAt) : false;
  const [gaveUpOn, setGaveUpOn] = useState<string | null>(null);
  const waiting = Boolean(requestedAt) && !done && gaveUpOn !== requestedAt;

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    const stop = setTimeout(() => setGaveUpOn(requestedAt ?? null), GIVE_UP_MS);
    return () => {
      clearInterval(timer);
      clearTimeout(stop);
    };
  }, [waiting, requestedAt, router]);

  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="connectionId" value={connectionId} />
      <Button type="submit" variant="secondary" disabled={pending || waiting}>
        {pending || waiting ? "Syncing…" : "Sync now"}
      </Button>
      {state && !state.ok ? <FormMessage state={state} /> : null}
      {waiting ? (
        <p role="status" className="text-sm text-slate-600">
          {state?.message}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="text-sm text-emerald-800">
          Sync finished.
        </p>
      ) : null}
    </form>
  );
}
