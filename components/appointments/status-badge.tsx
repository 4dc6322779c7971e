import { cn } from "@/lib/ui/cn";

const LABELS = {
  CONFIRMED: { text: "Confirmed", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  CANCELLED: { text: "Cancelled", className: "bg-slate-100 text-slate-700 ring-slate-300" },
} as const;

export function AppointmentStatusBadge({ status }: { status: keyof typeof LABELS }) {
  const label = LABELS[status];
  return (
    <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", label.className)}>
      {label.text}
    </span>
  );
}
