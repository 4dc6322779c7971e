"use client";

import { useActionState, useState } from "react";
import { createBookingCalendarAction, updateBookingCalendarAction } from "./actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import { MEMBER_TYPES, MEMBERS_REQUIRED } from "@/lib/booking-calendars/calendar-types";
import type { CalendarFormValues, MemberValue, Person } from "@/lib/booking-calendars/form-values";
import type { TimeZoneOption } from "@/lib/time-format";
import { BasicsFields, TimingFields, WindowFields } from "./calendar-fields";
import { ICloudNote } from "./icloud-note";
import { MembersFields } from "./members-fields";
import { RoundRobinModeField } from "./round-robin-mode";
import { TypeField } from "./type-field";

export interface CalendarFormProps {
  /** Absent when creating. */
  bookingCalendarId?: string;
  values: CalendarFormValues;
  members: MemberValue[];
  people: Person[];
  timeZones: TimeZoneOption[];
  /** usesICloud per type, computed on the server (the one rule lives in lib/booking). */
  icloudByType: Record<string, boolean>;
  typeLockedReason?: string;
  typeChangeWarning?: string;
}

/** Creates or edits a booking calendar's settings; the fields follow the chosen type. */
export function CalendarForm(props: CalendarFormProps) {
  const { bookingCalendarId, values } = props;
  const editing = Boolean(bookingCalendarId);
  const [state, formAction, pending] = useActionState(editing ? updateBookingCalendarAction : createBookingCalendarAction, null);
  const [type, setType] = useState(values.type);
  const errors = (state && !state.ok ? state.fieldErrors : undefined) ?? {};
  const memberBased = MEMBER_TYPES.includes(type);
  return (
    <form action={formAction} onSubmit={submitWithoutReset(formAction)} className="space-y-8" aria-busy={pending}>
      {bookingCalendarId ? <input type="hidden" name="bookingCalendarId" value={bookingCalendarId} /> : null}
      <div className="space-y-2">
        <TypeField
          value={type}
          onChange={setType}
          icloudByType={props.icloudByType}
          lockedReason={props.typeLockedReason}
          changeWarning={props.typeChangeWarning}
          errors={errors.type}
        />
        <ICloudNote syncs={props.icloudByType[type] ?? true} />
      </div>
      <BasicsFields values={values} errors={errors} timeZones={props.timeZones} suggestSlug={!editing} />
      <TimingFields type={type} values={values} errors={errors} />
      <WindowFields values={values} errors={errors} />
      {memberBased ? (
        <MembersFields
          people={props.people}
          members={props.members}
          withPriority={type === "ROUND_ROBIN"}
          required={MEMBERS_REQUIRED.includes(type)}
          errors={errors.members}
        />
      ) : (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200">
          {type === "SERVICE"
            ? `Staff are chosen per service${editing ? ", under Services." : ", once the calendar is created."}`
            : `Each class has its own instructor${editing ? ", under Classes." : ", set once the calendar is created."}`}
        </p>
      )}
      {type === "ROUND_ROBIN" ? (
        <RoundRobinModeField value={values.roundRobinMode} errors={errors.roundRobinMode} />
      ) : (
        <input type="hidden" name="roundRobinMode" value={values.roundRobinMode} />
      )}
      <FormMessage state={state} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : editing ? "Save" : "Create booking calendar"}
        </Button>
      </div>
    </form>
  );
}
