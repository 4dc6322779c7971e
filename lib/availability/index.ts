// The slot engine's public surface: pure functions over epoch-ms intervals and IANA zones.

export type * from "./types";
export { zonedTimeToInstant, localDateOf, localDayInterval, localDatesCovering } from "./zoned-time";
export { addDays, weekdayOf, datesBetween } from "./local-date";
export { normalizeIntervals, subtractIntervals, clipIntervals, overlapsAny } from "./intervals";
export { workingIntervals } from "./working-intervals";
export { computeSlots } from "./compute-slots";
export { computeClassSlots, type ClassSlotsInput } from "./class-slots";
