import type { Task } from "graphile-worker";
import { db } from "@/lib/db";
import { parsePayload } from "@/lib/jobs/registry";

/** Records when a staff member last signed in (shown in Admin > Team). */
export const recordSignIn: Task = async (raw) => {
  const { userId, at } = parsePayload("record_sign_in", raw);
  const signedInAt = new Date(at);
  // A late retry must not overwrite a newer sign-in.
  await db.user.updateMany({
    where: { id: userId, OR: [{ lastSignInAt: null }, { lastSignInAt: { lt: signedInAt } }] },
    data: { lastSignInAt: signedInAt },
  });
};
