import { randomUUID } from "node:crypto";
import { discoverAccount, type DiscoveredAccount } from "@/lib/caldav/discovery";
import { CalDavError } from "@/lib/caldav/errors";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit";
import { enqueueUserPushes } from "@/lib/connections/member-pushes";
import { enqueueUserRefresh } from "@/lib/jobs/refresh";
import { reconcileCalendars } from "./calendar-list";
import { calDavSettings, type CalDavSettings } from "./config";
import { sealPassword } from "./credentials";
import { withExplainedCalDavErrors } from "./explain";

// Repeated failed logins can get an Apple ID locked: at most 5 attempts per user per 15 minutes.
const ATTEMPTS = 5;
const WINDOW_MS = 15 * 60_000;

async function limitAttempts(actor: Actor) {
  const result = await consumeRateLimit({ key: `icloud-login:${actor.userId}`, limit: ATTEMPTS, windowMs: WINDOW_MS });
  if (!result.ok) {
    const minutes = Math.max(1, Math.ceil(result.retryAfterMs / 60_000));
    throw new AppError(
      "RATE_LIMITED",
      `Too many connection attempts. To keep Apple from locking your Apple ID, wait ${minutes} min before trying again.`,
    );
  }
}

function alreadyConnected() {
  return new AppError("CONFLICT", "This Apple ID is already connected. Use Reconnect to give it a new app-specific password.");
}

/** Logs in and lists calendars; a failure becomes a plain-words AppError. Stores nothing. */
export async function loginToICloud(appleId: string, password: string, settings: CalDavSettings): Promise<DiscoveredAccount> {
  return withExplainedCalDavErrors(async () => {
    const account = await discoverAccount({ ...settings, username: appleId, password });
    if (account.calendars.length === 0) throw new CalDavError("NO_CALENDARS", "no event calendars");
    return account;
  });
}

/** Connect: validate against iCloud first; only a working login is stored, encrypted. */
export async function connectICloud(options: {
  actor: Actor;
  appleId: string;
  appSpecificPassword: string;
  settings?: CalDavSettings;
}): Promise<{ connectionId: string }> {
  const { actor, appleId } = options;
  const settings = options.settings ?? calDavSettings();
  const live = await db.calendarConnection.findFirst({
    where: {
      organizationId: actor.organizationId,
      userId: actor.userId,
      appleId: { equals: appleId, mode: "insensitive" },
      status: { not: "DISCONNECTED" },
    },
    select: { id: true },
  });
  if (live) throw alreadyConnected();
  await limitAttempts(actor);
  const account = await loginToICloud(appleId, options.appSpecificPassword, settings);

  const id = randomUUID();
  try {
    await db.$transaction(async (tx) => {
      await tx.calendarConnection.create({
        data: {
          id,
          organizationId: actor.organizationId,
          userId: actor.userId,
          appleId,
          ...sealPassword(id, options.appSpecificPassword),
          serverUrl: settings.serverUrl,
          principalUrl: account.principalUrl,
          homeUrl: account.homeUrl,
          status: "ACTIVE",
          lastCheckedAt: new Date(),
        },
      });
      await reconcileCalendars(tx, { id, organizationId: actor.organizationId, userId: actor.userId }, account.calendars, actor.userId);
      await recordAudit(tx, {
        organizationId: actor.organizationId,
        actorId: actor.userId,
        subjectUserId: actor.userId,
        action: "connection.connected",
        details: { appleId, calendars: account.calendars.map((c) => c.displayName) },
      });
      await enqueueUserRefresh(tx, actor.userId);
    });
  } catch (error) {
    // A double submit: the partial unique index let only the first one in.
    if (isUniqueViolation(error, "CalendarConnection")) throw alreadyConnected();
    throw error;
  }
  return { connectionId: id };
}

/** Reconnect: a new app-specific password for an existing connection; calendars and configuration stay. */
export async function reconnectICloud(options: {
  actor: Actor;
  connectionId: string;
  appSpecificPassword: string;
  settings?: CalDavSettings;
}): Promise<{ notices: string[] }> {
  const { actor } = options;
  const connection = await db.calendarConnection.findFirst({
    where: { id: options.connectionId, organizationId: actor.organizationId, userId: actor.userId, status: { not: "DISCONNECTED" } },
  });
  if (!connection) throw new AppError("NOT_FOUND", "That calendar connection does not exist.");
  await limitAttempts(actor);
  const account = await loginToICloud(connection.appleId, options.appSpecificPassword, options.settings ?? calDavSettings());

  return db.$transaction(async (tx) => {
    await tx.calendarConnection.update({
      where: { id: connection.id },
      data: {
        ...sealPassword(connection.id, options.appSpecificPassword),
        principalUrl: account.principalUrl,
        homeUrl: account.homeUrl,
        status: "ACTIVE",
        lastError: null,
        lastCheckedAt: new Date(),
        // The next break sends its own "reconnect" email.
        reauthEmailQueuedAt: null,
      },
    });
    const notices = await reconcileCalendars(tx, connection, account.calendars, actor.userId);
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      subjectUserId: actor.userId,
      action: "connection.reconnected",
      details: { appleId: connection.appleId, previousStatus: connection.status },
    });
    await enqueueUserRefresh(tx, actor.userId);
    // Work parked while the password was revoked resumes now.
    await enqueueUserPushes(tx, actor.userId);
    return { notices };
  });
}
