import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { RemoteObject } from "@/lib/caldav/reader";
import { parseBusyIntervals, type ParseOptions, type ParseResult } from "@/lib/ical/busy";

/** Parsing yields the event loop at least this often, so a large calendar never stalls the web server. */
export const PARSE_SLICE_MS = 20;

/**
 * Parses every object (each parse is synchronous), handing the event loop back whenever
 * `sliceMs` have passed since the last time: a 5,000-object calendar read by the in-process
 * worker never holds up the web requests served by the same process.
 */
export async function parseObjects(
  objects: RemoteObject[],
  options: ParseOptions,
  sliceMs = PARSE_SLICE_MS,
): Promise<{ object: RemoteObject; result: ParseResult }[]> {
  const parsed: { object: RemoteObject; result: ParseResult }[] = [];
  let sliceStart = performance.now();
  for (const object of objects) {
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
    parsed.push({ object, result: parseBusyIntervals(object.ics, options) });
  }
  return parsed;
}
