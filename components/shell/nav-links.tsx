"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/ui/cn";

export interface NavItem {
  href: string;
  label: string;
  section?: string;
}

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const current = items
    .map((i) => i.href)
    .filter((href) => pathname === href || pathname.startsWith(href + "/"))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <ul className="flex flex-col gap-1">
      {items.map((item) => {
        // The deepest matching item only: /settings/profile/calendars is not also "My Profile".
        const active = item.href === current;
        return (
          <li key={item.href}>
            {item.section ? (
              <p className="mt-4 px-3 pb-1 text-xs font-semibold uppercase tracking-wider text-slate-500">{item.section}</p>
            ) : null}
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "block rounded-md px-3 py-2 text-sm font-medium",
                active ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
