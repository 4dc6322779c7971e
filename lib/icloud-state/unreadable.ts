import type { SkippedComponent } from "@/lib/ical/busy";

/**
 * An iCloud event whose busy time the reader could not determine (lib/ical/busy's `unreadable`),
 * remembered on its calendar (ExternalCalendar.unreadableEvents) until the object is readable
 * again or gone. `keptPrevious` says whether the object's blocks from an earlier, readable version
 * were kept in its place; when there were none the member's busy time is unknown, and the
 * calendar is not fresh for availability (lib/sync/refresh/freshness.ts).
 */
export interface UnreadableEvent {
  objectUrl: string;
  uid: string | null;
  title: string | null;
  reason: string;
  /** ISO time of the first refresh that could not read it. */
  since: string;
  keptPrevious: boolean;
}

/** More than this many are not listed one by one (the calendar stays not fresh if any of them is). */
export const MAX_UNREADABLE_LISTED = 100;
const MAX_TITLE = 200;
const MAX_REASON = 300;

/** The stored JSON, read defensively: anything malformed is dropped, never thrown. */
export function readUnreadableEvents(value: unknown): UnreadableEvent[] {
  if (!Array.isArray(value)) return [];
  const out: UnreadableEvent[] = [];
  for (const v of value) {
    if (!v || typeof v !== "object") continue;
    const e = v as Record<string, unknown>;
    if (typeof e.objectUrl !== "string" || typeof e.reason !== "string" || typeof e.since !== "string") continue;
    out.push({
      objectUrl: e.objectUrl,
      uid: typeof e.uid === "string" ? e.uid : null,
      title: typeof e.title === "string" ? e.title : null,
      reason: e.reason,
      since: e.since,
      keptPrevious: e.keptPrevious === true,
    });
  }
  return out;
}

/**
 * The entries that make the member's busy time unknown: no earlier blocks were kept, or the kept
 * ones date from before `staleBefore` (epoch ms) — old blocks kept in place of an unreadable
 * object are stale data, and trusted only as long as a calendar's last read is
 * (ICLOUD_MAX_STALENESS_MINUTES).
 */
export function blockingEntries(events: UnreadableEvent[], staleBefore = Number.NEGATIVE_INFINITY): UnreadableEvent[] {
  return events.filter((e) => !e.keptPrevious || !(Date.parse(e.since) >= staleBefore));
}

/** Whether the member's busy time is unknown because of one of these. */
export function blocksAvailability(events: UnreadableEvent[], staleBefore = Number.NEGATIVE_INFINITY): boolean {
  return blockingEntries(events, staleBefore).length > 0;
}

/**
 * Entries for one object that the reader could not (fully) read. An object already listed keeps
 * its `since` per UID and its `keptPrevious` (blocks kept in its place stay those of its last
 * readable version; partial blocks stored for a never-readable object never count as readable).
 */
export function entriesForObject(options: {
  objectUrl: string;
  ics: string;
  unreadable: SkippedComponent[];
  previous: UnreadableEvent[];
  hadBlocks: boolean;
  now: number;
}): UnreadableEvent[] {
  const keptPrevious = options.previous.length > 0 ? options.previous.every((p) => p.keptPrevious) : options.hadBlocks;
  const seen = new Set<string>();
  const entries: UnreadableEvent[] = [];
  for (const u of options.unreadable) {
    const key = `${u.uid ?? ""}\u0000${u.reason}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const before = options.previous.find((p) => p.uid === u.uid);
    entries.push({
      objectUrl: options.objectUrl,
      uid: u.uid ? u.uid.slice(0, MAX_TITLE) : null,
      title: summaryOf(options.ics, u.uid),
      reason: u.reason.slice(0, MAX_REASON),
      since: before?.since ?? new Date(options.now).toISOString(),
      keptPrevious,
    });
  }
  return entries;
}

/** The list to store: not-kept entries first so a cut never hides that the calendar is not fresh. */
export function boundedList(events: UnreadableEvent[]): UnreadableEvent[] | null {
  if (events.length === 0) return null;
  return [...events].sort((a, b) => Number(a.keptPrevious) - Number(b.keptPrevious)).slice(0, MAX_UNREADABLE_LISTED);
}

/**
 * The SUMMARY of the VEVENT with this UID (the first VEVENT when the whole object was unreadable),
 * for telling the member which event it is (the text is bounded by the CalDAV body cap). Unfolds
 * lines and unescapes the usual text escapes; null when there is none.
 */
export function summaryOf(ics: string, uid: string | null): string | null {
  const text = ics.replace(/\r?\n[ \t]/g, "");
  let inEvent = false;
  let eventUid: string | null = null;
  let summary: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const upper = line.toUpperCase();
    if (upper.startsWith("BEGIN:VEVENT")) {
      inEvent = true;
      eventUid = null;
      summary = null;
    } else if (inEvent && upper.startsWith("END:VEVENT")) {
      inEvent = false;
      if (summary !== null && (uid === null || eventUid === uid)) return summary;
    } else if (inEvent && /^UID[;:]/i.test(line)) {
      eventUid = line.slice(line.indexOf(":") + 1).trim();
    } else if (inEvent && /^SUMMARY[;:]/i.test(line)) {
      summary = line
        .slice(line.indexOf(":") + 1)
        .replace(/\\[nN]/g, " ")
        .replace(/\\([,;\\])/g, "$1")
        .trim()
        .slice(0, MAX_TITLE);
    }
  }
  return null;
}
