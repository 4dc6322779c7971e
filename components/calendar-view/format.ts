// Wording shared by the events, the legend and the freshness list.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "just now", "2 min ago", "3 hr ago", "yesterday" (English, as the rest of the staff UI). */
export function relativeTime(iso: string, now: number): string {
  const diff = Date.parse(iso) - now;
  if (Math.abs(diff) < 60_000) return "just now";
  const format = new Intl.RelativeTimeFormat("en-GB", { numeric: "auto", style: "short" });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === "minute") return format.format(Math.round(diff / ms), unit);
  }
  return "just now";
}

export function refreshedText(lastRefreshedAt: string | null, now: number): string {
  return lastRefreshedAt ? `last refreshed ${relativeTime(lastRefreshedAt, now)}` : "never refreshed";
}

// Distinct, dark enough for white text (WCAG AA on 12 px bold); one per member in the team view.
export const STAFF_COLORS = ["#1d4ed8", "#047857", "#7c3aed", "#b45309", "#be123c", "#0e7490", "#4d7c0f", "#a21caf"];

export function staffColor(index: number): string {
  return STAFF_COLORS[((index % STAFF_COLORS.length) + STAFF_COLORS.length) % STAFF_COLORS.length]!;
}

/**
 * Short names for the team view's narrow event boxes: the first name, with the family name's
 * initial where two members share a first name ("Tom A.", "Tom B."), the full name if even that
 * is shared. The legend, the tooltip and the details keep the full names.
 */
export function shortNames(members: { id: string; name: string }[]): Map<string, string> {
  const parts = (name: string) => name.trim().split(/\s+/);
  const first = (name: string) => parts(name)[0] ?? name;
  const withInitial = (name: string) => {
    const p = parts(name);
    return p.length > 1 ? `${p[0]} ${p[p.length - 1]![0]}.` : name;
  };
  const count = (labels: string[]) => labels.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const firsts = count(members.map((m) => first(m.name)));
  const initials = count(members.map((m) => withInitial(m.name)));
  return new Map(
    members.map((m) => {
      if (firsts.get(first(m.name)) === 1) return [m.id, first(m.name)];
      if (initials.get(withInitial(m.name)) === 1) return [m.id, withInitial(m.name)];
      return [m.id, m.name];
    }),
  );
}

/**
 * Codes of at most four letters for boxes too narrow even for a first name ("Tom", "Tam.",
 * "Theo"); initials where those are shared, the short name where even initials are.
 */
export function staffCodes(members: { id: string; name: string }[]): Map<string, string> {
  const short = shortNames(members);
  const parts = (name: string) => name.trim().split(/\s+/);
  const abbreviate = (name: string) => {
    const first = parts(name)[0] ?? name;
    return first.length <= 4 ? first : `${first.slice(0, 3)}.`;
  };
  const initials = (name: string) =>
    parts(name)
      .map((p) => p[0]!.toUpperCase())
      .join("")
      .slice(0, 3);
  const unique = (labels: string[]) => labels.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const abbreviations = unique(members.map((m) => abbreviate(m.name)));
  const allInitials = unique(members.map((m) => initials(m.name)));
  return new Map(
    members.map((m) => {
      if (abbreviations.get(abbreviate(m.name)) === 1) return [m.id, abbreviate(m.name)];
      if (allInitials.get(initials(m.name)) === 1) return [m.id, initials(m.name)];
      return [m.id, short.get(m.id) ?? m.name];
    }),
  );
}
