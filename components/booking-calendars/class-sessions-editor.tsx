import type { ClassSessionView, Person } from "@/lib/booking-calendars/form-values";
import { ClassSessionForm } from "./class-session-form";

export function ClassSessionsEditor(props: {
  bookingCalendarId: string;
  sessions: ClassSessionView[];
  people: Person[];
  timeZone: string;
}) {
  const { sessions, ...shared } = props;
  return (
    <div className="space-y-6">
      {sessions.length === 0 ? (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          No classes yet: customers can&apos;t book this calendar until you add one.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md ring-1 ring-slate-200">
          {sessions.map((session) => (
            <li key={session.id} className="p-4">
              <ClassSessionForm {...shared} session={session} />
            </li>
          ))}
        </ul>
      )}
      <div className="space-y-3">
        <h3 className="text-sm font-semibold">Add a class</h3>
        {/* A new key per added class empties the form after each addition. */}
        <ClassSessionForm key={sessions.map((s) => s.id).join()} {...shared} />
      </div>
    </div>
  );
}
