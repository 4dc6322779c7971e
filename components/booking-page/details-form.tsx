"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { formatWhen } from "@/lib/time-format";
import type { PublicSlot } from "./use-slots";

export interface Confirmed {
  id: string;
  start: string;
  end: string;
  staff: { id: string; name: string }[];
  manageToken: string;
}

/** What the customer typed. Kept by the booking flow, so neither a failed booking nor choosing another time loses it. */
export interface CustomerDetails {
  name: string;
  email: string;
  phone: string;
  notes: string;
}

export const EMPTY_DETAILS: CustomerDetails = { name: "", email: "", phone: "", notes: "" };

type Problem = { message: string; fieldErrors?: Record<string, string>; slotGone?: boolean };

/**
 * Name, email, phone, notes → POST /bookings, with one Idempotency-Key per slot so a retry can't
 * book twice. The fields are controlled and the form is submitted by hand (not as a form action,
 * which React resets afterwards), so whatever happens the customer's text stays.
 */
export function DetailsForm(props: {
  slug: string;
  slot: PublicSlot;
  timeZone: string;
  serviceId?: string;
  details: CustomerDetails;
  onDetailsChange: (details: CustomerDetails) => void;
  onBooked: (booking: Confirmed) => void;
  onBack: (slotGone: boolean) => void;
}) {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const idempotencyKey = useRef<string | null>(null);
  const { details } = props;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    idempotencyKey.current ??= crypto.randomUUID();
    setPending(true);
    setProblem(null);
    try {
      const res = await fetch(`/api/public/calendars/${encodeURIComponent(props.slug)}/bookings`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": idempotencyKey.current },
        body: JSON.stringify({
          start: props.slot.start,
          timeZone: props.timeZone,
          serviceId: props.serviceId,
          name: details.name,
          email: details.email,
          phone: details.phone.trim() || undefined,
          notes: details.notes.trim() || undefined,
        }),
      });
      const body = await res.json();
      if (res.status === 201) {
        props.onBooked(body as Confirmed);
        return; // still pending: the confirmation page opens
      }
      const message: string = body?.error?.message ?? "Booking failed. Try again.";
      if (res.status === 422) {
        const fieldErrors: Record<string, string> = {};
        for (const part of message.split("; ")) {
          const [field, ...rest] = part.split(": ");
          if (field && rest.length) fieldErrors[field] = rest.join(": ");
        }
        setProblem({ message: "Check the highlighted fields.", fieldErrors });
      } else {
        setProblem({
          message: res.status === 409 ? `${message} Your details are kept.` : message,
          slotGone: res.status === 409,
        });
      }
    } catch {
      setProblem({ message: "The connection failed. Your details are still here; try again." });
    }
    setPending(false);
  }

  const err = (name: string) => (problem?.fieldErrors?.[name] ? [problem.fieldErrors[name]!] : undefined);
  const bind = (name: keyof CustomerDetails) => ({
    name,
    value: details[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      props.onDetailsChange({ ...details, [name]: e.target.value }),
  });
  return (
    <form onSubmit={submit} className="max-w-md space-y-4" aria-busy={pending}>
      <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700">
        {formatWhen(props.slot.start, props.slot.end, props.timeZone)}
      </p>
      <Field id="name" label="Name" autoComplete="name" required errors={err("name")} {...bind("name")} />
      <Field id="email" type="email" label="Email" autoComplete="email" required errors={err("email")} {...bind("email")} />
      <Field id="phone" type="tel" label="Phone (optional)" autoComplete="tel" errors={err("phone")} {...bind("phone")} />
      <div className="space-y-1.5">
        <label htmlFor="notes" className="block text-sm font-medium text-slate-800">
          Notes (optional)
        </label>
        <textarea
          id="notes"
          rows={3}
          maxLength={2000}
          {...bind("notes")}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
        />
      </div>
      {problem ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {problem.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {problem?.slotGone ? null : (
          <Button type="submit" disabled={pending}>
            {pending ? "Booking…" : "Confirm booking"}
          </Button>
        )}
        <Button
          type="button"
          variant={problem?.slotGone ? "primary" : "ghost"}
          onClick={() => props.onBack(Boolean(problem?.slotGone))}
          disabled={pending}
        >
          {problem?.slotGone ? "Choose another time" : "Back"}
        </Button>
      </div>
    </form>
  );
}
