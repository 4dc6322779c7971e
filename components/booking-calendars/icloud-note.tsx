import { cn } from "@/lib/ui/cn";

/** Whether iCloud applies to a booking calendar (every type but Simple), said on every calendar page. */
export function ICloudBadge({ syncs }: { syncs: boolean }) {
  return (
    <span
      className={cn(
        "inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium",
        syncs ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600",
      )}
    >
      {syncs ? "Syncs with iCloud" : "No iCloud sync"}
    </span>
  );
}

export function ICloudNote({ syncs, className }: { syncs: boolean; className?: string }) {
  return (
    <p className={cn("text-xs text-slate-500", className)}>
      {syncs
        ? "Staff's iCloud busy time blocks bookings, and appointments are written to their primary iCloud calendars."
        : "Simple calendars don't sync with iCloud."}
    </p>
  );
}
