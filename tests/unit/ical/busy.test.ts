// Targeted behaviour of the busy-block reader that the fixture corpus does not pin down alone:
// the decisions taken where RFC 5545 or iCloud leave room, and the public helpers.

import { describe, expect, it } from "vitest";
import { ownerEmailsFor, parseBusyIntervals } from "@/lib/ical/busy";
import { at, BERLIN_VTIMEZONE, calendar, iso, options, spans, vevent } from "./helpers";

const meeting = (attendee: string, extra: string[] = []) =>
  calendar(
    vevent([
      "DTSTART:20260310T090000Z",
      "DTEND:20260310T100000Z",
      "ORGANIZER;CN=Bob;EMAIL=bob@partner.example:mailto:bob@partner.example",
      "ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:mailto:bob@partner.example",
      attendee,
      ...extra,
    ]),
  );

describe("ownerEmailsFor", () => {
  it("lowercases, strips mailto:, drops duplicates and non-addresses (an Apple ID can be a phone number)", () => {
    expect(ownerEmailsFor({ appleId: " Anna.M@iCloud.com ", email: "mailto:anna@example.com" })).toEqual([
      "anna.m@icloud.com",
      "anna@example.com",
    ]);
    expect(ownerEmailsFor({ appleId: "anna@example.com", email: "ANNA@example.com" })).toEqual(["anna@example.com"]);
    expect(ownerEmailsFor({ appleId: "+49 151 1234567", email: null })).toEqual([]);
    expect(ownerEmailsFor({})).toEqual([]);
  });
});

describe("invitations", () => {
  it("finds the owner through Apple's EMAIL parameter when the value is not a mailto: (urn:uuid)", () => {
    const ics = meeting("ATTENDEE;CN=Anna;EMAIL=Anna@Example.com;PARTSTAT=DECLINED:urn:uuid:00000000-1111-2222-3333-444444444444");
    expect(parseBusyIntervals(ics, options()).intervals).toEqual([]);
  });

  it("treats DELEGATED like DECLINED: the owner handed the invitation on", () => {
    expect(parseBusyIntervals(meeting("ATTENDEE;PARTSTAT=DELEGATED:mailto:anna@example.com"), options()).intervals).toEqual([]);
  });

  it("TENTATIVE blocks, as acceptance does", () => {
    const ics = meeting("ATTENDEE;PARTSTAT=TENTATIVE:mailto:anna@example.com");
    expect(parseBusyIntervals(ics, options({ blockUnansweredInvitations: false })).intervals).toHaveLength(1);
  });

  it("an invitation to an address the owner list does not know still blocks, even when unanswered ones do not", () => {
    const ics = meeting("ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:anna.alias@example.com");
    expect(parseBusyIntervals(ics, options({ blockUnansweredInvitations: false })).intervals).toHaveLength(1);
  });

  it("with two of the owner's addresses invited, one acceptance is enough", () => {
    const ics = meeting("ATTENDEE;PARTSTAT=DECLINED:mailto:anna@example.com", ["ATTENDEE;PARTSTAT=ACCEPTED:mailto:anna.m@icloud.com"]);
    const result = parseBusyIntervals(
      ics,
      options({ ownerEmails: ownerEmailsFor({ appleId: "anna.m@icloud.com", email: "anna@example.com" }) }),
    );
    expect(result.intervals).toHaveLength(1);
  });
});

describe("travel time", () => {
  it("extends timed events backwards, but not all-day ones", () => {
    const ics = calendar(
      vevent(["DTSTART:20260310T090000Z", "DTEND:20260310T100000Z", "X-APPLE-TRAVEL-DURATION;VALUE=DURATION:PT45M"], "timed"),
      vevent(["DTSTART;VALUE=DATE:20260311", "X-APPLE-TRAVEL-DURATION;VALUE=DURATION:PT45M"], "all-day"),
      vevent(["DTSTART:20260312T090000Z", "DTEND:20260312T100000Z", "X-APPLE-TRAVEL-DURATION;VALUE=DURATION:-PT1H"], "bad-travel"),
    );
    const result = parseBusyIntervals(ics, options());
    expect(spans(result.intervals)).toEqual([
      "2026-03-10T08:15Z/2026-03-10T10:00Z",
      "2026-03-10T23:00Z/2026-03-11T23:00Z",
      "2026-03-12T09:00Z/2026-03-12T10:00Z",
    ]);
    expect(result.skipped).toEqual([{ uid: "bad-travel", reason: "ignored an unreadable X-APPLE-TRAVEL-DURATION" }]);
  });

  it("an event whose travel time reaches into the window counts", () => {
    const ics = calendar(vevent(["DTSTART:20260301T000000Z", "DTEND:20260301T010000Z", "X-APPLE-TRAVEL-DURATION;VALUE=DURATION:PT1H"]));
    const result = parseBusyIntervals(ics, options({ window: { start: at("2026-02-28T23:30Z"), end: at("2026-03-01T00:00Z") } }));
    expect(spans(result.intervals)).toEqual(["2026-02-28T23:00Z/2026-03-01T01:00Z"]);
  });
});

describe("overrides matched by instant", () => {
  it("a UTC RECURRENCE-ID matches an IANA TZID occurrence even without a VTIMEZONE", () => {
    // 2026-03-31 18:00 Europe/Berlin is CEST = 16:00Z. ical.js alone would read the TZID as floating.
    const ics = calendar(
      vevent(["DTSTART;TZID=Europe/Berlin:20260324T180000", "DTEND;TZID=Europe/Berlin:20260324T190000", "RRULE:FREQ=WEEKLY;COUNT=3"], "w"),
      vevent(
        ["RECURRENCE-ID:20260331T160000Z", "DTSTART;TZID=Europe/Berlin:20260401T180000", "DTEND;TZID=Europe/Berlin:20260401T190000"],
        "w",
      ),
    );
    const result = parseBusyIntervals(ics, options());
    expect(spans(result.intervals)).toEqual([
      "2026-03-24T17:00Z/2026-03-24T18:00Z",
      "2026-04-01T16:00Z/2026-04-01T17:00Z",
      "2026-04-07T16:00Z/2026-04-07T17:00Z",
    ]);
    expect(iso(result.intervals[1]!.recurrenceId!)).toBe("2026-03-31T16:00Z");
  });

  it("of two overrides for one occurrence, the higher SEQUENCE wins", () => {
    const base = ["DTSTART:20260310T090000Z", "DTEND:20260310T100000Z", "RRULE:FREQ=DAILY;COUNT=2"];
    const override = (sequence: number, hour: string) =>
      vevent(
        ["RECURRENCE-ID:20260311T090000Z", `SEQUENCE:${sequence}`, `DTSTART:20260311T${hour}0000Z`, `DTEND:20260311T${hour}3000Z`],
        "d",
      );
    for (const overrides of [
      [override(2, "12"), override(3, "14")],
      [override(3, "14"), override(2, "12")],
    ]) {
      const result = parseBusyIntervals(calendar(vevent(base, "d"), ...overrides), options());
      expect(spans(result.intervals)).toEqual(["2026-03-10T09:00Z/2026-03-10T10:00Z", "2026-03-11T14:00Z/2026-03-11T14:30Z"]);
    }
  });

  it("an override without DTEND keeps the master's length; one for an EXDATE'd occurrence is ignored", () => {
    const ics = calendar(
      vevent(["DTSTART:20260310T090000Z", "DTEND:20260310T100000Z", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20260312T090000Z"], "d"),
      vevent(["RECURRENCE-ID:20260311T090000Z", "DTSTART:20260311T150000Z"], "d"),
      vevent(["RECURRENCE-ID:20260312T090000Z", "DTSTART:20260312T150000Z", "DTEND:20260312T160000Z"], "d"),
    );
    expect(spans(parseBusyIntervals(ics, options()).intervals)).toEqual([
      "2026-03-10T09:00Z/2026-03-10T10:00Z",
      "2026-03-11T15:00Z/2026-03-11T16:00Z",
    ]);
  });
});

describe("results", () => {
  it("are sorted by start and deduplicated across events, UID kept", () => {
    const ics = calendar(
      vevent(["DTSTART:20260312T090000Z", "DTEND:20260312T100000Z", "SUMMARY:later"], "b"),
      vevent(["DTSTART:20260310T090000Z", "DTEND:20260310T100000Z", "RDATE:20260310T090000Z", "SUMMARY:earlier"], "a"),
    );
    const { intervals } = parseBusyIntervals(ics, options());
    expect(intervals.map((i) => [i.uid, i.title, iso(i.start)])).toEqual([
      ["a", "earlier", "2026-03-10T09:00Z"],
      ["b", "later", "2026-03-12T09:00Z"],
    ]);
    expect(intervals[0]!.recurrenceId).toBe(at("2026-03-10T09:00Z"));
    expect(intervals[1]!.recurrenceId).toBeUndefined();
  });

  it("two components without RECURRENCE-ID for one UID, same SEQUENCE and DTSTAMP: the last one is used and the choice reported", () => {
    const ics = calendar(
      vevent(["DTSTART:20260310T090000Z", "DTEND:20260310T100000Z"], "dup"),
      vevent(["DTSTART:20260311T090000Z", "DTEND:20260311T100000Z"], "dup"),
    );
    const result = parseBusyIntervals(ics, options());
    expect(spans(result.intervals)).toEqual(["2026-03-11T09:00Z/2026-03-11T10:00Z"]);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      "2 components without RECURRENCE-ID; the one with the highest SEQUENCE (then latest DTSTAMP, LAST-MODIFIED) was used",
    ]);
    expect(result.unreadable).toEqual([]);
  });

  it("an embedded VTIMEZONE wins over Intl for its TZID (RFC 5545: the object defines the zone)", () => {
    // A deliberately wrong "Europe/Berlin" fixed at +05:00.
    const fake = BERLIN_VTIMEZONE.replace(/TZOFFSETTO:\+0[12]00/g, "TZOFFSETTO:+0500").replace(
      /TZOFFSETFROM:\+0[12]00/g,
      "TZOFFSETFROM:+0500",
    );
    const ics = calendar(fake, vevent(["DTSTART;TZID=Europe/Berlin:20260310T090000", "DTEND;TZID=Europe/Berlin:20260310T100000"]));
    expect(spans(parseBusyIntervals(ics, options()).intervals)).toEqual(["2026-03-10T04:00Z/2026-03-10T05:00Z"]);
  });

  it("an empty or inverted window gives nothing; a bad owner zone is a programming error", () => {
    const ics = calendar(vevent(["DTSTART:20260310T090000Z", "DTEND:20260310T100000Z"]));
    expect(
      parseBusyIntervals(ics, options({ window: { start: at("2026-03-11T00:00Z"), end: at("2026-03-01T00:00Z") } })).intervals,
    ).toEqual([]);
    expect(() => parseBusyIntervals(ics, options({ ownerTimeZone: "Not/A_Zone" }))).toThrow(RangeError);
  });
});
