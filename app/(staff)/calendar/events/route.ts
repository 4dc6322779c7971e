import { NextResponse } from "next/server";
import { assertStaff } from "@/lib/auth/session";
import { CalendarFeedQuerySchema } from "@/lib/calendar-view/schemas";
import { getCalendarFeed } from "@/lib/calendar-view/queries";
import { isAppError, type AppErrorCode } from "@/lib/errors";
import { logError } from "@/lib/log";

// The staff calendar's data. A route handler is a public endpoint: it checks the session itself
// (no layout runs for it), and the domain decides whose data and which busy-block titles it returns.

const STATUS: Partial<Record<AppErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, INVALID_INPUT: 422 };
// Private, per-user data: never stored by a shared cache or the browser's back/forward cache.
const NO_STORE = { "Cache-Control": "private, no-store" };

function error(status: number, code: string, message: string) {
  return NextResponse.json({ error: { code, message } }, { status, headers: NO_STORE });
}

export async function GET(request: Request) {
  try {
    const actor = await assertStaff();
    const query = CalendarFeedQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) {
      const message = query.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
      return error(422, "INVALID_INPUT", message);
    }
    const feed = await getCalendarFeed({ actor, ...query.data });
    return NextResponse.json(feed, { headers: NO_STORE });
  } catch (e) {
    if (isAppError(e) && STATUS[e.code]) return error(STATUS[e.code]!, e.code, e.message);
    logError("calendar feed failed", { error: e });
    return error(500, "INTERNAL", "Something went wrong on our side. Try again.");
  }
}
