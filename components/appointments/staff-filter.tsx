import { Button } from "@/components/ui/button";

/** The admin's "whose appointments" choice: a plain GET form, so it works before any script loads. */
export function StaffFilter({ staff, selected }: { staff: { id: string; name: string }[]; selected?: string }) {
  return (
    <form method="get" action="/appointments" className="flex flex-wrap items-end gap-2">
      <div className="space-y-1.5">
        <label htmlFor="staff-filter" className="block text-sm font-medium text-slate-800">
          Staff member
        </label>
        <select
          id="staff-filter"
          name="staff"
          defaultValue={selected ?? ""}
          className="block w-64 max-w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
        >
          <option value="">Everyone</option>
          {staff.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary">
        Show
      </Button>
    </form>
  );
}
