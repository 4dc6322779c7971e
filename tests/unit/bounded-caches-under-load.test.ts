// Distinct time-zone spellings (20,000; the abuse benchmark sends 100,000 to a running server) through every formatter the public API, the booking pages
// and the reader use: each cache stays within its bound (sizes asserted, not memory or time).
import { describe, expect, it } from "vitest";
import { zonedTimeToInstant } from "@/lib/availability";
import { boundedCacheStats } from "@/lib/bounded-cache";
import { toZonedIso } from "@/lib/time-zones";
import { SlotsQuerySchema } from "@/lib/booking/schemas";
import { formatDateTime } from "@/lib/time-format";
import { utcOffsetMinutes } from "@/lib/time-zones";

/** The n-th case spelling of a zone name: every letter upper or lower by the bits of n. */
function spelling(zone: string, n: number): string {
  let bit = 0;
  return [...zone].map((ch) => (/[a-z]/i.test(ch) ? ((n >> bit++) & 1 ? ch.toUpperCase() : ch.toLowerCase()) : ch)).join("");
}

describe("caches keyed by time-zone spellings stay bounded", () => {
  it("20,000 distinct spellings: canonicalised at the API, and every cache within its bound", () => {
    const zones = ["America/Argentina/ComodRivadavia", "America/North_Dakota/New_Salem", "Antarctica/DumontDUrville"];
    const seen = new Set<string>();
    const canonical = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const zone = spelling(zones[i % zones.length]!, Math.floor(i / zones.length) + 1);
      seen.add(zone);
      // The public API canonicalises first …
      const parsed = SlotsQuerySchema.safeParse({ start: "2030-01-07T00:00:00Z", end: "2030-01-08T00:00:00Z", timeZone: zone });
      if (i % 500 === 0) {
        expect(parsed.success).toBe(true);
        if (parsed.success) canonical.add(parsed.data.timeZone);
      }
      // … and each formatter is bounded even when called with a raw spelling.
      toZonedIso(0, zone);
      utcOffsetMinutes(zone, 0);
      formatDateTime(0, zone);
      zonedTimeToInstant("2030-01-07", 540, zone);
    }
    expect(seen.size).toBe(20_000);
    // Every spelling of a zone arrives as one canonical name.
    expect(canonical.size).toBeLessThanOrEqual(zones.length);
    const stats = boundedCacheStats();
    expect(stats.length).toBeGreaterThanOrEqual(4);
    for (const cache of stats) {
      expect(cache.size).toBeLessThanOrEqual(cache.maxEntries);
      expect(cache.weight).toBeLessThanOrEqual(cache.maxWeight);
    }
    expect(stats.reduce((sum, c) => sum + c.size, 0)).toBeLessThan(2_000);
  }, 120_000);
});
