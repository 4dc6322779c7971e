"use client";
import { useEffect, useState, useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * The browser's IANA zone, or null while rendering on the server: the grid shows times in the
 * browser's zone, so it renders only once that zone is known (no server/client mismatch).
 */
export function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
}

/** The current time, refreshed every half minute, for "last refreshed 2 min ago". */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
