import { isCalDavError, type CalDavError } from "@/lib/caldav/errors";
import { AppError } from "@/lib/errors";
import { APP_PASSWORD_HELP } from "./schemas";

export const REJECTED_CREDENTIALS = "Apple rejected these credentials. Use an app-specific password, not your Apple ID password.";

/** Turns a CalDAV failure into words a staff member can act on. Every message says nothing was saved. */
export function explainCalDavError(error: CalDavError): AppError {
  switch (error.kind) {
    case "AUTH":
      return new AppError("UPSTREAM", `${REJECTED_CREDENTIALS} ${APP_PASSWORD_HELP} Nothing was saved.`);
    case "TIMEOUT":
      return new AppError("UPSTREAM", "iCloud did not answer in time. Nothing was saved; try again in a minute.");
    case "NETWORK":
      return new AppError("UPSTREAM", "iCloud could not be reached. Nothing was saved; try again in a minute.");
    case "UNAVAILABLE": {
      const wait = error.details.retryAfterMs
        ? ` (Apple asks to wait ${Math.max(1, Math.ceil(error.details.retryAfterMs / 60_000))} min)`
        : "";
      return new AppError("UPSTREAM", `iCloud is busy right now${wait}. Nothing was saved; try again later.`);
    }
    case "DISALLOWED_HOST":
      return new AppError("UPSTREAM", `${error.message} For your security the connection was refused and nothing was saved.`);
    case "NO_CALENDARS":
      return new AppError(
        "UPSTREAM",
        "This Apple ID has no calendars that can hold events (only reminder lists). Create a calendar in Apple's Calendar app, then connect again. Nothing was saved.",
      );
    case "TOO_LARGE":
      return new AppError("UPSTREAM", "iCloud sent an answer too large to read. Nothing was saved; try again later.");
    default:
      return new AppError("UPSTREAM", "iCloud sent an answer that could not be read. Nothing was saved; try again later.");
  }
}

/** Runs a CalDAV exchange and rethrows its failure as an AppError; other errors pass through. */
export async function withExplainedCalDavErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isCalDavError(error)) throw explainCalDavError(error);
    throw error;
  }
}
