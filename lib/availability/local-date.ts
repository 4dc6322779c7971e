// Calendar arithmetic on plain "YYYY-MM-DD" strings. A local date is a label, not an instant,
// so it is computed on the proleptic Gregorian calendar via Date.UTC, where days are always 24 h.

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of the date's midnight read as if it were UTC ("wall clock" ms); never a real instant. */
export function wallMidnightOf(date: string): number {
  const match = DATE_RE.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const wall = Date.UTC(year, month - 1, day);
  // Date.UTC silently rolls 2026-02-30 over to March; a typo must not shift a day off.
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  return wall;
}

export function formatWallDate(wall: number): string {
  const d = new Date(wall);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${day < 10 ? "0" : ""}${day}`;
}

export function addDays(date: string, days: number): string {
  return formatWallDate(wallMidnightOf(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, matching WeeklyHours.weekday. */
export function weekdayOf(date: string): number {
  return new Date(wallMidnightOf(date)).getUTCDay();
}

/** Every date from `first` to `last`, both included (empty if last < first). */
export function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  const end = wallMidnightOf(last);
  for (let wall = wallMidnightOf(first); wall <= end; wall += DAY_MS) dates.push(formatWallDate(wall));
  return dates;
}
