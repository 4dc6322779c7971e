// The event the CRM PUTs into iCloud, read back with ical.js alone (no code shared with the
// writer). Expected wall times are written out by hand, not computed, so a wrong zone
// computation in the writer cannot agree with itself here.

import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { parseBusyIntervals } from "@/lib/ical/busy";
import { buildPushEvent, describeBooked, pushEventUid, pushResourceName, type PushEventInput } from "@/lib/ical/push-event";

const at = (iso: string) => Date.parse(iso);
const STAMP = at("2026-02-01T08:09:10Z");
const SUMMARY = 'Hair Cut · Jane Doe, VIP; "quoted" \\ back-slash 💇‍♀️🎉';
const DESCRIPTION = [
  "Hair Cut (Salon, 1st floor); 45 min",
  "Customer: Jane Doe <jane@example.com>, +49 151 1234567",
  `Notes: ${"Ünïcödé, emoji 👩🏽‍🔬 and ; semicolons \\ ".repeat(4)}`,
  "Booked in the CRM: https://crm.example/appointments/ckx1",
].join("\n");

const input = (overrides: Partial<PushEventInput>): PushEventInput => ({
  uid: "crm-ckappt1-ckuser1@crm-calendar",
  sequence: 7,
  start: at("2026-03-10T14:00:00Z"),
  end: at("2026-03-10T15:00:00Z"),
  timeZone: "America/New_York",
  summary: SUMMARY,
  description: DESCRIPTION,
  url: "https://crm.example/appointments/ckappt1",
  appointmentRef: "ckappt1",
  status: "CONFIRMED",
  stamp: STAMP,
  ...overrides,
});

interface ZonedCase {
  name: string;
  zone: string;
  start: string;
  end: string;
  /** Local wall times in `zone`, "YYYY-MM-DDTHH:MM", worked out by hand. */
  wall: [string, string];
}

const ZONED: ZonedCase[] = [
  {
    name: "New York, summer time",
    zone: "America/New_York",
    start: "2026-03-10T14:00:00Z",
    end: "2026-03-10T15:00:00Z",
    wall: ["2026-03-10T10:00", "2026-03-10T11:00"],
  },
  {
    name: "New York, winter",
    zone: "America/New_York",
    start: "2026-01-15T14:30:00Z",
    end: "2026-01-15T15:15:00Z",
    wall: ["2026-01-15T09:30", "2026-01-15T10:15"],
  },
  {
    name: "New York, across the spring-forward gap (2026-03-08)",
    zone: "America/New_York",
    start: "2026-03-08T06:30:00Z",
    end: "2026-03-08T07:30:00Z",
    wall: ["2026-03-08T01:30", "2026-03-08T03:30"],
  },
  {
    name: "New York, fall-back day before the repeated hour",
    zone: "America/New_York",
    start: "2026-11-01T04:00:00Z",
    end: "2026-11-01T04:45:00Z",
    wall: ["2026-11-01T00:00", "2026-11-01T00:45"],
  },
  {
    name: "New York, fall-back day spanning the repeated hour",
    zone: "America/New_York",
    start: "2026-11-01T04:30:00Z",
    end: "2026-11-01T07:30:00Z",
    wall: ["2026-11-01T00:30", "2026-11-01T02:30"],
  },
  {
    name: "New York, fall-back day after the repeated hour",
    zone: "America/New_York",
    start: "2026-11-01T08:00:00Z",
    end: "2026-11-01T09:00:00Z",
    wall: ["2026-11-01T03:00", "2026-11-01T04:00"],
  },
  {
    name: "Berlin, across the spring-forward gap (2026-03-29)",
    zone: "Europe/Berlin",
    start: "2026-03-29T00:30:00Z",
    end: "2026-03-29T01:30:00Z",
    wall: ["2026-03-29T01:30", "2026-03-29T03:30"],
  },
  {
    name: "Berlin, across the fall-back (2026-10-25)",
    zone: "Europe/Berlin",
    start: "2026-10-24T23:30:00Z",
    end: "2026-10-25T02:30:00Z",
    wall: ["2026-10-25T01:30", "2026-10-25T03:30"],
  },
  {
    name: "Berlin, summer",
    zone: "Europe/Berlin",
    start: "2026-07-01T07:00:00Z",
    end: "2026-07-01T08:00:00Z",
    wall: ["2026-07-01T09:00", "2026-07-01T10:00"],
  },
  {
    name: "Lord Howe, 30-minute daylight time (+11)",
    zone: "Australia/Lord_Howe",
    start: "2026-01-14T22:00:00Z",
    end: "2026-01-14T23:00:00Z",
    wall: ["2026-01-15T09:00", "2026-01-15T10:00"],
  },
  {
    name: "Lord Howe, standard time (+10:30)",
    zone: "Australia/Lord_Howe",
    start: "2026-06-10T22:30:00Z",
    end: "2026-06-10T23:00:00Z",
    wall: ["2026-06-11T09:00", "2026-06-11T09:30"],
  },
  {
    name: "Lord Howe, across the 30-minute gap (2026-10-04)",
    zone: "Australia/Lord_Howe",
    start: "2026-10-03T15:15:00Z",
    end: "2026-10-03T15:45:00Z",
    wall: ["2026-10-04T01:45", "2026-10-04T02:45"],
  },
  {
    name: "Kolkata, no DST (+05:30)",
    zone: "Asia/Kolkata",
    start: "2026-07-01T04:30:00Z",
    end: "2026-07-01T05:15:00Z",
    wall: ["2026-07-01T10:00", "2026-07-01T10:45"],
  },
  {
    name: "Berlin, across New Year",
    zone: "Europe/Berlin",
    start: "2026-12-31T22:30:00Z",
    end: "2027-01-01T00:30:00Z",
    wall: ["2026-12-31T23:30", "2027-01-01T01:30"],
  },
];

/** Instants whose wall time happens twice (clocks going back): the "local" column is for the reader's benefit. */
const REPEATED: { name: string; zone: string; start: string; end: string; local: string }[] = [
  {
    name: "New York 2026-11-01, the first 01:30 (EDT)",
    zone: "America/New_York",
    start: "2026-11-01T05:30:00Z",
    end: "2026-11-01T07:30:00Z",
    local: "01:30 EDT",
  },
  {
    name: "New York 2026-11-01, the second 01:30 (EST)",
    zone: "America/New_York",
    start: "2026-11-01T06:30:00Z",
    end: "2026-11-01T07:30:00Z",
    local: "01:30 EST",
  },
  {
    name: "New York 2026-11-01, ending at the second 01:30",
    zone: "America/New_York",
    start: "2026-11-01T04:00:00Z",
    end: "2026-11-01T06:30:00Z",
    local: "00:00 EDT → 01:30 EST",
  },
  {
    name: "Berlin 2026-10-25, the first 02:30 (CEST)",
    zone: "Europe/Berlin",
    start: "2026-10-25T00:30:00Z",
    end: "2026-10-25T01:00:00Z",
    local: "02:30 CEST",
  },
  {
    name: "Berlin 2026-10-25, the second 02:30 (CET)",
    zone: "Europe/Berlin",
    start: "2026-10-25T01:30:00Z",
    end: "2026-10-25T02:00:00Z",
    local: "02:30 CET",
  },
  {
    name: "Lord Howe 2026-04-05, the first 01:45 (+11)",
    zone: "Australia/Lord_Howe",
    start: "2026-04-04T14:45:00Z",
    end: "2026-04-04T16:00:00Z",
    local: "01:45 +11",
  },
  {
    name: "Lord Howe 2026-04-05, the second 01:45 (+10:30)",
    zone: "Australia/Lord_Howe",
    start: "2026-04-04T15:15:00Z",
    end: "2026-04-04T16:00:00Z",
    local: "01:45 +10:30",
  },
];

function read(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  const events = root.getAllSubcomponents("vevent");
  expect(events).toHaveLength(1);
  const event = events[0]!;
  const time = (name: "dtstart" | "dtend") => {
    const prop = event.getFirstProperty(name);
    const value = prop?.getFirstValue();
    if (!prop || !(value instanceof ICAL.Time)) throw new Error(`no ${name}`);
    return { prop, value };
  };
  return { root, event, start: time("dtstart"), end: time("dtend") };
}

const wallOf = (t: ICAL.Time) =>
  `${t.year}-${String(t.month).padStart(2, "0")}-${String(t.day).padStart(2, "0")}T${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;

/** Everything every pushed event must satisfy, whatever its times. */
function expectWellFormed(ics: string, given: PushEventInput) {
  expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);

  const { root, event } = read(ics);
  expect(root.getFirstPropertyValue("version")).toBe("2.0");
  expect(String(root.getFirstPropertyValue("prodid"))).toMatch(/CRM Calendar/);
  // RFC 4791 §4.1: no METHOD in a calendar object resource; ORGANIZER/ATTENDEE make iCloud send invitations.
  expect(root.getFirstProperty("method")).toBeNull();
  expect(event.getFirstProperty("organizer")).toBeNull();
  expect(event.getAllProperties("attendee")).toEqual([]);
  expect(ics).not.toMatch(/^(METHOD|ORGANIZER|ATTENDEE)[;:]/m);

  expect(event.getFirstPropertyValue("uid")).toBe(given.uid);
  expect(event.getFirstPropertyValue("sequence")).toBe(given.sequence);
  expect(event.getFirstPropertyValue("summary")).toBe(given.summary);
  expect(event.getFirstPropertyValue("description")).toBe(given.description);
  expect(event.getFirstPropertyValue("x-crm-appointment")).toBe(given.appointmentRef);
  expect(event.getFirstPropertyValue("transp")).toBe("OPAQUE");
  expect(event.getFirstPropertyValue("status") ?? undefined).toBe(given.status);

  expect(ics).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m);
  const stamp = event.getFirstPropertyValue("dtstamp");
  if (!(stamp instanceof ICAL.Time)) throw new Error("no DTSTAMP");
  expect(stamp.zone).toBe(ICAL.Timezone.utcTimezone);
  if (given.stamp !== undefined) expect(stamp.toJSDate().getTime()).toBe(given.stamp);
}

describe("buildPushEvent: times in the staff member's zone", () => {
  it.each(ZONED)("$name", (c) => {
    const given = input({ timeZone: c.zone, start: at(c.start), end: at(c.end) });
    const ics = buildPushEvent(given);
    expectWellFormed(ics, given);
    const { root, start, end } = read(ics);

    for (const [{ prop, value }, instant, wall] of [
      [start, c.start, c.wall[0]],
      [end, c.end, c.wall[1]],
    ] as const) {
      expect(prop.getParameter("tzid")).toBe(c.zone);
      expect(wallOf(value)).toBe(wall);
      expect(value.second).toBe(0);
      // The zone ical.js used is the embedded VTIMEZONE, not a floating/local fallback.
      expect(value.zone?.tzid).toBe(c.zone);
      expect(value.zone?.component).toBeTruthy();
      expect(value.toJSDate().getTime()).toBe(at(instant));
    }

    const zones = root.getAllSubcomponents("vtimezone");
    expect(zones).toHaveLength(1);
    expect(zones[0]!.getFirstPropertyValue("tzid")).toBe(c.zone);
  });

  it("gives a zone without DST a single STANDARD observance", () => {
    const ics = buildPushEvent(input({ timeZone: "Asia/Kolkata", start: at("2026-07-01T04:30:00Z"), end: at("2026-07-01T05:15:00Z") }));
    const [zone] = read(ics).root.getAllSubcomponents("vtimezone");
    expect(zone!.getAllSubcomponents().map((c) => c.name)).toEqual(["standard"]);
    expect(zone!.getFirstSubcomponent("standard")!.getFirstProperty("tzoffsetto")!.toICALString()).toBe("TZOFFSETTO:+0530");
  });

  it("lists each DST change of the event's year and the years around it, offsets and local onsets right", () => {
    const ics = buildPushEvent(
      input({ timeZone: "Australia/Lord_Howe", start: at("2026-01-14T22:00:00Z"), end: at("2026-01-14T23:00:00Z") }),
    );
    const [zone] = read(ics).root.getAllSubcomponents("vtimezone");
    const observances = zone!
      .getAllSubcomponents()
      .map((c) =>
        [
          c.name,
          c.getFirstProperty("dtstart")!.toICALString(),
          c.getFirstProperty("tzoffsetfrom")!.toICALString(),
          c.getFirstProperty("tzoffsetto")!.toICALString(),
        ].join(" "),
      );
    expect(observances).toContain("standard DTSTART:20260405T020000 TZOFFSETFROM:+1100 TZOFFSETTO:+1030");
    expect(observances).toContain("daylight DTSTART:20261004T020000 TZOFFSETFROM:+1030 TZOFFSETTO:+1100");
    expect(observances).toContain("standard DTSTART:20250406T020000 TZOFFSETFROM:+1100 TZOFFSETTO:+1030");
    expect(observances).toContain("daylight DTSTART:20271003T020000 TZOFFSETFROM:+1030 TZOFFSETTO:+1100");
    // The observance in force on 1 January 2025 (ical.js reads times before the first onset as UTC), then 2025-2027's six changes.
    expect(observances).toHaveLength(7);
  });

  it.each([
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "Asia/Kolkata",
    "Europe/Dublin",
    "Pacific/Chatham",
    "America/Santiago",
    "Africa/Casablanca",
    "America/St_Johns",
  ])("the %s VTIMEZONE agrees with the platform's zone data every 2 hours of the three years it covers", (zone) => {
    const ics = buildPushEvent(input({ timeZone: zone, start: at("2026-06-15T12:00:00Z"), end: at("2026-06-15T13:00:00Z") }));
    const tz = new ICAL.Timezone(read(ics).root.getFirstSubcomponent("vtimezone")!);
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    const wall = (ms: number) => {
      const p = Object.fromEntries(parts.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
      return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: 0, isDate: false };
    };
    let readAsOther = 0;
    for (let t = at("2025-01-01T00:00:00Z"); t < at("2028-01-01T00:00:00Z"); t += 2 * 3_600_000) {
      const back = new ICAL.Time(wall(t), tz).toJSDate().getTime();
      // The VTIMEZONE turns the local time back into an instant with that same local time…
      expect(wall(back)).toEqual(wall(t));
      if (back !== t) readAsOther++;
    }
    // …the same instant except, at most, in repeated hours (a couple of samples a year).
    expect(readAsOther).toBeLessThanOrEqual(6);
  });

  it("writes the zone name as given, not ICU's canonical spelling", () => {
    const ics = buildPushEvent(input({ timeZone: "Asia/Kolkata", start: at("2026-07-01T04:30:00Z"), end: at("2026-07-01T05:15:00Z") }));
    expect(ics).toContain("DTSTART;TZID=Asia/Kolkata:20260701T100000\r\n");
    expect(ics).not.toContain("Calcutta");
  });
});

describe("buildPushEvent: instants a zoned wall time cannot name", () => {
  // A wall time in the hour repeated when clocks go back names two instants. RFC 5545 §3.3.5
  // reads it as the first, ical.js and libical as the standard-time one: no TZID form is
  // right for every reader, so both times go out in UTC and the instant survives everywhere.
  it.each(REPEATED)("$name ($local) keeps its instant, written in UTC", (c) => {
    const given = input({ timeZone: c.zone, start: at(c.start), end: at(c.end) });
    const ics = buildPushEvent(given);
    expectWellFormed(ics, given);
    const { root, start, end } = read(ics);
    for (const [{ prop, value }, instant] of [
      [start, c.start],
      [end, c.end],
    ] as const) {
      expect(prop.getParameter("tzid")).toBeUndefined();
      expect(value.zone).toBe(ICAL.Timezone.utcTimezone);
      expect(value.toJSDate().getTime()).toBe(at(instant));
    }
    expect(root.getAllSubcomponents("vtimezone")).toEqual([]);
  });

  it("ical.js does read a repeated wall time as the standard-time instant (why TZID is not used there)", () => {
    const zoned = buildPushEvent(input({ start: at("2026-11-01T04:30:00Z"), end: at("2026-11-01T07:30:00Z") }));
    const ambiguous = zoned.replace(
      /^DTSTART;TZID=America\/New_York:20261101T003000\r$/m,
      "DTSTART;TZID=America/New_York:20261101T013000\r",
    );
    expect(ambiguous).not.toBe(zoned);
    // 01:30 EDT would be 05:30Z; ical.js picks 01:30 EST.
    expect(read(ambiguous).start.value.toJSDate().toISOString()).toBe("2026-11-01T06:30:00.000Z");
  });
});

describe("buildPushEvent: UTC", () => {
  it.each(["UTC", "Etc/UTC"])("%s: times with Z, no TZID, no VTIMEZONE", (zone) => {
    const given = input({ timeZone: zone, start: at("2026-03-29T00:30:00Z"), end: at("2026-03-29T01:30:00Z") });
    const ics = buildPushEvent(given);
    expectWellFormed(ics, given);
    const { root, start, end } = read(ics);
    expect(ics).toContain("DTSTART:20260329T003000Z\r\n");
    expect(ics).toContain("DTEND:20260329T013000Z\r\n");
    expect(start.prop.getParameter("tzid")).toBeUndefined();
    expect(start.value.toJSDate().getTime()).toBe(given.start);
    expect(end.value.toJSDate().getTime()).toBe(given.end);
    expect(root.getAllSubcomponents("vtimezone")).toEqual([]);
  });
});

describe("buildPushEvent: text and properties", () => {
  it("round-trips commas, semicolons, backslashes, quotes, newlines and emoji across folded lines", () => {
    const long = `${"Ä😀, ; \\ ".repeat(40)}\nsecond line`;
    const given = input({ summary: long, description: `${DESCRIPTION}\n${long}` });
    const ics = buildPushEvent(given);
    expect(ics).toMatch(/\r\n [^\r\n]/); // folded
    expectWellFormed(ics, given);
  });

  it("normalises CRLF in text to one newline and drops control characters TEXT may not hold", () => {
    const { event } = read(buildPushEvent(input({ summary: "Bell\u0007 and null\u0000 gone\ttab kept", description: "a\r\nb\rc\nd" })));
    expect(event.getFirstPropertyValue("summary")).toBe("Bell and null gone\ttab kept");
    expect(event.getFirstPropertyValue("description")).toBe("a\nb\nc\nd");
  });

  it("writes SEQUENCE, STATUS:CANCELLED and the URL (commas percent-encoded, not backslash-escaped)", () => {
    const given = input({ sequence: 0, status: "CANCELLED", url: "https://crm.example/appointments/ckappt1?view=a,b;c" });
    const ics = buildPushEvent(given);
    expectWellFormed(ics, given);
    const { event } = read(ics);
    expect(event.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.getFirstPropertyValue("url")).toBe("https://crm.example/appointments/ckappt1?view=a%2Cb%3Bc");
  });

  it("leaves STATUS and URL out when not given, and stamps now in UTC", () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const given = input({ status: undefined, url: undefined, stamp: undefined });
    const ics = buildPushEvent(given);
    expectWellFormed(ics, given);
    const { event } = read(ics);
    expect(event.getFirstProperty("status")).toBeNull();
    expect(event.getFirstProperty("url")).toBeNull();
    const stamp = (event.getFirstPropertyValue("dtstamp") as ICAL.Time).toJSDate().getTime();
    expect(stamp).toBeGreaterThanOrEqual(before);
    expect(stamp).toBeLessThanOrEqual(Date.now());
  });

  it("refuses what it cannot write faithfully", () => {
    expect(() => buildPushEvent(input({ timeZone: "Mars/Olympus" }))).toThrow(RangeError);
    expect(() => buildPushEvent(input({ timeZone: "+01:00" }))).toThrow(RangeError);
    expect(() => buildPushEvent(input({ end: at("2026-03-10T14:00:00Z") }))).toThrow(RangeError);
    expect(() => buildPushEvent(input({ start: Number.NaN }))).toThrow(RangeError);
    expect(() => buildPushEvent(input({ sequence: -1 }))).toThrow(RangeError);
    expect(() => buildPushEvent(input({ uid: "a\r\nATTENDEE:mailto:x@example.com" }))).toThrow(RangeError);
    expect(() => buildPushEvent(input({ uid: "a,b" }))).toThrow(RangeError);
    expect(() => buildPushEvent(input({ appointmentRef: " " }))).toThrow(RangeError);
    expect(() => buildPushEvent(input({ url: "javascript:alert(1)" }))).toThrow(RangeError);
  });

  it("is what the busy reader recognises as the CRM's own event, at the written instants", () => {
    const given = input({ timeZone: "Europe/Berlin", start: at("2026-03-29T00:30:00Z"), end: at("2026-03-29T01:30:00Z") });
    const result = parseBusyIntervals(buildPushEvent(given), {
      window: { start: at("2026-03-01T00:00Z"), end: at("2026-05-01T00:00Z") },
      ownerTimeZone: "Asia/Tokyo",
      ownerEmails: ["anna@example.com"],
    });
    expect(result.intervals).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.crmEvents).toEqual([
      { uid: given.uid, appointmentRef: "ckappt1", start: given.start, end: given.end, sequence: 7, cancelled: false },
    ]);
  });
});

describe("buildPushEvent does not depend on the process's time zone", () => {
  const cases: PushEventInput[] = [
    ...ZONED.map((c) => input({ timeZone: c.zone, start: at(c.start), end: at(c.end) })),
    ...REPEATED.map((c) => input({ timeZone: c.zone, start: at(c.start), end: at(c.end) })),
    input({ timeZone: "UTC" }),
    input({ stamp: undefined }),
  ];
  const root = path.resolve(import.meta.dirname, "../../..");
  const moduleUrl = pathToFileURL(path.join(root, "lib/ical/push-event.ts")).href;
  const script = [
    `const { buildPushEvent } = await import(process.env.PUSH_EVENT_MODULE);`,
    `const cases = JSON.parse(process.env.PUSH_EVENT_CASES);`,
    `process.stdout.write(JSON.stringify({ offset: new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset(), out: cases.map((c) => buildPushEvent(c)) }));`,
  ].join("\n");
  const withoutStamp = (ics: string) => ics.replace(/^DTSTAMP:.*\r\n/m, "");

  // getTimezoneOffset() on 1 January 2026 in each zone (minutes, UTC minus local).
  it.each([
    ["Pacific/Auckland", -780],
    ["America/Los_Angeles", 480],
    ["Asia/Kathmandu", -345],
  ])(
    "a child process with TZ=%s writes the same bytes",
    (tz, januaryOffset) => {
      const child = JSON.parse(
        execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", script], {
          cwd: root,
          encoding: "utf8",
          env: { ...process.env, TZ: tz, PUSH_EVENT_MODULE: moduleUrl, PUSH_EVENT_CASES: JSON.stringify(cases) },
        }),
      ) as { offset: number; out: string[] };
      // The child really ran in that zone (ICU may report an older alias for the name, so compare offsets).
      expect(child.offset).toBe(januaryOffset);

      const here = cases.map((c) => buildPushEvent(c));
      expect(child.out).toHaveLength(cases.length);
      child.out.forEach((ics, i) => {
        if (cases[i]!.stamp === undefined) expect(withoutStamp(ics)).toBe(withoutStamp(here[i]!));
        else expect(ics).toBe(here[i]);
      });
    },
    30_000,
  );
});

describe("pushEventUid and pushResourceName", () => {
  it("builds the UID the read-back recognises, the same every time", () => {
    expect(pushEventUid("ckx9a8b7c6d5e4f3g2h1", "ckuser42")).toBe("crm-ckx9a8b7c6d5e4f3g2h1-ckuser42@crm-calendar");
    expect(pushEventUid("3f2b1c9e-7a64-4d2e-9b1a-0c5d6e7f8a9b", "u1")).toBe(pushEventUid("3f2b1c9e-7a64-4d2e-9b1a-0c5d6e7f8a9b", "u1"));
    expect(pushEventUid("a", "b")).not.toBe(pushEventUid("a", "c"));
  });

  it("refuses ids that are not cuid/uuid-like", () => {
    for (const bad of ["", "a b", "a@b", "a/b", "a,b", "x".repeat(129), "é"]) {
      expect(() => pushEventUid(bad, "u1")).toThrow(RangeError);
      expect(() => pushEventUid("a1", bad)).toThrow(RangeError);
    }
  });

  it("names the resource <uid>.ics with only path-safe characters, deterministically", () => {
    const uid = pushEventUid("ckx9a8b7c6d5e4f3g2h1", "ck_user42");
    expect(pushResourceName(uid)).toBe("crm-ckx9a8b7c6d5e4f3g2h1-ck_5Fuser42_40crm-calendar.ics");
    expect(pushResourceName(uid)).toBe(pushResourceName(uid));
    const collection = "https://p42-caldav.icloud.com/1234567/calendars/home/";
    for (const odd of [uid, "mailto:a@b", "a/b/../c", "x?y#z", "100%", "a b", "Ünï😀", "..", "\\back"]) {
      const name = pushResourceName(odd);
      expect(name).toMatch(/^[A-Za-z0-9._-]+\.ics$/);
      // Stays one segment inside the collection: no scheme, no "..", no query or fragment.
      expect(new URL(name, collection).href).toBe(collection + name);
    }
  });

  it("never gives two UIDs the same name", () => {
    const uids = ["a@b", "a_40b", "a_b", "a_5Fb", "a.b", "a-b", "A-b", "a b", "a+b", "ä", "_C3_A4"];
    expect(new Set(uids.map(pushResourceName)).size).toBe(uids.length);
  });
});

describe("describeBooked: the description's first line", () => {
  it("names the service and its booking calendar when they differ", () => {
    expect(describeBooked("Hair Cut", "Salon, 1st floor")).toBe("Hair Cut (Salon, 1st floor)");
  });

  it("does not repeat a name the service and the calendar share", () => {
    expect(describeBooked("Consultation", "Consultation")).toBe("Consultation");
    expect(describeBooked("Consultation ", "consultation")).toBe("Consultation");
    expect(describeBooked("Yoga", "")).toBe("Yoga");
  });

  it("reads once in the pushed event", () => {
    const description = [describeBooked("Consultation", "Consultation"), "Customer: Jane Doe <jane@example.com>"].join("\n");
    const ics = buildPushEvent(input({ description }));
    const value = String(read(ics).event.getFirstPropertyValue("description"));
    expect(value.split("\n")[0]).toBe("Consultation");
    expect(value).not.toContain("(Consultation)");
  });
});
