import { wallTimeIn } from "@/lib/time-zones";
import { localDateOf, zonedTimeToInstant } from "@/lib/availability";
import type { Interval } from "@/lib/availability/types";

const MINUTE_MS = 60_000;
const WEEK_DAYS = 7;

export interface SessionLike {
  id: string;
  instructorId: string;
  startsAt: Date;
  durationMinutes: number;
  capacity: number;
  recurrence: "NONE" | "WEEKLY";
  repeatUntil: Date | null;
}

export interface Occurrence {
  sessionId: string;
  instructorId: string;
  start: number;
  end: number;
  capacity: number;
}

function wallMinuteOf(instant: number, timeZone: string): number {
  const wall = wallTimeIn(instant, timeZone);
  return wall.hour * 60 + wall.minute;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Dated occurrences of class sessions that start inside range. A weekly session keeps its
 * local wall time in the calendar's zone across DST changes (a 18:00 class stays at 18:00).
 */
export function expandSessions(sessions: SessionLike[], range: Interval, timeZone: string): Occurrence[] {
  const out: Occurrence[] = [];
  for (const session of sessions) {
    const first = session.startsAt.getTime();
    const make = (start: number): Occurrence => ({
      sessionId: session.id,
      instructorId: session.instructorId,
      start,
      end: start + session.durationMinutes * MINUTE_MS,
      capacity: session.capacity,
    });
    if (session.recurrence === "NONE") {
      if (first >= range.start && first < range.end) out.push(make(first));
      continue;
    }
    const firstDate = localDateOf(first, timeZone);
    // The wall-clock minute, not the time elapsed since midnight: they differ on DST days.
    const minute = wallMinuteOf(first, timeZone);
    const lastDate = session.repeatUntil ? session.repeatUntil.toISOString().slice(0, 10) : null;
    // Jump near the range instead of walking from a session that began years ago.
    const weeksToSkip = Math.max(0, Math.floor((range.start - first) / (WEEK_DAYS * 86_400_000)) - 1);
    for (let date = addDays(firstDate, weeksToSkip * WEEK_DAYS); ; date = addDays(date, WEEK_DAYS)) {
      if (lastDate && date > lastDate) break;
      const start = zonedTimeToInstant(date, minute, timeZone);
      if (start >= range.end) break;
      if (start >= range.start && start >= first) out.push(make(start));
    }
  }
  return out.sort((a, b) => a.start - b.start || a.sessionId.localeCompare(b.sessionId));
}
