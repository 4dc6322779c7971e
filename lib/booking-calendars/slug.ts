// The link suggested from a calendar's name while an admin creates it. No imports: client code uses it.

const MAX = 60;

/**
 * "Café Consultation (30 min)" → "cafe-consultation-30-min": lowercase ASCII letters, digits and
 * single hyphens, at most 60 characters, never starting or ending with a hyphen (the rules of
 * BookingCalendarSchema's slug). Letters without an ASCII form are dropped.
 */
export function suggestSlug(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/&/g, " and ")
    .toLowerCase();
  const slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return slug.slice(0, MAX).replace(/-+$/, "");
}
