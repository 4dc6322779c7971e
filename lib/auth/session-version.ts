import type { Db } from "@/lib/db";

/**
 * Ends every session issued to the user so far: their tokens carry the old version, which
 * getActor no longer accepts (on their very next request). Call it in the transaction that
 * changes the role, deactivates the user or changes their password.
 */
export async function endSessions(tx: Db, userId: string): Promise<number> {
  const user = await tx.user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  return user.sessionVersion;
}
