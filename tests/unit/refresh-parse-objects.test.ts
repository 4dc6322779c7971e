import { describe, expect, it } from "vitest";
import { parseObjects } from "@/lib/sync/refresh/parse-objects";

const DAY = 86_400_000;
const start = Date.UTC(2026, 11, 10, 10);
const utc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
const objects = Array.from({ length: 60 }, (_, i) => ({
  url: `https://p01-caldav.icloud.com/1/calendars/home/${i}.ics`,
  etag: null,
  ics: [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "BEGIN:VEVENT",
    `UID:y-${i}`,
    "DTSTAMP:20261201T000000Z",
    `DTSTART:${utc(start + i * 3_600_000)}`,
    "DURATION:PT30M",
    `SUMMARY:E${i}`,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join("\r\n"),
}));
const options = { window: { start: start - DAY, end: start + 30 * DAY }, ownerTimeZone: "UTC", ownerEmails: [] };

/** How many times the event loop turned (setImmediate callbacks ran) while `work` was running. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let running = true;
  const spin = () => {
    if (!running) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  await work();
  running = false;
  return turns;
}

describe("parsing a refresh's objects yields the event loop", () => {
  it("hands the loop back between objects once a slice is used up", async () => {
    let parsed: Awaited<ReturnType<typeof parseObjects>> = [];
    const turns = await turnsDuring(async () => (parsed = await parseObjects(objects, options, 0)));
    expect(parsed.map((p) => p.result.intervals[0]!.start)).toEqual(objects.map((_, i) => start + i * 3_600_000));
    expect(turns).toBeGreaterThanOrEqual(objects.length - 1);
  });

  it("within one slice, parses without yielding (no needless turns)", async () => {
    const turns = await turnsDuring(() => parseObjects(objects.slice(0, 3), options, 60_000));
    expect(turns).toBe(0);
  });
});
