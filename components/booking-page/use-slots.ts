"use client";

import { useEffect, useState } from "react";
import { formatLocalDate } from "@/lib/time-format";

export interface PublicSlot {
  start: string;
  end: string;
  seatsLeft?: number;
}

export type SlotsState =
  { status: "loading" } | { status: "error"; message: string } | { status: "ready"; byDate: Map<string, PublicSlot[]> };

/** The month's open slots from the public API, grouped by local date in the customer's zone. */
export function useMonthSlots(slug: string, month: string, timeZone: string, serviceId: string | undefined, refresh: number): SlotsState {
  const key = JSON.stringify([slug, month, timeZone, serviceId ?? null, refresh]);
  // Results are kept with the request they answer; anything else is still loading.
  const [result, setResult] = useState<{ key: string; state: SlotsState } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const [y, m] = month.split("-").map(Number) as [number, number];
    // A day of margin each side: the API answers in the customer's zone, and we keep only this month's local dates.
    const start = new Date(Date.UTC(y, m - 1, 1) - 86_400_000).toISOString();
    const end = new Date(Date.UTC(y, m, 1) + 86_400_000).toISOString();
    const params = new URLSearchParams({ start, end, timeZone, ...(serviceId ? { serviceId } : {}) });
    fetch(`/api/public/calendars/${encodeURIComponent(slug)}/slots?${params}`, { signal: controller.signal })
      .then(async (res) => {
        const body = await res.json();
        if (!res.ok) throw new Error(body?.error?.message ?? "Could not load the available times.");
        const byDate = new Map<string, PublicSlot[]>();
        for (const slot of body.slots as PublicSlot[]) {
          const date = slot.start.slice(0, 10); // the API writes local time in our zone
          if (!date.startsWith(month)) continue;
          byDate.set(date, [...(byDate.get(date) ?? []), slot]);
        }
        setResult({ key, state: { status: "ready", byDate } });
      })
      .catch((error: Error) => {
        if (error.name === "AbortError") return;
        setResult({ key, state: { status: "error", message: error.message || "Could not load the available times." } });
      });
    return () => controller.abort();
  }, [key, slug, month, timeZone, serviceId]);
  return result?.key === key ? result.state : { status: "loading" };
}

export function localTime(iso: string): string {
  return iso.slice(11, 16);
}

export function formatLongDate(date: string): string {
  return formatLocalDate(date, "long");
}
