import type { Task } from "graphile-worker";

// Class occurrences (one event per session in the instructor's calendar) are not pushed yet:
// until they are, these jobs complete without doing anything, so they neither pile up nor retry.
export const pushClassOccurrence: Task = async () => {};
