"use client";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { LockIcon } from "./lock-icon";

export interface OpenEvent {
  title: string;
  details: { label: string; value: string }[];
  /** The event's element: the popover sits next to it and gives focus back to it on close. */
  anchor: HTMLElement;
}

const GAP = 6;
const MARGIN = 8;

/**
 * The details of an event that has no page of its own (iCloud busy time), opened by a click or
 * by Enter/Space on the event. A non-modal dialog next to the event: Escape, the close button or
 * a click elsewhere closes it, and focus goes back to the event.
 */
export function EventPopover({ open, onClose }: { open: OpenEvent; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);

  // Below the event if it fits, else above; inside the window; following the event as the page or the grid scrolls.
  useLayoutEffect(() => {
    const place = () => {
      const box = ref.current?.getBoundingClientRect();
      if (!box) return;
      const anchor = open.anchor.getBoundingClientRect();
      const below = anchor.bottom + GAP;
      const top = below + box.height <= window.innerHeight - MARGIN ? below : Math.max(MARGIN, anchor.top - GAP - box.height);
      const left = Math.min(Math.max(MARGIN, anchor.left), window.innerWidth - box.width - MARGIN);
      setPosition({ top, left: Math.max(MARGIN, left) });
    };
    place();
    window.addEventListener("scroll", place, true);
    window.addEventListener("resize", place);
    return () => {
      window.removeEventListener("scroll", place, true);
      window.removeEventListener("resize", place);
    };
  }, [open]);

  useEffect(() => {
    closeRef.current?.focus();
    const anchor = open.anchor;
    const close = () => {
      onClose();
      if (anchor.isConnected) anchor.focus();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close();
    };
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!ref.current?.contains(target) && !anchor.contains(target)) onClose();
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open, onClose]);

  return createPortal(
    <div
      ref={ref}
      role="dialog"
      aria-labelledby={titleId}
      className="fixed z-50 w-72 max-w-[calc(100vw-1rem)] rounded-lg bg-white p-3 text-sm shadow-lg ring-1 ring-slate-300"
      style={position ? { top: position.top, left: position.left } : { top: 0, left: 0, visibility: "hidden" }}
    >
      <div className="mb-2 flex items-start justify-between gap-2">
        <h2 id={titleId} className="flex items-center gap-1.5 font-semibold text-slate-900">
          <LockIcon className="size-3.5" />
          {open.title}
        </h2>
        <button
          ref={closeRef}
          type="button"
          onClick={() => {
            onClose();
            if (open.anchor.isConnected) open.anchor.focus();
          }}
          className="-m-1 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
        >
          <span aria-hidden>✕</span>
          <span className="sr-only">Close</span>
        </button>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
        {open.details.map((d) => (
          <div key={d.label} className="contents">
            <dt className="text-slate-500">{d.label}</dt>
            <dd className="min-w-0 break-words text-slate-900">{d.value}</dd>
          </div>
        ))}
      </dl>
    </div>,
    document.body,
  );
}
