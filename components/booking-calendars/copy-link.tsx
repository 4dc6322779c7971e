"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/ui/cn";

/** Copies with the Clipboard API, or (plain-HTTP hosts, older browsers) a selected text field. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection
  }
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.style.position = "fixed";
  field.style.opacity = "0";
  document.body.append(field);
  field.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    field.remove();
  }
}

/** A booking calendar's public link, opened by clicking it, with a button that copies its full address. */
export function CopyLink({ slug, className }: { slug: string; className?: string }) {
  const path = `/book/${slug}`;
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className={cn("inline-flex max-w-full flex-wrap items-center gap-x-2 gap-y-1", className)}>
      <Link href={path} className="break-all text-brand-700 underline-offset-2 hover:underline">
        {path}
      </Link>
      <Button
        type="button"
        variant="secondary"
        className="h-7 px-2 py-0 text-xs"
        aria-label={state === "copied" ? `Copied ${path}` : `Copy link ${path}`}
        onClick={async () => setState((await copyText(new URL(path, window.location.origin).href)) ? "copied" : "failed")}
      >
        {state === "copied" ? "Copied" : "Copy link"}
      </Button>
      <span role="status" className="sr-only">
        {state === "copied" ? "Link copied" : state === "failed" ? "Couldn't copy; select the link and copy it yourself." : ""}
      </span>
      {state === "failed" ? <span className="text-xs text-red-700">Couldn&apos;t copy: select the link instead.</span> : null}
    </span>
  );
}
