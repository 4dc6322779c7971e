"use client";

import { useActionState } from "react";
import { removeOverrideAction } from "./actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

export interface OverrideRow {
  date: string;
  /** Formatted on the server, so server and browser render the same text. */
  label: string;
  summary: string;
}

function OverrideItem({ userId, row }: { userId: string; row: OverrideRow }) {
  const [state, formAction, pending] = useActionState(removeOverrideAction, null);
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 px-3 py-2">
      <div>
        <p className="text-sm font-medium">{row.label}</p>
        <p className="text-sm text-slate-600">{row.summary}</p>
      </div>
      <form action={formAction} className="flex items-center gap-2">
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="date" value={row.date} />
        {state && !state.ok ? <FormMessage state={state} /> : null}
        <Button type="submit" variant="ghost" disabled={pending} aria-label={`Remove ${row.label}`}>
          {pending ? "Removing…" : "Remove"}
        </Button>
      </form>
    </li>
  );
}

export function OverridesList({ userId, rows }: { userId: string; rows: OverrideRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No upcoming dates with different hours.</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-md ring-1 ring-slate-200" aria-label="Upcoming dates with different hours">
      {rows.map((row) => (
        <OverrideItem key={row.date} userId={userId} row={row} />
      ))}
    </ul>
  );
}
