import { describe, expect, it } from "vitest";
import { expandSessions } from "@/lib/booking/class-occurrences";

const session = (startsAt: string, extra: Partial<Parameters<typeof expandSessions>[0][number]> = {}) => ({
  id: "s1",
  instructorId: "u1",
  startsAt: new Date(startsAt),
  durationMinutes: 60,
  capacity: 5,
  recurrence: "WEEKLY" as const,
  repeatUntil: null,
  ...extra,
});

describe("weekly class sessions", () => {
  it("keep their local wall time across a DST change (18:00 Berlin stays 18:00)", () => {
    // 2026-03-24 18:00 CET = 17:00Z; after 2026-03-29 it is CEST, so 18:00 = 16:00Z.
    const occurrences = expandSessions(
      [session("2026-03-24T17:00:00Z")],
      { start: Date.parse("2026-03-20T00:00:00Z"), end: Date.parse("2026-04-15T00:00:00Z") },
      "Europe/Berlin",
    );
    expect(occurrences.map((o) => new Date(o.start).toISOString())).toEqual([
      "2026-03-24T17:00:00.000Z",
      "2026-03-31T16:00:00.000Z",
      "2026-04-07T16:00:00.000Z",
      "2026-04-14T16:00:00.000Z",
    ]);
  });

  it("take the wall time of a first session that falls on the DST day itself", () => {
    // Sunday 2026-03-29 10:00 CEST = 08:00Z (the clocks went forward at 02:00 that morning).
    const occurrences = expandSessions(
      [session("2026-03-29T08:00:00Z")],
      { start: Date.parse("2026-03-29T00:00:00Z"), end: Date.parse("2026-04-06T00:00:00Z") },
      "Europe/Berlin",
    );
    expect(occurrences.map((o) => new Date(o.start).toISOString())).toEqual(["2026-03-29T08:00:00.000Z", "2026-04-05T08:00:00.000Z"]);
  });

  it("stop after repeatUntil and include one-off sessions only inside the range", () => {
    const weekly = session("2026-05-05T16:00:00Z", { repeatUntil: new Date("2026-05-19T00:00:00Z") });
    const once = session("2026-05-07T16:00:00Z", { id: "s2", recurrence: "NONE" });
    const found = expandSessions(
      [weekly, once],
      { start: Date.parse("2026-05-01T00:00:00Z"), end: Date.parse("2026-06-30T00:00:00Z") },
      "Europe/Berlin",
    );
    expect(found.map((o) => `${o.sessionId}@${new Date(o.start).toISOString().slice(0, 10)}`)).toEqual([
      "s1@2026-05-05",
      "s2@2026-05-07",
      "s1@2026-05-12",
      "s1@2026-05-19",
    ]);
  });
});
