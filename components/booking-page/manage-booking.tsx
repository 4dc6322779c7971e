"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/time-format";
import { SlotPicker } from "./slot-picker";
import type { PublicSlot } from "./use-slots";

async function post(url: string, body: unknown): Promise<{ ok: boolean; message?: string }> {
  try {
    const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (res.ok) return { ok: true };
    const json = await res.json().catch(() => null);
    return { ok: false, message: json?.error?.message ?? "That did not work. Try again." };
  } catch {
    return { ok: false, message: "The connection failed. Try again." };
  }
}

/** Reschedule or cancel under the calendar's rules, with only the manage link. */
export function ManageBooking(props: {
  id: string;
  token: string;
  slug: string;
  serviceId?: string;
  timeZone: string;
  initialMonth: string;
  /** False once the calendar is archived: its times are no longer offered, but the booking can still be cancelled. */
  canReschedule: boolean;
}) {
  const router = useRouter();
  const [mode, setMode] = useState<"idle" | "reschedule" | "confirm-cancel">("idle");
  const [chosen, setChosen] = useState<PublicSlot | null>(null);
  const [posting, setPosting] = useState(false);
  const [navigating, startNavigation] = useTransition();
  const pending = posting || navigating;
  const [message, setMessage] = useState<string | null>(null);
  const [refresh, setRefresh] = useState(0);

  async function run(action: "reschedule" | "cancel", body: object) {
    setPosting(true);
    setMessage(null);
    const result = await post(`/api/public/bookings/${encodeURIComponent(props.id)}/${action}`, { token: props.token, ...body });
    if (!result.ok) {
      setPosting(false);
      setMessage(result.message ?? null);
      setRefresh((n) => n + 1);
      return;
    }
    // The page says what happened from the stored booking: "Rescheduled to …" with a new .ics, or "Cancelled".
    const target = `/booking/${encodeURIComponent(props.id)}?token=${encodeURIComponent(props.token)}${action === "reschedule" ? "&rescheduled=1" : ""}`;
    startNavigation(() => {
      if (`${window.location.pathname}${window.location.search}` === target) router.refresh();
      else router.replace(target, { scroll: true });
      setPosting(false);
      setMode("idle");
      setChosen(null);
    });
  }

  return (
    <div className="space-y-4">
      {message ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {message}
        </p>
      ) : null}
      {mode === "idle" ? (
        <div className="flex flex-wrap gap-2">
          {props.canReschedule ? (
            <Button type="button" onClick={() => setMode("reschedule")}>
              Reschedule
            </Button>
          ) : null}
          <Button type="button" variant="secondary" className="text-red-700" onClick={() => setMode("confirm-cancel")}>
            Cancel booking
          </Button>
        </div>
      ) : null}
      {mode === "confirm-cancel" ? (
        <div role="alertdialog" aria-labelledby="cancel-q" className="space-y-3 rounded-md bg-red-50 p-4 ring-1 ring-red-200">
          <p id="cancel-q" className="text-sm font-medium text-red-900">
            Cancel this booking? The time is given back and can&apos;t be recovered.
          </p>
          <div className="flex gap-2">
            <Button type="button" variant="danger" disabled={pending} onClick={() => run("cancel", {})}>
              {pending ? "Cancelling…" : "Yes, cancel it"}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setMode("idle")} disabled={pending}>
              Keep it
            </Button>
          </div>
        </div>
      ) : null}
      {mode === "reschedule" && !chosen ? (
        <>
          <SlotPicker
            slug={props.slug}
            timeZone={props.timeZone}
            serviceId={props.serviceId}
            refresh={refresh}
            initialMonth={props.initialMonth}
            onPick={setChosen}
          />
          <Button type="button" variant="ghost" onClick={() => setMode("idle")}>
            Back
          </Button>
        </>
      ) : null}
      {mode === "reschedule" && chosen ? (
        <div className="space-y-3">
          <p className="text-sm">
            Move to <span className="font-medium">{formatDateTime(chosen.start, props.timeZone)}</span>?
          </p>
          <div className="flex gap-2">
            <Button type="button" disabled={pending} onClick={() => run("reschedule", { start: chosen.start })}>
              {pending ? "Moving…" : "Confirm new time"}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setChosen(null)} disabled={pending}>
              Choose another time
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
