import type { CalendarReader, RemoteObject } from "@/lib/caldav/reader";
import { calDavSettings, type CalDavSettings } from "@/lib/connections/config";
import { noteRejectedPassword, openReader } from "@/lib/connections/caldav-client";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { ownerEmailsFor, type ParseOptions } from "@/lib/ical/busy";
import { applyICloudEdits } from "@/lib/sync/two-way/apply";
import {
  missingCrmObjects,
  noteCrmEventsSeen,
  ownCrmEventUids,
  withLookAlikes,
  noteCrmObjectsDeleted,
  type ICloudEdit,
} from "./crm-events";
import { parseObjects } from "./parse-objects";
import { recordRefreshFailure } from "./failures";
import { RefreshLockTimeout, withCalendarRefreshLock } from "./lock";
import { deleteObjectBlocks, replaceObjectBlocks, type CalendarRef } from "./store";
import { boundedList, entriesForObject, readUnreadableEvents, type UnreadableEvent } from "@/lib/icloud-state/unreadable";
import { chunks, refreshWindow } from "./window";

export type RefreshMode = "unchanged" | "incremental" | "full" | "skipped" | "failed";

export interface RefreshOutcome {
  mode: RefreshMode;
  fetched: number;
  deleted: number;
  skippedComponents: number;
  /** Events whose busy time could not be read (kept as the object's previous blocks, or failing closed). */
  unreadable?: number;
  error?: string;
}

/**
 * Brings one calendar's busy blocks up to date. Incremental where the server keeps a sync
 * token (RFC 6578), else a ctag check; a full time-range query (in chunks) when there is no
 * usable state. An error never removes blocks: it is recorded, backed off, and the last good
 * blocks stay until the freshness rule says they are too old to trust.
 */
export async function refreshCalendar(options: {
  calendarId: string;
  now?: number;
  settings?: CalDavSettings;
  full?: boolean;
  lockWaitMs?: number;
  /** The scheduler's claim already set lastRefreshAttemptAt (lib/sync/refresh/schedule.ts): keep its time. */
  claimed?: boolean;
}): Promise<RefreshOutcome> {
  try {
    return await withCalendarRefreshLock(options.calendarId, () => refreshLocked(options), { waitMs: options.lockWaitMs });
  } catch (error) {
    if (error instanceof RefreshLockTimeout) return { mode: "skipped", fetched: 0, deleted: 0, skippedComponents: 0, error: error.message };
    throw error;
  }
}

/** One refresh, under the calendar's refresh lock (lib/sync/refresh/lock.ts): nothing else refreshes it meanwhile. */
async function refreshLocked(options: {
  calendarId: string;
  now?: number;
  settings?: CalDavSettings;
  full?: boolean;
  claimed?: boolean;
}): Promise<RefreshOutcome> {
  // Read after the lock: a refresh that waited starts from what the one before it stored.
  const now = options.now ?? Date.now();
  const calendar = await db.externalCalendar.findUnique({
    where: { id: options.calendarId },
    include: { connection: true, user: { select: { email: true, timeZone: true, blockUnansweredInvitations: true } } },
  });
  if (!calendar || calendar.missingSince || calendar.connection.status !== "ACTIVE")
    return { mode: "skipped", fetched: 0, deleted: 0, skippedComponents: 0 };
  if (!options.claimed) await db.externalCalendar.update({ where: { id: calendar.id }, data: { lastRefreshAttemptAt: new Date(now) } });
  const settings = options.settings ?? calDavSettings();
  const window = await refreshWindow(db, calendar.userId, now);
  const parse: Omit<ParseOptions, "window"> = {
    ownerTimeZone: calendar.user.timeZone,
    ownerEmails: ownerEmailsFor({ appleId: calendar.connection.appleId, email: calendar.user.email }),
    blockUnansweredInvitations: calendar.user.blockUnansweredInvitations,
  };
  const ref: CalendarRef = { id: calendar.id, organizationId: calendar.organizationId, userId: calendar.userId };

  try {
    const reader = openReader(calendar.connection, settings);
    const run = new Refresh(reader, calendar.url, ref, calendar.connectionId, { ...parse, window }, now);
    const covered = calendar.coveredUntil ? calendar.coveredUntil.getTime() : 0;
    if (!options.full && calendar.lastRefreshedAt && calendar.syncToken) {
      const outcome = await run.incremental(calendar.syncToken, covered);
      if (outcome) return await withEditsApplied(run, outcome);
    } else if (!options.full && calendar.lastRefreshedAt && calendar.ctag && covered >= window.end) {
      const state = await reader.collectionState(calendar.url);
      if (state.ctag === calendar.ctag) return run.finish({ ctag: state.ctag, syncToken: state.syncToken }, "unchanged");
    }
    return await withEditsApplied(run, await run.full());
  } catch (error) {
    await noteRejectedPassword(calendar.connectionId, error);
    const message = await recordRefreshFailure(calendar.id, calendar.refreshFailures, error, now);
    return { mode: "failed", fetched: 0, deleted: 0, skippedComponents: 0, error: message };
  }
}

/**
 * Changes made in iCloud to CRM events are applied after the refresh has stored its blocks and
 * its "last refreshed" (so the checks a reschedule makes see this calendar as fresh), still under
 * the calendar's refresh lock. applyICloudEdits never throws: a failed edit stays shown as
 * "Changed in iCloud" and the refresh itself still counts as a success.
 */
async function withEditsApplied(run: Refresh, outcome: RefreshOutcome): Promise<RefreshOutcome> {
  if (run.edits.length > 0) await applyICloudEdits(run.edits);
  return outcome;
}

class Refresh {
  private fetched = 0;
  private deleted = 0;
  private skipped = 0;
  private unreadable = 0;
  /** Changes made in iCloud to the member's CRM events, applied once the blocks are stored. */
  readonly edits: ICloudEdit[] = [];

  constructor(
    private readonly reader: CalendarReader,
    private readonly url: string,
    private readonly calendar: CalendarRef,
    private readonly connectionId: string,
    private readonly parse: ParseOptions,
    private readonly now: number,
  ) {}

  /** Changes since the token, plus the days the window gained since the last refresh. */
  async incremental(token: string, coveredUntil: number): Promise<RefreshOutcome | null> {
    const changes = await this.reader.syncChanges(this.url, token);
    if (changes === "invalid-token") return null;
    const objects = await this.reader.multiGet(
      this.url,
      changes.changed.map((c) => c.url),
    );
    const tail =
      coveredUntil < this.parse.window.end
        ? await this.reader.queryRange(this.url, { start: Math.max(coveredUntil, this.parse.window.start), end: this.parse.window.end })
        : [];
    await this.store([...objects, ...tail], changes.deleted, null);
    const mode = objects.length || tail.length || changes.deleted.length ? "incremental" : "unchanged";
    return this.finish({ syncToken: changes.token }, mode);
  }

  /** Everything in the window; objects no longer returned lose their blocks. */
  async full(): Promise<RefreshOutcome> {
    // The token is read before the query: changes made meanwhile are picked up next time.
    const state = await this.reader.collectionState(this.url);
    const byUrl = new Map<string, RemoteObject>();
    for (const chunk of chunks(this.parse.window)) {
      for (const object of await this.reader.queryRange(this.url, chunk)) byUrl.set(object.url, object);
    }
    await this.store([...byUrl.values()], [], [...byUrl.keys()]);
    return this.finish(state, "full");
  }

  private async store(objects: RemoteObject[], deletedUrls: string[], keepOnly: string[] | null): Promise<void> {
    const parsed = await parseObjects(objects, this.parse);
    await db.$transaction(
      async (tx) => {
        const row = await tx.externalCalendar.findUniqueOrThrow({ where: { id: this.calendar.id }, select: { unreadableEvents: true } });
        const before = readUnreadableEvents(row.unreadableEvents);
        const touched = new Set<string>([...deletedUrls, ...parsed.map((p) => p.object.url)]);
        const kept: UnreadableEvent[] = before.filter((e) => !touched.has(e.objectUrl) && (!keepOnly || keepOnly.includes(e.objectUrl)));
        const ownCrmUids = await ownCrmEventUids(
          tx,
          this.calendar,
          parsed.flatMap((p) => p.result.crmEvents.map((e) => e.uid)),
        );
        for (const { object, result: parsedResult } of parsed) {
          const result = { ...parsedResult, intervals: withLookAlikes(parsedResult, ownCrmUids) };
          if (result.unreadable.length > 0) {
            // Fail closed: never replace an object's busy time with less than it had. Its blocks from
            // the last readable version stay; a new object's partial blocks are stored, and its
            // calendar stops counting as fresh until it is readable again or removed.
            const previous = before.filter((e) => e.objectUrl === object.url);
            const hadBlocks =
              previous.length === 0 &&
              (await tx.busyBlock.count({ where: { externalCalendarId: this.calendar.id, objectUrl: object.url } })) > 0;
            const entries = entriesForObject({
              objectUrl: object.url,
              ics: object.ics,
              unreadable: result.unreadable,
              previous,
              hadBlocks,
              now: this.now,
            });
            if (!entries[0]!.keptPrevious) await replaceObjectBlocks(tx, this.calendar, object.url, object.etag, result.intervals);
            kept.push(...entries);
            this.unreadable += entries.length;
          } else {
            await replaceObjectBlocks(tx, this.calendar, object.url, object.etag, result.intervals);
          }
          this.edits.push(
            ...(await noteCrmEventsSeen(
              tx,
              this.calendar,
              result.crmEvents.map((e) => ({ ...e, etag: object.etag ?? null })),
            )),
          );
          this.skipped += result.skipped.length;
        }
        await tx.externalCalendar.update({
          where: { id: this.calendar.id },
          data: { unreadableEvents: (boundedList(kept) as unknown as Prisma.InputJsonValue | null) ?? Prisma.DbNull },
        });
        await deleteObjectBlocks(tx, this.calendar.id, deletedUrls);
        this.edits.push(...(await noteCrmObjectsDeleted(tx, this.calendar, deletedUrls)));
        if (keepOnly) {
          const gone = await tx.busyBlock.findMany({
            where: { externalCalendarId: this.calendar.id, objectUrl: { notIn: keepOnly } },
            distinct: ["objectUrl"],
            select: { objectUrl: true },
          });
          await deleteObjectBlocks(
            tx,
            this.calendar.id,
            gone.map((g) => g.objectUrl),
          );
          this.deleted += gone.length;
          // CRM events are not busy blocks, so a full read finds their deletions by URL.
          const crmGone = await missingCrmObjects(tx, this.calendar, keepOnly, {
            start: Math.max(this.parse.window.start, this.now),
            end: this.parse.window.end,
          });
          this.edits.push(...(await noteCrmObjectsDeleted(tx, this.calendar, crmGone)));
        }
        // Blocks that ended before the window are of no use to anyone any more.
        await tx.busyBlock.deleteMany({
          where: { externalCalendarId: this.calendar.id, endsAt: { lt: new Date(this.parse.window.start) } },
        });
      },
      { timeout: 60_000 },
    );
    this.fetched += objects.length;
    this.deleted += deletedUrls.length;
  }

  async finish(state: { ctag?: string | null; syncToken?: string | null }, mode: RefreshMode): Promise<RefreshOutcome> {
    // One transaction, the connection first: whoever sees this calendar's new "last refreshed"
    // also sees the connection's new "last checked" (Sync now follows the former).
    await db.$transaction([
      db.calendarConnection.update({
        where: { id: this.connectionId },
        data: { lastSyncedAt: new Date(this.now), lastCheckedAt: new Date(this.now) },
      }),
      db.externalCalendar.update({
        where: { id: this.calendar.id },
        data: {
          ...(state.ctag !== undefined ? { ctag: state.ctag } : {}),
          ...(state.syncToken !== undefined ? { syncToken: state.syncToken } : {}),
          lastRefreshedAt: new Date(this.now),
          lastRefreshError: null,
          refreshFailures: 0,
          nextRefreshAt: null,
          coveredUntil: new Date(this.parse.window.end),
        },
      }),
    ]);
    return { mode, fetched: this.fetched, deleted: this.deleted, skippedComponents: this.skipped, unreadable: this.unreadable };
  }
}
