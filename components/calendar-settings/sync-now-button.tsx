"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { syncNowAction } from "./actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

const POLL_MS = 1000;
const GIVE_UP_MS = 30_000;

/** One calendar the sync reads: ISO times, and whether its last attempt failed (it is backing off). */
export interface SyncedCalendar {
  attemptedAt: string | null;
  refreshedAt: string | null;
  failed: boolean;
}

/**
 * A calendar is done once it was read after the request, or an attempt made after the request
 * failed (Sync now clears the backoff, so a backoff set since then is that attempt's failure).
 * The attempt time alone is not enough: it is written when the read starts.
 */
function finished(c: SyncedCalendar, requestedAt: string): boolean {
  return (c.refreshedAt !== null && c.refreshedAt >= requestedAt) || (c.failed && c.attemptedAt !== null && c.attemptedAt >= requestedAt);
}

/**
 * Asks the worker to read the connection's calendars now, then follows the page until every
 * calendar has finished (the per-calendar lines show the outcome), and refreshes it once more
 * then, so "Last checked" and every line show what the sync left.
 */
export function SyncNowButton({ connectionId, calendars }: { connectionId: string; calendars: SyncedCalendar[] }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(syncNowAction, null);
  const requestedAt = state?.ok ? state.data?.requestedAt : undefined;
  const done = requestedAt ? calendars.every((c) => finished(c, requestedAt)) : false;
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

  // Once finished, one more refresh: the whole route (connection, calendars, activity) as the sync left it.
  useEffect(() => {
    if (done) router.refresh();
  }, [done, router]);

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
