"use client";

import { usePathname } from "next/navigation";
import { useState } from "react";
import { cn } from "@/lib/ui/cn";

/**
 * The staff navigation. From md up it is a sidebar that stays in view (its Sign out too); on a
 * phone it folds into a compact header with a Menu button (a disclosure), so a page's own
 * heading is on the first screen. It closes again when the page changes.
 */
export function StaffNav({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  // Open for the page it was opened on: navigating elsewhere closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  return (
    <>
      <div className="flex items-center justify-between gap-4 px-4 py-2 md:hidden">
        <p className="text-sm font-semibold text-brand-700">CRM Calendar</p>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpenOn(open ? null : pathname)}
          className="inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          <svg aria-hidden viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
            {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 5h14M3 10h14M3 15h14" />}
          </svg>
          {open ? "Close" : "Menu"}
        </button>
      </div>
      <nav
        id="main-nav"
        aria-label="Main"
        className={cn(
          "flex-col gap-4 border-t border-slate-200 p-4 md:flex md:h-full md:overflow-y-auto md:border-t-0",
          open ? "flex" : "hidden",
        )}
      >
        <p className="hidden px-3 text-sm font-semibold text-brand-700 md:block">CRM Calendar</p>
        {children}
      </nav>
    </>
  );
}
