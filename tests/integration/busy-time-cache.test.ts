// iCloud busy time is kept in memory per calendar and busy version (lib/booking/busy-blocks.ts).
// These tests change blocks every way the app and an operator can, on the real PostgreSQL with its
// trigger, and check that the next read always equals what a fresh read of the table gives.
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { busyTimeCacheStats, clearBusyTimeCache, getBusyBlocks } from "@/lib/booking/busy-blocks";
import { createOrganization, createUser, uniqueSuffix } from "@/tests/support/factories";

const H = 3_600_000;
const T0 = Date.UTC(2031, 0, 6, 8); // a Monday, far from any other test's data
const RANGE = { start: T0 - 24 * H, end: T0 + 30 * 24 * H };

async function member() {
  const org = await createOrganization();
  const user = await createUser({ organizationId: org.id });
  const base = `https://caldav.example.test/${uniqueSuffix()}/`;
  const connection = await db.calendarConnection.create({
    data: {
      organizationId: org.id,
      userId: user.id,
      appleId: `${uniqueSuffix()}@icloud.test`,
      serverUrl: base,
      principalUrl: base,
      homeUrl: base,
    },
  });
  const calendar = (name: string) =>
    db.externalCalendar.create({
      data: {
        organizationId: org.id,
        connectionId: connection.id,
        userId: user.id,
        url: `${base}${name}/`,
        displayName: name,
        checkConflicts: true,
      },
    });
  return { org, user, connection, home: await calendar("home"), work: await calendar("work") };
}

type Calendar = { id: string; userId: string; organizationId: string };
const block = (calendar: Calendar, startH: number, endH: number, object = uniqueSuffix()) =>
  db.busyBlock.create({
    data: {
      organizationId: calendar.organizationId,
      userId: calendar.userId,
      externalCalendarId: calendar.id,
      objectUrl: `${object}.ics`,
      startsAt: new Date(T0 + startH * H),
      endsAt: new Date(T0 + endH * H),
    },
  });
const hours = (list: { start: number; end: number }[] | undefined) => (list ?? []).map((i) => [(i.start - T0) / H, (i.end - T0) / H]);
const read = async (userId: string, range = RANGE) => hours((await getBusyBlocks(db, [userId], range)).get(userId));
const version = async (id: string) =>
  (await db.externalCalendar.findUniqueOrThrow({ where: { id }, select: { busyVersion: true } })).busyVersion;

describe("busy time kept in memory", () => {
  beforeEach(() => clearBusyTimeCache());

  it("merges a member's counted calendars, and answers a repeat from memory with the same result", async () => {
    const m = await member();
    await block(m.home, 0, 2);
    await block(m.home, 1, 3); // overlaps in the same calendar
    await block(m.work, 2.5, 4); // overlaps across calendars
    await block(m.work, 6, 7);

    const before = busyTimeCacheStats();
    expect(await read(m.user.id)).toEqual([
      [0, 4],
      [6, 7],
    ]);
    const first = busyTimeCacheStats();
    expect(first.misses - before.misses).toBe(2);
    expect(await read(m.user.id)).toEqual([
      [0, 4],
      [6, 7],
    ]);
    const second = busyTimeCacheStats();
    expect(second.hits - first.hits).toBe(2);
    expect(second.misses).toBe(first.misses);
  });

  it("joins touching blocks and keeps times to the millisecond", async () => {
    const m = await member();
    await block(m.home, 0, 1);
    await block(m.home, 1, 2); // touches the first: one busy range
    await block(m.home, 0.5, 0.75); // inside it
    const odd = { start: T0 + 5 * H + 1_234, end: T0 + 6 * H + 56_789 };
    await db.busyBlock.create({
      data: {
        organizationId: m.org.id,
        userId: m.user.id,
        externalCalendarId: m.work.id,
        objectUrl: "odd.ics",
        startsAt: new Date(odd.start),
        endsAt: new Date(odd.end),
      },
    });
    const list = (await getBusyBlocks(db, [m.user.id], RANGE)).get(m.user.id)!;
    expect(list).toEqual([{ start: T0, end: T0 + 2 * H }, odd]);
  });

  it("sees every kind of change to the blocks at once: insert, update, delete, raw SQL", async () => {
    const m = await member();
    const b = await block(m.home, 0, 1);
    expect(await read(m.user.id)).toEqual([[0, 1]]);

    await block(m.work, 5, 6);
    expect(await read(m.user.id)).toEqual([
      [0, 1],
      [5, 6],
    ]);

    await db.busyBlock.update({ where: { id: b.id }, data: { endsAt: new Date(T0 + 2 * H) } });
    expect(await read(m.user.id)).toEqual([
      [0, 2],
      [5, 6],
    ]);

    await db.busyBlock.deleteMany({ where: { externalCalendarId: m.work.id } });
    expect(await read(m.user.id)).toEqual([[0, 2]]);

    await db.$executeRaw`
      INSERT INTO "BusyBlock" (id, "organizationId", "userId", "externalCalendarId", "objectUrl", "startsAt", "endsAt")
      VALUES (${uniqueSuffix()}, ${m.org.id}, ${m.user.id}, ${m.home.id}, 'raw.ics', ${new Date(T0 + 10 * H)}, ${new Date(T0 + 11 * H)})`;
    expect(await read(m.user.id)).toEqual([
      [0, 2],
      [10, 11],
    ]);
  });

  it("raises a calendar's version only when a statement changed its blocks", async () => {
    const m = await member();
    await block(m.home, 0, 1);
    const v = await version(m.home.id);
    const w = await version(m.work.id);
    await db.busyBlock.deleteMany({ where: { externalCalendarId: m.home.id, objectUrl: "no-such.ics" } });
    expect(await version(m.home.id)).toBe(v);
    await block(m.home, 3, 4);
    expect(await version(m.home.id)).toBe(v + 1);
    expect(await version(m.work.id)).toBe(w);
  });

  it("reads whether a calendar counts on every request: unticked, missing, disconnected", async () => {
    const m = await member();
    await block(m.home, 0, 1);
    await block(m.work, 5, 6);
    expect(await read(m.user.id)).toEqual([
      [0, 1],
      [5, 6],
    ]);

    await db.externalCalendar.update({ where: { id: m.work.id }, data: { checkConflicts: false } });
    expect(await read(m.user.id)).toEqual([[0, 1]]);
    await db.externalCalendar.update({ where: { id: m.work.id }, data: { checkConflicts: true } });
    expect(await read(m.user.id)).toEqual([
      [0, 1],
      [5, 6],
    ]);

    await db.externalCalendar.update({ where: { id: m.home.id }, data: { missingSince: new Date() } });
    expect(await read(m.user.id)).toEqual([[5, 6]]);

    await db.calendarConnection.update({ where: { id: m.connection.id }, data: { status: "DISCONNECTED" } });
    expect(await read(m.user.id)).toEqual([]);
  });

  it("reads again for a range it has not read, and returns only what overlaps the range", async () => {
    const m = await member();
    await block(m.home, 0, 1);
    await block(m.home, 24 * 40, 24 * 40 + 1); // day 40: outside RANGE
    expect(await read(m.user.id)).toEqual([[0, 1]]);

    const before = busyTimeCacheStats();
    const wide = { start: RANGE.start, end: T0 + 60 * 24 * H };
    expect(await read(m.user.id, wide)).toEqual([
      [0, 1],
      [960, 961],
    ]);
    expect(busyTimeCacheStats().misses - before.misses).toBe(2);

    // A range inside the one read is answered from memory, cut to the range.
    const narrow = { start: T0 + 24 * 39 * H, end: T0 + 24 * 41 * H };
    const mid = busyTimeCacheStats();
    expect(await read(m.user.id, narrow)).toEqual([[960, 961]]);
    expect(busyTimeCacheStats().hits - mid.hits).toBe(2);
  });

  it("keeps nothing a transaction saw of its own uncommitted blocks", async () => {
    const m = await member();
    await block(m.home, 0, 1);
    expect(await read(m.user.id)).toEqual([[0, 1]]);

    // Inside the transaction the new block counts; it rolls back.
    await expect(
      db.$transaction(async (tx) => {
        await tx.busyBlock.create({
          data: {
            organizationId: m.org.id,
            userId: m.user.id,
            externalCalendarId: m.home.id,
            objectUrl: "rolled-back.ics",
            startsAt: new Date(T0 + 20 * H),
            endsAt: new Date(T0 + 21 * H),
          },
        });
        expect(hours((await getBusyBlocks(tx, [m.user.id], RANGE)).get(m.user.id))).toEqual([
          [0, 1],
          [20, 21],
        ]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");

    // A committed change that reaches the same version number as the rolled-back one, read with
    // nothing in between: had the transaction's read been kept, the rolled-back block would show.
    await block(m.home, 30, 31);
    expect(await read(m.user.id)).toEqual([
      [0, 1],
      [30, 31],
    ]);
  });

  it("survives deleting a calendar with its blocks (the trigger runs during the cascade)", async () => {
    const m = await member();
    await block(m.home, 0, 1);
    await block(m.work, 5, 6);
    expect(await read(m.user.id)).toEqual([
      [0, 1],
      [5, 6],
    ]);
    await db.externalCalendar.delete({ where: { id: m.work.id } });
    expect(await read(m.user.id)).toEqual([[0, 1]]);
    await db.calendarConnection.delete({ where: { id: m.connection.id } });
    expect(await read(m.user.id)).toEqual([]);
  });

  it("equals a fresh read for many members after random changes", async () => {
    const members = await Promise.all([member(), member(), member()]);
    const calendars = members.flatMap((m) => [m.home, m.work]);
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 12; round++) {
      const c = calendars[Math.floor(random() * calendars.length)]!;
      const start = Math.floor(random() * 200);
      if (random() < 0.7) await block(c, start, start + 1 + Math.floor(random() * 5));
      else await db.busyBlock.deleteMany({ where: { externalCalendarId: c.id, startsAt: { lt: new Date(T0 + start * H) } } });
      const ids = members.map((m) => m.user.id);
      const kept = await getBusyBlocks(db, ids, RANGE);
      clearBusyTimeCache();
      const fresh = await getBusyBlocks(db, ids, RANGE);
      expect([...kept].map(([id, list]) => [id, hours(list)])).toEqual([...fresh].map(([id, list]) => [id, hours(list)]));
      // The fresh read fills the memory again for the next round.
    }
  });
});
