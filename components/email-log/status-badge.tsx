import { cn } from "@/lib/ui/cn";
import type { EmailLogRow } from "@/lib/email/log";

const LOOK: Record<EmailLogRow["status"], { text: string; className: string }> = {
  PENDING: { text: "Sending", className: "bg-sky-50 text-sky-800 ring-sky-200" },
  SENT: { text: "Sent", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  FAILED: { text: "Failed", className: "bg-red-50 text-red-800 ring-red-200" },
  NOT_SENT: { text: "Not sent (email not configured)", className: "bg-slate-100 text-slate-700 ring-slate-200" },
  SKIPPED: { text: "Skipped", className: "bg-slate-100 text-slate-700 ring-slate-200" },
};

export function EmailStatusBadge({ status, attempts }: { status: EmailLogRow["status"]; attempts?: number }) {
  const look = LOOK[status];
  const retrying = status === "PENDING" && attempts ? ` · retrying (attempt ${attempts})` : "";
  return (
    <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset", look.className)}>
      {look.text + retrying}
    </span>
  );
}
