import type { Person, ServiceView } from "@/lib/booking-calendars/form-values";
import { ServiceForm } from "./service-form";

export function ServicesEditor({
  bookingCalendarId,
  services,
  people,
}: {
  bookingCalendarId: string;
  services: ServiceView[];
  people: Person[];
}) {
  return (
    <div className="space-y-6">
      {services.length === 0 ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          No services yet: customers can&apos;t book this calendar until you add one.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md ring-1 ring-slate-200">
          {services.map((service) => (
            <li key={service.id} className="p-4">
              <ServiceForm bookingCalendarId={bookingCalendarId} service={service} people={people} />
            </li>
          ))}
        </ul>
      )}
      <div className="space-y-3">
        <h3 className="text-sm font-semibold">Add a service</h3>
        {/* A new key per added service empties the form after each addition. */}
        <ServiceForm key={services.map((s) => s.id).join()} bookingCalendarId={bookingCalendarId} people={people} />
      </div>
    </div>
  );
}
