"use client";

import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import type { PublicCalendar } from "@/lib/booking/public";
import { DetailsForm, EMPTY_DETAILS, type Confirmed, type CustomerDetails } from "./details-form";
import { SlotPicker } from "./slot-picker";
import { TimezoneSelect } from "./timezone-select";
import type { PublicSlot } from "./use-slots";

type Step = { kind: "pick"; slotGone?: boolean } | { kind: "details"; slot: PublicSlot };

/** The confirmation's own address: the manage page, which survives a reload and is the link in the email. */
function confirmationHref(booking: Confirmed): string {
  return `/booking/${encodeURIComponent(booking.id)}?token=${encodeURIComponent(booking.manageToken)}&booked=1`;
}

/** The customer's path: (service →) month → day → time → details → confirmation (/booking/{id}?booked=1). */
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
  const [details, setDetails] = useState<CustomerDetails>(EMPTY_DETAILS);
  // The day last looked at, so coming back from the details opens the same day.
  const [lastDate, setLastDate] = useState<string | undefined>(undefined);
  const router = useRouter();

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
                setLastDate(undefined);
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
        ) : null}
        <TimezoneSelect value={timeZone} onChange={(zone) => setTimeZone(zone)} />
      </div>
      {step.kind === "pick" ? (
        <>
          {step.slotGone ? (
            <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
              That time was just taken. Your details are kept: choose another time.
            </p>
          ) : null}
          <SlotPicker
            slug={calendar.slug}
            timeZone={timeZone}
            serviceId={serviceId}
            refresh={refresh}
            initialMonth={initialMonth}
            initialDate={lastDate}
            onPick={(slot) => {
              setLastDate(slot.start.slice(0, 10));
              setStep({ kind: "details", slot });
            }}
          />
        </>
      ) : (
        <DetailsForm
          key={step.slot.start}
          slug={calendar.slug}
          slot={step.slot}
          timeZone={timeZone}
          serviceId={serviceId}
          details={details}
          onDetailsChange={setDetails}
          onBooked={(booking) => router.push(confirmationHref(booking))}
          onBack={(slotGone) => {
            if (slotGone) setRefresh((n) => n + 1);
            setStep({ kind: "pick", slotGone });
          }}
        />
      )}
    </div>
  );
}
