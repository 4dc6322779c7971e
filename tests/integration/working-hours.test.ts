// Weekly working hours and date overrides against the real PostgreSQL: who may edit whose hours,
// the interval rules, and overrides (a day off, different hours, replace, remove).
import { describe, expect, it } from "vitest";
import { localDateOf } from "@/lib/availability";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getWorkingHoursForEdit, removeWorkingHoursOverride, saveWorkingHours, setWorkingHoursOverride } from "@/lib/team/working-hours";
import { OverrideSchema, parseDayIntervals, WeeklyHoursSchema } from "@/lib/team/working-hours-schemas";
import { createOrganization, createUser } from "../support/factories";

type User = Awaited<ReturnType<typeof createUser>>;
const actorOf = (u: User): Actor => ({ userId: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email });

async function team() {
  const org = await createOrganization();
  const alice = await createUser({ organizationId: org.id, timeZone: "America/New_York" });
  const bob = await createUser({ organizationId: org.id });
  const admin = await createUser({ organizationId: org.id, role: "ADMIN" });
  const elsewhere = await createOrganization();
  const foreignAdmin = await createUser({ organizationId: elsewhere.id, role: "ADMIN" });
  return { alice, bob, admin, foreignAdmin };
}

const week = (userId: string, timeZone: string, days: Record<number, [string, string][]>) =>
  WeeklyHoursSchema.parse({
    userId,
    timeZone,
    days: Object.entries(days).map(([weekday, intervals]) => ({
      weekday: Number(weekday),
      intervals: intervals.map(([start, end]) => ({ start, end })),
    })),
  });

const hoursOf = (userId: string) =>
  db.workingHours.findMany({
    where: { userId },
    orderBy: [{ weekday: "asc" }, { startMinute: "asc" }],
    select: { weekday: true, startMinute: true, endMinute: true },
  });

describe("weekly hours", () => {
  it("a staff member sets their own hours and zone; days without intervals are off", async () => {
    const t = await team();
    await saveWorkingHours({
      actor: actorOf(t.alice),
      input: week(t.alice.id, "Europe/Paris", {
        1: [
          ["09:00", "12:00"],
          ["13:00", "17:30"],
        ],
        5: [["10:00", "14:00"]],
        6: [],
      }),
    });
    expect(await hoursOf(t.alice.id)).toEqual([
      { weekday: 1, startMinute: 540, endMinute: 720 },
      { weekday: 1, startMinute: 780, endMinute: 1050 },
      { weekday: 5, startMinute: 600, endMinute: 840 },
    ]);
    expect((await db.user.findUniqueOrThrow({ where: { id: t.alice.id } })).timeZone).toBe("Europe/Paris");
    const view = await getWorkingHoursForEdit({ actor: actorOf(t.alice), userId: t.alice.id });
    expect(view.weekly[5]).toEqual({ weekday: 5, intervals: [{ startMinute: 600, endMinute: 840 }] });
    expect(view.weekly[0]).toEqual({ weekday: 0, intervals: [] });

    // Saving again replaces, never appends.
    await saveWorkingHours({ actor: actorOf(t.alice), input: week(t.alice.id, "Europe/Paris", { 2: [["08:00", "00:00"]] }) });
    expect(await hoursOf(t.alice.id)).toEqual([{ weekday: 2, startMinute: 480, endMinute: 1440 }]);
  });

  it("staff can't edit someone else's hours; nothing changes", async () => {
    const t = await team();
    await saveWorkingHours({ actor: actorOf(t.bob), input: week(t.bob.id, "Europe/Berlin", { 1: [["09:00", "17:00"]] }) });
    await expect(
      saveWorkingHours({ actor: actorOf(t.alice), input: week(t.bob.id, "UTC", { 1: [["01:00", "02:00"]] }) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(getWorkingHoursForEdit({ actor: actorOf(t.alice), userId: t.bob.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await hoursOf(t.bob.id)).toEqual([{ weekday: 1, startMinute: 540, endMinute: 1020 }]);
    expect((await db.user.findUniqueOrThrow({ where: { id: t.bob.id } })).timeZone).toBe("Europe/Berlin");
  });

  it("an admin edits staff of their own organization, not of another", async () => {
    const t = await team();
    await saveWorkingHours({ actor: actorOf(t.admin), input: week(t.alice.id, "America/Chicago", { 3: [["07:00", "15:00"]] }) });
    expect(await hoursOf(t.alice.id)).toEqual([{ weekday: 3, startMinute: 420, endMinute: 900 }]);
    await expect(saveWorkingHours({ actor: actorOf(t.foreignAdmin), input: week(t.alice.id, "UTC", {}) })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(getWorkingHoursForEdit({ actor: actorOf(t.foreignAdmin), userId: t.alice.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await hoursOf(t.alice.id)).toEqual([{ weekday: 3, startMinute: 420, endMinute: 900 }]);
    expect((await db.user.findUniqueOrThrow({ where: { id: t.alice.id } })).timeZone).toBe("America/Chicago");
  });
});

describe("interval rules", () => {
  it.each([
    [
      [
        ["09:00", "12:00"],
        ["11:00", "13:00"],
      ],
      "09:00–12:00 and 11:00–13:00 overlap.",
    ],
    [
      [
        ["13:00", "17:00"],
        ["08:00", "13:30"],
      ],
      "08:00–13:30 and 13:00–17:00 overlap.",
    ],
    [[["12:00", "09:00"]], "12:00–09:00: the end must be after the start."],
    [[["09:00", "09:00"]], "09:00–09:00: the end must be after the start."],
    [[["25:00", "26:00"]], "Enter times as HH:MM between 00:00 and 24:00."],
    [[["9am", "5pm"]], "Enter times as HH:MM between 00:00 and 24:00."],
    [[["24:00", "24:00"]], "Enter times as HH:MM between 00:00 and 24:00."],
  ])("refuses %j", (intervals, message) => {
    expect(parseDayIntervals(intervals.map(([start, end]) => ({ start: start!, end: end! })))).toEqual({ error: message });
  });

  it("accepts touching intervals, the whole day and sorts them", () => {
    expect(
      parseDayIntervals([
        { start: "13:00", end: "17:00" },
        { start: "09:00", end: "13:00" },
      ]),
    ).toEqual({
      intervals: [
        { startMinute: 540, endMinute: 780 },
        { startMinute: 780, endMinute: 1020 },
      ],
    });
    expect(parseDayIntervals([{ start: "00:00", end: "24:00" }])).toEqual({ intervals: [{ startMinute: 0, endMinute: 1440 }] });
  });

  it("reports the failing day by its weekday, and a bad zone", () => {
    const result = WeeklyHoursSchema.safeParse({
      userId: "u1",
      timeZone: "Nowhere/Special",
      days: [
        { weekday: 1, intervals: [{ start: "09:00", end: "17:00" }] },
        {
          weekday: 4,
          intervals: [
            { start: "10:00", end: "11:00" },
            { start: "10:30", end: "12:00" },
          ],
        },
      ],
    });
    expect(result.success).toBe(false);
    const errors = result.error!.flatten().fieldErrors as Record<string, string[]>;
    expect(Object.keys(errors).sort()).toEqual(["day-4", "timeZone"]);
  });
});

describe("date overrides", () => {
  const later = (days: number, timeZone: string) => localDateOf(Date.now() + days * 86_400_000, timeZone);

  it("a day off, different hours, replacing and removing; only upcoming dates are listed", async () => {
    const t = await team();
    const me = actorOf(t.alice);
    const off = later(10, t.alice.timeZone);
    const split = later(20, t.alice.timeZone);
    await setWorkingHoursOverride({
      actor: me,
      input: OverrideSchema.parse({ userId: t.alice.id, date: off, kind: "off", intervals: [{ start: "09:00", end: "10:00" }] }),
    });
    await setWorkingHoursOverride({
      actor: me,
      input: OverrideSchema.parse({
        userId: t.alice.id,
        date: split,
        kind: "hours",
        intervals: [
          { start: "14:00", end: "18:00" },
          { start: "08:00", end: "12:00" },
        ],
      }),
    });
    await db.workingHoursOverride.create({
      data: { organizationId: t.alice.organizationId, userId: t.alice.id, date: new Date("2020-01-01T00:00:00Z") },
    });

    let view = await getWorkingHoursForEdit({ actor: me, userId: t.alice.id });
    expect(view.overrides).toEqual([
      { date: off, intervals: [] },
      {
        date: split,
        intervals: [
          { startMinute: 480, endMinute: 720 },
          { startMinute: 840, endMinute: 1080 },
        ],
      },
    ]);

    // The same date again replaces it.
    await setWorkingHoursOverride({
      actor: me,
      input: OverrideSchema.parse({ userId: t.alice.id, date: off, kind: "hours", intervals: [{ start: "10:00", end: "11:00" }] }),
    });
    await removeWorkingHoursOverride({ actor: me, userId: t.alice.id, date: split });
    view = await getWorkingHoursForEdit({ actor: me, userId: t.alice.id });
    expect(view.overrides).toEqual([{ date: off, intervals: [{ startMinute: 600, endMinute: 660 }] }]);
    await expect(removeWorkingHoursOverride({ actor: me, userId: t.alice.id, date: split })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses past dates, overlapping or missing hours", async () => {
    const t = await team();
    const yesterday = later(-1, t.alice.timeZone);
    await expect(
      setWorkingHoursOverride({
        actor: actorOf(t.alice),
        input: OverrideSchema.parse({ userId: t.alice.id, date: yesterday, kind: "off", intervals: [] }),
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", message: "Choose today or a later date." });
    const overlap = OverrideSchema.safeParse({
      userId: t.alice.id,
      date: later(3, "UTC"),
      kind: "hours",
      intervals: [
        { start: "09:00", end: "12:00" },
        { start: "11:00", end: "12:30" },
      ],
    });
    expect(overlap.error?.flatten().fieldErrors).toEqual({ intervals: ["09:00–12:00 and 11:00–12:30 overlap."] });
    const none = OverrideSchema.safeParse({ userId: t.alice.id, date: later(3, "UTC"), kind: "hours", intervals: [] });
    expect(none.error?.flatten().fieldErrors).toEqual({ intervals: ["Add the hours for that date, or choose Day off."] });
    expect(await db.workingHoursOverride.count({ where: { userId: t.alice.id } })).toBe(0);
  });

  it("follows the same permissions as the weekly hours", async () => {
    const t = await team();
    const date = later(5, "UTC");
    const input = OverrideSchema.parse({ userId: t.alice.id, date, kind: "off", intervals: [] });
    await expect(setWorkingHoursOverride({ actor: actorOf(t.bob), input })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setWorkingHoursOverride({ actor: actorOf(t.foreignAdmin), input })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await setWorkingHoursOverride({ actor: actorOf(t.admin), input });
    await expect(removeWorkingHoursOverride({ actor: actorOf(t.bob), userId: t.alice.id, date })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(removeWorkingHoursOverride({ actor: actorOf(t.foreignAdmin), userId: t.alice.id, date })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db.workingHoursOverride.count({ where: { userId: t.alice.id } })).toBe(1);
  });
});
