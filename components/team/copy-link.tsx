"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";

/** A link shown once, selectable, with a copy button. */
export function CopyLink({ url, label }: { url: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  return (
    <div className="mt-3 space-y-1.5 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={id}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border-0 bg-white px-3 py-2 font-mono text-xs ring-1 ring-inset ring-slate-300"
        />
        <Button
          type="button"
          variant="secondary"
          className="shrink-0 whitespace-nowrap"
          onClick={async () => {
            await navigator.clipboard?.writeText(url).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy link"}
        </Button>
      </div>
      <p className="text-xs text-slate-500">Shown only now. It works once, for 7 days.</p>
    </div>
  );
}
