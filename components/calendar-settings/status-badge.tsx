import { cn } from "@/lib/ui/cn";

const LABELS = {
  ACTIVE: { text: "Connected", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  NEEDS_REAUTH: { text: "Needs reconnect", className: "bg-amber-50 text-amber-900 ring-amber-300" },
  ERROR: { text: "Error", className: "bg-red-50 text-red-800 ring-red-200" },
} as const;

export function ConnectionStatusBadge({ status }: { status: keyof typeof LABELS }) {
  const label = LABELS[status];
  return (
    <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", label.className)}>
      {label.text}
    </span>
  );
}

export function connectionStatusText(status: keyof typeof LABELS): string {
  return LABELS[status].text;
}
