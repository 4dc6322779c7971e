"use client";

import { useState, useSyncExternalStore } from "react";
import type { PublicCalendar } from "@/lib/booking/public";
import { Confirmation } from "./confirmation";
import { DetailsForm, type Confirmed } from "./details-form";
import { SlotPicker } from "./slot-picker";
import { TimezoneSelect } from "./timezone-select";
import type { PublicSlot } from "./use-slots";

type Step = { kind: "pick" } | { kind: "details"; slot: PublicSlot } | { kind: "done"; booking: Confirmed };

/** The customer's path: (service →) month → day → time → details → confirmation. */
export function BookingFlow({ calendar, initialMonth }: { calendar: PublicCalendar; initialMonth: string }) {
  // The browser's zone is only known on the client; the server renders the calendar's.
  const detected = useSyncExternalStore(
    () => () => {},
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => calendar.timeZone,
  );
  const [chosenZone, setTimeZone] = useState<string | null>(null);
  const timeZone = chosenZone ?? detected;
  const [serviceId, setServiceId] = useState<string | undefined>(calendar.services[0]?.id);
  const [step, setStep] = useState<Step>({ kind: "pick" });
  const [refresh, setRefresh] = useState(0);
  const service = calendar.services.find((s) => s.id === serviceId);
  const what = service ? `${service.name} · ${calendar.name}` : calendar.name;

  if (step.kind === "done") return <Confirmation booking={step.booking} timeZone={timeZone} what={what} />;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {calendar.type === "SERVICE" ? (
          <div className="flex items-center gap-2 text-sm">
            <label htmlFor="service" className="font-medium">
              Service
            </label>
            <select
              id="service"
              value={serviceId}
              onChange={(e) => {
                setServiceId(e.target.value);
                setStep({ kind: "pick" });
              }}
              disabled={step.kind !== "pick"}
              className="rounded-md border-0 bg-white px-2 py-1 text-sm ring-1 ring-inset ring-slate-300"
            >
              {calendar.services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.durationMinutes} min)
                </option>
              ))}
            </select>
          </div>
        ) : (
          <span />
        )}
        <TimezoneSelect value={timeZone} onChange={(zone) => setTimeZone(zone)} />
      </div>
      {step.kind === "pick" ? (
        <SlotPicker
          slug={calendar.slug}
          timeZone={timeZone}
          serviceId={serviceId}
          refresh={refresh}
          initialMonth={initialMonth}
          onPick={(slot) => setStep({ kind: "details", slot })}
        />
      ) : (
        <DetailsForm
          slug={calendar.slug}
          slot={step.slot}
          timeZone={timeZone}
          serviceId={serviceId}
          onBooked={(booking) => setStep({ kind: "done", booking })}
          onBack={(slotGone) => {
            if (slotGone) setRefresh((n) => n + 1);
            setStep({ kind: "pick" });
          }}
        />
      )}
    </div>
  );
}
