import type { Task } from "graphile-worker";
import { z } from "zod";
import { db } from "@/lib/db";

const Payload = z.object({ userId: z.string().min(1), at: z.iso.datetime() });

/** Records when a staff member last signed in (shown in Admin > Team). */
export const recordSignIn: Task = async (raw) => {
  const { userId, at } = Payload.parse(raw);
  const signedInAt = new Date(at);
  // A late retry must not overwrite a newer sign-in.
  await db.user.updateMany({
    where: { id: userId, OR: [{ lastSignInAt: null }, { lastSignInAt: { lt: signedInAt } }] },
    data: { lastSignInAt: signedInAt },
  });
};
