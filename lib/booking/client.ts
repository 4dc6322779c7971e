// Kept while callers move to lib/db.ts, the one home of the client types.
export type { Db } from "@/lib/db";
