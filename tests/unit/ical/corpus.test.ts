// Every iCloud-style object in tests/fixtures/ics against its hand-worked expectation
// (<name>.expected.json). Intervals, CRM events, skipped and unreadable reasons and `truncated`
// are all compared exactly, so a change in any of them fails the case it affects.

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseBusyIntervals, type ParseLimits } from "@/lib/ical/busy";

const DIR = path.join(import.meta.dirname, "../../fixtures/ics");

interface ExpectedInterval {
  start: string;
  end: string;
  allDay: boolean;
  title?: string;
  recurrenceId?: string;
}

interface Expected {
  description: string;
  ownerTimeZone: string;
  window: { start: string; end: string };
  ownerEmails: string[];
  blockUnansweredInvitations?: boolean;
  limits?: ParseLimits;
  intervals: ExpectedInterval[];
  crmEvents?: { uid: string; appointmentRef: string | null; start: string; end: string; sequence: number | null; cancelled: boolean }[];
  skippedReasons?: string[];
  /** Fragments of the `unreadable` reasons (each also a skipped reason); none when absent. */
  unreadableReasons?: string[];
  truncated?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const at = (text: string) => {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`bad ISO time in expectation: ${text}`);
  return ms;
};

const cases = readdirSync(DIR)
  .filter((file) => file.endsWith(".ics"))
  .map((file) => file.slice(0, -".ics".length))
  .sort();

describe("iCloud corpus", () => {
  it("has at least 40 cases, each with an expectation", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const expectations = readdirSync(DIR).filter((f) => f.endsWith(".expected.json"));
    expect(expectations.map((f) => f.slice(0, -".expected.json".length)).sort()).toEqual(cases);
  });

  it.each(cases)("%s", (name) => {
    const ics = readFileSync(path.join(DIR, `${name}.ics`), "utf8");
    const expected = JSON.parse(readFileSync(path.join(DIR, `${name}.expected.json`), "utf8")) as Expected;
    expect(expected.description.length).toBeGreaterThan(20);

    const result = parseBusyIntervals(ics, {
      window: { start: at(expected.window.start), end: at(expected.window.end) },
      ownerTimeZone: expected.ownerTimeZone,
      ownerEmails: expected.ownerEmails,
      blockUnansweredInvitations: expected.blockUnansweredInvitations,
      limits: expected.limits,
    });

    // Optional fields are compared only where the expectation states them.
    const actual = result.intervals.map((interval, i) => {
      const want = expected.intervals[i];
      const shown: ExpectedInterval = { start: iso(interval.start), end: iso(interval.end), allDay: interval.allDay };
      if (want?.title !== undefined) shown.title = interval.title;
      if (want?.recurrenceId !== undefined && interval.recurrenceId !== undefined) shown.recurrenceId = iso(interval.recurrenceId);
      else if (want?.recurrenceId !== undefined) shown.recurrenceId = "(none)";
      return shown;
    });
    const wanted = expected.intervals.map((w) => ({
      ...w,
      start: iso(at(w.start)),
      end: iso(at(w.end)),
      ...(w.recurrenceId ? { recurrenceId: iso(at(w.recurrenceId)) } : {}),
    }));
    expect(actual).toEqual(wanted);

    expect(result.crmEvents.map((c) => ({ ...c, start: iso(c.start), end: iso(c.end) }))).toEqual(
      (expected.crmEvents ?? []).map((c) => ({ ...c, start: iso(at(c.start)), end: iso(at(c.end)) })),
    );

    const reasons = result.skipped.map((s) => s.reason);
    const wantedReasons = expected.skippedReasons ?? [];
    for (const fragment of wantedReasons)
      expect(
        reasons.some((r) => r.includes(fragment)),
        `a skipped reason containing "${fragment}" in ${JSON.stringify(reasons)}`,
      ).toBe(true);
    expect(reasons).toHaveLength(wantedReasons.length);
    const unreadable = result.unreadable.map((s) => s.reason);
    const wantedUnreadable = expected.unreadableReasons ?? [];
    for (const fragment of wantedUnreadable)
      expect(
        unreadable.some((r) => r.includes(fragment)),
        `an unreadable reason containing "${fragment}" in ${JSON.stringify(unreadable)}`,
      ).toBe(true);
    expect(unreadable).toHaveLength(wantedUnreadable.length);
    for (const entry of result.unreadable) expect(result.skipped).toContainEqual(entry);
    expect(result.truncated).toBe(expected.truncated ?? false);
  });
});
