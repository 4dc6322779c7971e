import type { FormState } from "@/lib/auth/form-state";
import { cn } from "@/lib/ui/cn";

/** The result of a server action, announced to screen readers. */
export function FormMessage({ state, className }: { state: FormState; className?: string }) {
  if (!state?.message) return null;
  return (
    <p
      role={state.ok ? "status" : "alert"}
      className={cn(
        "rounded-md px-3 py-2 text-sm ring-1",
        state.ok ? "bg-emerald-50 text-emerald-900 ring-emerald-200" : "bg-red-50 text-red-800 ring-red-200",
        className,
      )}
    >
      {state.message}
    </p>
  );
}
