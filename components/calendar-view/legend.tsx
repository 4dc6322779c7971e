import { staffColor } from "./format";
import { LockIcon } from "./lock-icon";
import { APPOINTMENT_COLOR, BLOCKED_STYLE, BUSY_CLASS, BUSY_STYLE } from "./to-events";

/** What the colours and stripes mean; in the team view, one colour per member. */
export function Legend({ members }: { members: { id: string; name: string; colorIndex: number }[] | null }) {
  return (
    <ul aria-label="Legend" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-700">
      {members ? (
        members.map((m) => (
          <li key={m.id} className="flex items-center gap-1.5">
            <span aria-hidden className="size-3 rounded-sm" style={{ backgroundColor: staffColor(m.colorIndex) }} />
            {m.name}
          </li>
        ))
      ) : (
        <li className="flex items-center gap-1.5">
          <span aria-hidden className="size-3 rounded-sm" style={{ backgroundColor: APPOINTMENT_COLOR }} />
          Appointment (opens its page)
        </li>
      )}
      <li className="flex items-center gap-1.5">
        <span
          aria-hidden
          className="size-3 rounded-sm border"
          style={{ backgroundColor: BLOCKED_STYLE.backgroundColor, borderColor: BLOCKED_STYLE.borderColor }}
        />
        Blocked time (opens to edit)
      </li>
      <li className="flex items-center gap-1.5">
        <span
          aria-hidden
          className={`size-3 rounded-sm border ${BUSY_CLASS}`}
          style={{ backgroundColor: BUSY_STYLE.backgroundColor, borderColor: BUSY_STYLE.borderColor }}
        />
        <LockIcon />
        Busy in iCloud (read-only)
      </li>
    </ul>
  );
}
