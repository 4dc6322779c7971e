import { describe, expect, it } from "vitest";
import { suggestSlug } from "@/lib/booking-calendars/slug";
import { BookingCalendarSchema } from "@/lib/booking-calendars/schemas";

describe("suggestSlug", () => {
  it("turns a name into a link customers can type", () => {
    expect(suggestSlug("Consultation")).toBe("consultation");
    expect(suggestSlug("  Intro call — 30 min  ")).toBe("intro-call-30-min");
    expect(suggestSlug("Café Crème & Croissant")).toBe("cafe-creme-and-croissant");
    expect(suggestSlug("Straße / Øresund")).toBe("strasse-oresund");
    expect(suggestSlug("Yoga__2026!!")).toBe("yoga-2026");
  });

  it("drops what has no ASCII form and never leaves a hyphen at either end", () => {
    expect(suggestSlug("日本語 Lessons")).toBe("lessons");
    expect(suggestSlug("---")).toBe("");
    expect(suggestSlug("a".repeat(59) + " b")).toBe("a".repeat(59));
  });

  it("suggests only links the form accepts, once the name gives three characters", () => {
    const names = ["Consultation", "Hair Cut & Colour (90 min)", "Ünïcödé yoga", `${"Long name ".repeat(12)}`, "Q&A", "1:1"];
    for (const name of names) {
      const slug = suggestSlug(name);
      expect(slug.length).toBeLessThanOrEqual(60);
      const parsed = BookingCalendarSchema.shape.slug.safeParse(slug);
      expect(parsed.success, `${name} → ${slug}`).toBe(true);
    }
  });
});
