// Moved to lib/jobs/enqueue.ts (the job layer below every feature); kept for callers not yet moved.
export { enqueueJob, type EnqueueOptions } from "@/lib/jobs/enqueue";
