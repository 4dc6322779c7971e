import { describe, expect, it } from "vitest";
import {
  CLOCK,
  formatDate,
  formatDateTime,
  formatDateTimeInZone,
  formatLocalDate,
  formatLongDate,
  formatTime,
  formatTimeRange,
  formatUtcOffset,
  formatWhen,
  timeZoneOptions,
  zoneLabel,
  zoneName,
  zoneOptionLabel,
} from "@/lib/time-format";
import { canonicalTimeZone, listTimeZones, RENAMED_ZONES, utcOffsetMinutes } from "@/lib/time-zones";

const MINUS = "\u2212";
const WINTER = new Date("2026-01-15T12:00:00Z");
const SUMMER = new Date("2026-07-15T12:00:00Z");

describe("times and dates", () => {
  it("write a 24-hour clock with two-digit hours, midnight as 00:00", () => {
    expect(formatTime("2026-12-03T19:00:00Z", "America/New_York")).toBe("14:00");
    expect(formatTime("2026-12-03T14:05:00Z", "UTC")).toBe("14:05");
    expect(formatTime("2026-12-03T05:00:00Z", "America/New_York")).toBe("00:00");
    expect(formatTime("2026-12-03T13:00:00Z", "UTC")).not.toMatch(/am|pm/i);
    expect(CLOCK).toEqual({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  });

  it("write dates as weekday, day, month, year", () => {
    expect(formatDate("2026-12-03T19:00:00Z", "America/New_York")).toBe("Thu 3 Dec 2026");
    expect(formatLongDate("2026-12-03T19:00:00Z", "America/New_York")).toBe("Thursday 3 December 2026");
    expect(formatDateTime("2026-12-03T19:00:00Z", "America/New_York")).toBe("Thu 3 Dec 2026, 14:00");
    // A wall date is that date, whatever the runtime's zone.
    expect(formatLocalDate("2026-12-03")).toBe("Thu 3 Dec 2026");
    expect(formatLocalDate("2027-03-03", "long")).toBe("Wednesday 3 March 2027");
  });

  it("read the date in the zone: 00:30 in Kolkata is already the next day", () => {
    expect(formatDateTime("2026-12-03T19:00:00Z", "Asia/Kolkata")).toBe("Fri 4 Dec 2026, 00:30");
  });

  it("write ranges with an en dash, naming the end's day when it is another", () => {
    expect(formatTimeRange("2026-12-03T19:00:00Z", "2026-12-03T19:30:00Z", "America/New_York")).toBe("14:00–14:30");
    expect(formatTimeRange("2026-12-03T22:00:00Z", "2026-12-04T01:00:00Z", "UTC")).toBe("22:00–Fri 4 Dec 2026, 01:00");
  });

  it("name the zone with its offset at that instant, across DST", () => {
    expect(formatWhen("2026-12-03T19:00:00Z", "2026-12-03T19:30:00Z", "America/New_York")).toBe(
      `Thu 3 Dec 2026, 14:00–14:30 America/New_York (UTC${MINUS}05:00)`,
    );
    expect(formatWhen("2026-07-02T18:00:00Z", "2026-07-02T18:30:00Z", "America/New_York")).toBe(
      `Thu 2 Jul 2026, 14:00–14:30 America/New_York (UTC${MINUS}04:00)`,
    );
    expect(formatDateTimeInZone("2026-07-02T13:00:00Z", "Europe/Berlin")).toBe("Thu 2 Jul 2026, 15:00 Europe/Berlin (UTC+02:00)");
    expect(formatDateTimeInZone("2026-12-03T13:00:00Z", "Europe/Berlin")).toBe("Thu 3 Dec 2026, 14:00 Europe/Berlin (UTC+01:00)");
  });

  it("around New York's autumn change, the same 01:30 reads with each offset", () => {
    expect(formatDateTimeInZone("2026-11-01T05:30:00Z", "America/New_York")).toBe(
      `Sun 1 Nov 2026, 01:30 America/New_York (UTC${MINUS}04:00)`,
    );
    expect(formatDateTimeInZone("2026-11-01T06:30:00Z", "America/New_York")).toBe(
      `Sun 1 Nov 2026, 01:30 America/New_York (UTC${MINUS}05:00)`,
    );
  });
});

describe("zone labels and offsets", () => {
  it("get odd offsets right: Kathmandu +05:45, St John's −03:30 / −02:30, Chatham +13:45 / +12:45", () => {
    expect(utcOffsetMinutes("Asia/Kathmandu", WINTER)).toBe(345);
    expect(zoneLabel("Asia/Kathmandu", WINTER)).toBe("Asia/Kathmandu (UTC+05:45)");
    expect(zoneLabel("America/St_Johns", WINTER)).toBe(`America/St_Johns (UTC${MINUS}03:30)`);
    expect(zoneLabel("America/St_Johns", SUMMER)).toBe(`America/St_Johns (UTC${MINUS}02:30)`);
    expect(zoneOptionLabel("Pacific/Chatham", WINTER)).toBe("(UTC+13:45) Pacific/Chatham");
    expect(zoneOptionLabel("Pacific/Chatham", SUMMER)).toBe("(UTC+12:45) Pacific/Chatham");
    expect(zoneOptionLabel("Asia/Kolkata", SUMMER)).toBe("(UTC+05:30) Asia/Kolkata");
  });

  it("write the offset with a true minus sign and always hours and minutes", () => {
    expect(formatUtcOffset(-300)).toBe(`UTC${MINUS}05:00`);
    expect(formatUtcOffset(-210)).toBe(`UTC${MINUS}03:30`);
    expect(formatUtcOffset(0)).toBe("UTC+00:00");
    expect(formatUtcOffset(840)).toBe("UTC+14:00");
  });

  it("call UTC and its aliases just UTC", () => {
    for (const zone of ["UTC", "Etc/UTC", "GMT", "Etc/GMT"]) expect(zoneLabel(zone, WINTER)).toBe("UTC");
    expect(zoneLabel("Europe/London", WINTER)).toBe("Europe/London (UTC+00:00)");
  });

  it("show an old name under its current one", () => {
    expect(zoneLabel("Asia/Calcutta", WINTER)).toBe("Asia/Kolkata (UTC+05:30)");
    expect(zoneOptionLabel("Asia/Saigon", WINTER)).toBe("(UTC+07:00) Asia/Ho_Chi_Minh");
    expect(zoneName("Europe/Kiev")).toBe("Europe/Kyiv");
    expect(zoneName("Mars/Phobos")).toBe("Mars/Phobos");
  });
});

describe("canonical zone names", () => {
  it.each([
    ["Asia/Calcutta", "Asia/Kolkata"],
    ["Asia/Kolkata", "Asia/Kolkata"],
    ["Asia/Saigon", "Asia/Ho_Chi_Minh"],
    ["Asia/Ho_Chi_Minh", "Asia/Ho_Chi_Minh"],
    ["Europe/Kiev", "Europe/Kyiv"],
    ["Europe/Kyiv", "Europe/Kyiv"],
    ["Europe/Uzhgorod", "Europe/Kyiv"],
    ["Asia/Katmandu", "Asia/Kathmandu"],
    ["Asia/Rangoon", "Asia/Yangon"],
    ["America/Godthab", "America/Nuuk"],
    ["America/Buenos_Aires", "America/Argentina/Buenos_Aires"],
    ["Pacific/Enderbury", "Pacific/Kanton"],
    ["US/Eastern", "America/New_York"],
    ["america/new_york", "America/New_York"],
    ["Etc/UTC", "UTC"],
  ])("%s is written %s", (given, current) => {
    expect(canonicalTimeZone(given)).toBe(current);
  });

  it("refuses what is not a zone, and fixed offsets", () => {
    for (const value of ["Mars/Phobos", "+01:00", "", "x".repeat(65)]) expect(canonicalTimeZone(value)).toBeNull();
  });

  it("every renamed zone's new name is one the runtime knows, with the same offsets", () => {
    for (const [old, current] of Object.entries(RENAMED_ZONES)) {
      expect(canonicalTimeZone(current)).toBe(current);
      expect(utcOffsetMinutes(current, WINTER), old).toBe(utcOffsetMinutes(old, WINTER));
      expect(utcOffsetMinutes(current, SUMMER), old).toBe(utcOffsetMinutes(old, SUMMER));
    }
  });
});

describe("time-zone lists", () => {
  const zones = listTimeZones(undefined, WINTER);

  it("hold current names only, each once, with UTC", () => {
    for (const old of Object.keys(RENAMED_ZONES)) expect(zones).not.toContain(old);
    for (const current of [
      "Asia/Kolkata",
      "Asia/Ho_Chi_Minh",
      "Europe/Kyiv",
      "Asia/Kathmandu",
      "America/Nuuk",
      "UTC",
      "America/New_York",
    ]) {
      expect(zones).toContain(current);
    }
    expect(new Set(zones).size).toBe(zones.length);
    // Every entry is its own current spelling.
    for (const zone of zones) expect(canonicalTimeZone(zone), zone).toBe(zone);
  });

  it("are sorted by offset, then by name", () => {
    const offsets = zones.map((zone) => utcOffsetMinutes(zone, WINTER));
    for (let i = 1; i < zones.length; i++) {
      expect(
        offsets[i]! > offsets[i - 1]! || (offsets[i] === offsets[i - 1] && zones[i]!.localeCompare(zones[i - 1]!) > 0),
        `${zones[i - 1]} before ${zones[i]}`,
      ).toBe(true);
    }
    expect(zones.indexOf("Asia/Kolkata")).toBeLessThan(zones.indexOf("Asia/Kathmandu"));
    expect(zones.indexOf("America/St_Johns")).toBeLessThan(zones.indexOf("America/Sao_Paulo"));
  });

  it("label each entry with its offset at that instant", () => {
    const options = timeZoneOptions(undefined, SUMMER);
    expect(options).toContainEqual({ value: "Asia/Kolkata", label: "(UTC+05:30) Asia/Kolkata" });
    expect(options).toContainEqual({ value: "America/New_York", label: `(UTC${MINUS}04:00) America/New_York` });
    expect(options).toContainEqual({ value: "UTC", label: "(UTC+00:00) UTC" });
    expect(options.some((o) => o.label.includes("Calcutta") || o.value.includes("Calcutta"))).toBe(false);
    expect(timeZoneOptions(undefined, WINTER)).toContainEqual({ value: "America/New_York", label: `(UTC${MINUS}05:00) America/New_York` });
  });

  it("keep a saved or detected old name selectable under its current name, once", () => {
    const options = timeZoneOptions("Asia/Calcutta", WINTER);
    expect(options.filter((o) => o.value === "Asia/Kolkata")).toHaveLength(1);
    expect(options.some((o) => o.value === "Asia/Calcutta")).toBe(false);
    expect(listTimeZones("Mars/Phobos", WINTER)).not.toContain("Mars/Phobos");
  });
});
