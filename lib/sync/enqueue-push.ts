// Moved to lib/jobs/push.ts (the job layer below every feature); kept for callers not yet moved.
export * from "@/lib/jobs/push";
