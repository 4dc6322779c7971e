"use client";

import { deleteBookingCalendarAction } from "@/app/(staff)/admin/booking-calendars/actions";
import { ConfirmDelete } from "./confirm-delete";

export function DeleteCalendar({ bookingCalendarId, name, slug, upcoming }: { bookingCalendarId: string; name: string; slug: string; upcoming: number }) {
  const blocked = upcoming > 0;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        {blocked
          ? `It has ${upcoming} upcoming appointment${upcoming === 1 ? "" : "s"}. Cancel or move ${upcoming === 1 ? "it" : "them"} before deleting the calendar.`
          : `Customers will no longer be able to book at /book/${slug}. Its past appointments are deleted with it.`}
      </p>
      <ConfirmDelete
        action={deleteBookingCalendarAction}
        fields={{ bookingCalendarId }}
        trigger="Delete calendar"
        title={`Delete “${name}”?`}
        description={
          blocked
            ? "It still has upcoming appointments, so it can't be deleted yet."
            : `The link /book/${slug} stops working and the calendar's settings, members, services, classes and past appointments are deleted. This can't be undone.`
        }
        confirm="Delete calendar"
      />
    </div>
  );
}
