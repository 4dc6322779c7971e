import { describe, expect, it } from "vitest";
import {
  blocksAvailability,
  boundedList,
  entriesForObject,
  MAX_UNREADABLE_LISTED,
  readUnreadableEvents,
  summaryOf,
  type UnreadableEvent,
} from "@/lib/icloud-state/unreadable";

const ics = (events: string[][]) =>
  ["BEGIN:VCALENDAR", "VERSION:2.0", ...events.flatMap((e) => ["BEGIN:VEVENT", ...e, "END:VEVENT"]), "END:VCALENDAR", ""].join("\r\n");
const NOW = Date.parse("2026-12-03T10:00:00Z");
const entry = (over: Partial<UnreadableEvent> = {}): UnreadableEvent => ({
  objectUrl: "u/a.ics",
  uid: "a",
  title: "A",
  reason: "r",
  since: "2026-12-01T00:00:00.000Z",
  keptPrevious: false,
  ...over,
});

describe("summaryOf", () => {
  it("finds the SUMMARY of the event with that UID, wherever it stands, unfolded and unescaped", () => {
    const text = ics([
      ["UID:one", "SUMMARY:First"],
      ["SUMMARY:Lunch\\, with \\;friends\\nand", " more", "UID:two"],
    ]);
    expect(summaryOf(text, "two")).toBe("Lunch, with ;friends andmore");
    expect(summaryOf(text, "one")).toBe("First");
    expect(summaryOf(text, null)).toBe("First");
    expect(summaryOf(text, "three")).toBeNull();
    expect(summaryOf("not ics", null)).toBeNull();
  });

  it("keeps titles short", () => {
    expect(summaryOf(ics([["UID:x", `SUMMARY:${"y".repeat(5000)}`]]), "x")).toHaveLength(200);
  });
});

describe("entriesForObject", () => {
  const base = { objectUrl: "u/a.ics", ics: ics([["UID:a", "SUMMARY:Team"]]), now: NOW };

  it("a new object without earlier blocks blocks availability; one with earlier blocks keeps them", () => {
    const fresh = entriesForObject({ ...base, unreadable: [{ uid: "a", reason: "RSCALE" }], previous: [], hadBlocks: false });
    expect(fresh).toEqual([
      { objectUrl: "u/a.ics", uid: "a", title: "Team", reason: "RSCALE", since: new Date(NOW).toISOString(), keptPrevious: false },
    ]);
    expect(blocksAvailability(fresh)).toBe(true);
    const kept = entriesForObject({ ...base, unreadable: [{ uid: "a", reason: "RSCALE" }], previous: [], hadBlocks: true });
    expect(kept[0]!.keptPrevious).toBe(true);
    expect(blocksAvailability(kept)).toBe(false);
  });

  it("kept blocks stop counting once they are older than the staleness limit", () => {
    const kept = [entry({ keptPrevious: true, since: "2026-12-02T09:00:00.000Z" })];
    expect(blocksAvailability(kept, Date.parse("2026-12-02T08:00:00Z"))).toBe(false);
    expect(blocksAvailability(kept, Date.parse("2026-12-02T10:00:00Z"))).toBe(true);
    expect(blocksAvailability([entry({ keptPrevious: true, since: "garbage" })], 0)).toBe(true);
  });

  it("an object already listed keeps its state and since, whatever blocks it has now", () => {
    const previous = [entry({ since: "2026-11-30T08:00:00.000Z", keptPrevious: false })];
    const again = entriesForObject({ ...base, unreadable: [{ uid: "a", reason: "RSCALE" }], previous, hadBlocks: true });
    expect(again[0]).toMatchObject({ since: "2026-11-30T08:00:00.000Z", keptPrevious: false });
  });

  it("lists each UID and reason once", () => {
    const twice = entriesForObject({
      ...base,
      unreadable: [
        { uid: "a", reason: "x" },
        { uid: "a", reason: "x" },
        { uid: "a", reason: "y" },
      ],
      previous: [],
      hadBlocks: false,
    });
    expect(twice.map((e) => e.reason)).toEqual(["x", "y"]);
  });
});

describe("stored list", () => {
  it("is read defensively", () => {
    expect(readUnreadableEvents(null)).toEqual([]);
    expect(readUnreadableEvents("x")).toEqual([]);
    expect(readUnreadableEvents([{ objectUrl: 1 }, null, entry()])).toEqual([entry()]);
  });

  it("is bounded, the entries that block availability first", () => {
    const many = [
      ...Array.from({ length: 150 }, (_, i) => entry({ objectUrl: `k${i}`, keptPrevious: true })),
      entry({ objectUrl: "blocking" }),
    ];
    const stored = boundedList(many)!;
    expect(stored).toHaveLength(MAX_UNREADABLE_LISTED);
    expect(stored[0]!.objectUrl).toBe("blocking");
    expect(blocksAvailability(stored)).toBe(true);
    expect(boundedList([])).toBeNull();
  });
});
