import type { MemberValue, Person } from "@/lib/booking-calendars/form-values";

/**
 * Who is booked on the calendar. Round robin also asks for each member's priority (higher goes
 * first); for the other types the stored priority is carried along unchanged.
 */
export function MembersFields({
  people,
  members,
  withPriority,
  required,
  errors,
}: {
  people: Person[];
  members: MemberValue[];
  withPriority: boolean;
  required: boolean;
  errors?: string[];
}) {
  const chosen = new Map(members.map((m) => [m.userId, m.priority]));
  return (
    <fieldset className="space-y-3" aria-describedby={errors?.length ? "members-error" : "members-hint"}>
      <legend className="text-base font-semibold text-slate-900">Members</legend>
      <p id="members-hint" className="-mt-1 text-sm text-slate-600">
        {required ? "At least one. " : ""}
        Their working hours{withPriority ? " and priority" : ""} decide the times customers see.
        {withPriority ? " Priority: higher goes first (0 to 100)." : ""}
      </p>
      <ul className="divide-y divide-slate-200 rounded-md ring-1 ring-slate-200">
        {people.map((person) => (
          <li key={person.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2">
            <label className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="memberIds" value={person.id} defaultChecked={chosen.has(person.id)} />
              {person.name}
            </label>
            {withPriority ? (
              <label className="inline-flex items-center gap-2 text-sm text-slate-600">
                Priority
                <input
                  type="number"
                  inputMode="numeric"
                  name={`priority.${person.id}`}
                  aria-label={`Priority for ${person.name}`}
                  min={0}
                  max={100}
                  defaultValue={chosen.get(person.id) ?? 0}
                  className="w-20 rounded-md border-0 bg-white px-2 py-1 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
                />
              </label>
            ) : (
              <input type="hidden" name={`priority.${person.id}`} value={chosen.get(person.id) ?? 0} />
            )}
          </li>
        ))}
      </ul>
      {errors?.length ? (
        <p id="members-error" className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}
