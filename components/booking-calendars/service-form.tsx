"use client";

import { useActionState } from "react";
import { deleteServiceAction, saveServiceAction } from "./actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import type { Person, ServiceView } from "@/lib/booking-calendars/form-values";
import { ConfirmDelete } from "./confirm-delete";

/** Adds a service (without `service`) or edits one: its name, length and the staff who provide it. */
export function ServiceForm({
  bookingCalendarId,
  service,
  people,
}: {
  bookingCalendarId: string;
  service?: ServiceView;
  people: Person[];
}) {
  const [state, formAction, pending] = useActionState(saveServiceAction, null);
  const errors = (state && !state.ok ? state.fieldErrors : undefined) ?? {};
  const key = service?.id ?? "new";
  const staff = new Set(service?.staffIds ?? []);
  return (
    <div className="space-y-3">
      <form
        id={`service-${key}`}
        action={formAction}
        onSubmit={submitWithoutReset(formAction)}
        className="space-y-3"
        aria-label={service ? `Service ${service.name}` : "New service"}
      >
        <input type="hidden" name="bookingCalendarId" value={bookingCalendarId} />
        {service ? <input type="hidden" name="serviceId" value={service.id} /> : null}
        <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
          <Field
            id={`service-name-${key}`}
            name="name"
            label="Service name"
            required
            maxLength={120}
            defaultValue={service?.name}
            errors={errors.name}
          />
          <Field
            id={`service-duration-${key}`}
            name="durationMinutes"
            type="number"
            inputMode="numeric"
            label="Duration (minutes)"
            min={5}
            max={720}
            required
            defaultValue={service?.durationMinutes ?? 30}
            errors={errors.durationMinutes}
          />
        </div>
        <fieldset aria-describedby={errors.staffIds?.length ? `service-staff-${key}-error` : undefined}>
          <legend className="text-sm font-medium text-slate-800">Staff who provide it</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {people.map((person) => (
              <label key={person.id} className="inline-flex items-center gap-2 text-sm">
                <input type="checkbox" name="staffIds" value={person.id} defaultChecked={staff.has(person.id)} />
                {person.name}
              </label>
            ))}
          </div>
          {errors.staffIds?.length ? (
            <p id={`service-staff-${key}-error`} className="mt-1 text-sm text-red-700">
              {errors.staffIds.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <FormMessage state={state} />
      </form>
      {/* The dialog's own form stays outside this one: React would bubble its submit into ours. */}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" form={`service-${key}`} variant={service ? "secondary" : "primary"} disabled={pending}>
          {pending ? "Saving…" : service ? "Save service" : "Add service"}
        </Button>
        {service ? (
          <ConfirmDelete
            action={deleteServiceAction}
            fields={{ bookingCalendarId, serviceId: service.id }}
            trigger={`Remove ${service.name}`}
            title={`Remove “${service.name}”?`}
            description="Customers can no longer book it. Past appointments keep their times; a service with upcoming appointments can't be removed."
            confirm="Remove service"
          />
        ) : null}
      </div>
    </div>
  );
}
