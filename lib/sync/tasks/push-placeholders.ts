import type { Task } from "graphile-worker";

// Enqueued by every booking change on an iCloud-enabled calendar (lib/sync/enqueue-push.ts).
// Writing the events to iCloud is the push work's (issue 6); until it lands these jobs complete
// without doing anything, so they neither pile up nor retry.
export const pushAppointment: Task = async () => {};
export const pushClassOccurrence: Task = async () => {};
