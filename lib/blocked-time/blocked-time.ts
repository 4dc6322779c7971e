import { addDays, zonedTimeToInstant } from "@/lib/availability";
import { recordAudit } from "@/lib/audit";
import { assertCanManageUser } from "@/lib/auth/rules";
import type { Actor } from "@/lib/auth/session";
import { lockForBooking } from "@/lib/booking/locks";
import { db, type Tx } from "@/lib/db";
import { isOverlapViolation } from "@/lib/db-errors";
import { AppError } from "@/lib/errors";
import { enqueueBlockedTimePush } from "@/lib/jobs/push";
import { formatDateTime } from "@/lib/ui/format";
import type { BlockedTimeInput } from "./schemas";

const DAY_MS = 86_400_000;
/** One block may last up to 31 days; a weekly repeat runs up to a year (at most 53 occurrences). */
export const MAX_BLOCK_MS = 31 * DAY_MS;
export const MAX_REPEAT_DAYS = 366;

interface Span {
  start: number;
  end: number;
}

/** The instants of a block (and of each weekly repeat) from wall times in the member's zone. */
export function blockedSpans(input: BlockedTimeInput, timeZone: string): Span[] {
  const minute = (time: string | null | undefined) => {
    const [h, m] = (time ?? "00:00").split(":").map(Number);
    return h! * 60 + m!;
  };
  const span = (startDate: string, endDate: string): Span =>
    input.allDay
      ? { start: zonedTimeToInstant(startDate, 0, timeZone), end: zonedTimeToInstant(addDays(endDate, 1), 0, timeZone) }
      : {
          start: zonedTimeToInstant(startDate, minute(input.startTime), timeZone),
          end: zonedTimeToInstant(endDate, minute(input.endTime), timeZone),
        };
  const first = span(input.startDate, input.endDate);
  if (input.endDate < input.startDate || first.end <= first.start) {
    throw new AppError("INVALID_INPUT", input.allDay ? "The last day can't be before the first." : "The end must be after the start.");
  }
  if (first.end - first.start > MAX_BLOCK_MS)
    throw new AppError("INVALID_INPUT", "Blocked time can last up to 31 days; use a weekly repeat for longer.");
  if (!input.repeatWeeklyUntil) return [first];
  if (input.repeatWeeklyUntil < input.startDate) throw new AppError("INVALID_INPUT", "The repeat must end on or after the first day.");
  if (input.repeatWeeklyUntil > addDays(input.startDate, MAX_REPEAT_DAYS))
    throw new AppError("INVALID_INPUT", "A weekly repeat can run for up to a year.");
  if (first.end - first.start > 7 * DAY_MS) throw new AppError("INVALID_INPUT", "A block that repeats weekly can last up to 7 days.");
  const spans: Span[] = [];
  for (let week = 0; ; week++) {
    const startDate = addDays(input.startDate, 7 * week);
    if (startDate > input.repeatWeeklyUntil) break;
    spans.push(span(startDate, addDays(input.endDate, 7 * week)));
  }
  return spans;
}

async function loadMember(actor: Actor, userId: string) {
  const member = await db.user.findFirst({
    where: { id: userId, organizationId: actor.organizationId },
    select: { id: true, organizationId: true, timeZone: true },
  });
  assertCanManageUser(actor, member);
  return member!;
}

/** Refuses blocks that overlap the member's appointments, classes or other blocked time, naming the first. */
async function assertFree(tx: Tx, userId: string, timeZone: string, spans: Span[], exceptBlockedTimeId?: string): Promise<void> {
  const clashes = await tx.staffHold.findMany({
    where: {
      userId,
      active: true,
      AND: [
        { OR: spans.map((s) => ({ startsAt: { lt: new Date(s.end) }, endsAt: { gt: new Date(s.start) } })) },
        // Not "NOT blockedTimeId = x": that is NULL, and so false, for every hold without blocked time.
        ...(exceptBlockedTimeId ? [{ OR: [{ blockedTimeId: null }, { blockedTimeId: { not: exceptBlockedTimeId } }] }] : []),
      ],
    },
    orderBy: { startsAt: "asc" },
    take: 1,
    select: {
      startsAt: true,
      appointment: { select: { contact: { select: { name: true } } } },
      classOccurrence: { select: { session: { select: { title: true } } } },
      blockedTime: { select: { title: true } },
    },
  });
  const clash = clashes[0];
  if (!clash) return;
  const when = formatDateTime(clash.startsAt, timeZone);
  const what = clash.appointment
    ? `an appointment with ${clash.appointment.contact.name}`
    : clash.classOccurrence
      ? `the class “${clash.classOccurrence.session.title}”`
      : `blocked time “${clash.blockedTime?.title ?? ""}”`;
  throw new AppError("CONFLICT", `This overlaps ${what} on ${when}. Move or cancel that first, or choose another time.`);
}

/** Runs a change that writes holds; a booking that slipped in first is reported like a clash. */
async function withHoldsTransaction<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db.$transaction(async (tx) => {
      // The same lock bookings take for this member: the check above and the insert see each other.
      await lockForBooking(tx, { staffIds: [userId] });
      return fn(tx);
    });
  } catch (error) {
    if (isOverlapViolation(error)) throw new AppError("CONFLICT", "Someone booked this time a moment ago. Choose another time.");
    throw error;
  }
}

export async function createBlockedTime(options: { actor: Actor; input: BlockedTimeInput }): Promise<{ ids: string[] }> {
  const { actor, input } = options;
  const member = await loadMember(actor, input.userId);
  const spans = blockedSpans(input, member.timeZone);
  const seriesId = spans.length > 1 ? `series_${crypto.randomUUID()}` : null;
  const ids = await withHoldsTransaction(member.id, async (tx) => {
    await assertFree(tx, member.id, member.timeZone, spans);
    const created: string[] = [];
    for (const span of spans) {
      const block = await tx.blockedTime.create({
        data: {
          organizationId: member.organizationId,
          userId: member.id,
          title: input.title,
          startsAt: new Date(span.start),
          endsAt: new Date(span.end),
          allDay: input.allDay,
          seriesId,
          createdById: actor.userId,
          holds: {
            create: {
              organizationId: member.organizationId,
              userId: member.id,
              startsAt: new Date(span.start),
              endsAt: new Date(span.end),
            },
          },
        },
        select: { id: true },
      });
      await enqueueBlockedTimePush(tx, block.id, member.id);
      created.push(block.id);
    }
    await recordAudit(tx, {
      organizationId: member.organizationId,
      actorId: actor.userId,
      subjectUserId: member.id,
      action: "blocked_time.created",
      details: { title: input.title, occurrences: spans.length, start: new Date(spans[0]!.start).toISOString() },
    });
    return created;
  });
  return { ids };
}

async function loadBlock(actor: Actor, blockedTimeId: string) {
  const block = await db.blockedTime.findFirst({ where: { id: blockedTimeId, organizationId: actor.organizationId, deletedAt: null } });
  if (!block) throw new AppError("NOT_FOUND", "This blocked time no longer exists.");
  const member = await loadMember(actor, block.userId);
  return { block, member };
}

/** Edits one occurrence: title, times, all day (the rest of a series keeps its own). */
export async function updateBlockedTime(options: { actor: Actor; blockedTimeId: string; input: BlockedTimeInput }): Promise<void> {
  const { actor, input } = options;
  const { block, member } = await loadBlock(actor, options.blockedTimeId);
  if (input.userId !== block.userId)
    throw new AppError("INVALID_INPUT", "Blocked time can't be given to another member; delete it and block their time instead.");
  if (input.repeatWeeklyUntil) throw new AppError("INVALID_INPUT", "A repeat is chosen when blocking time; edit one occurrence at a time.");
  const [span] = blockedSpans(input, member.timeZone);
  await withHoldsTransaction(member.id, async (tx) => {
    await assertFree(tx, member.id, member.timeZone, [span!], block.id);
    await writeTimes(tx, block.id, span!, { title: input.title, allDay: input.allDay });
    await recordAudit(tx, {
      organizationId: block.organizationId,
      actorId: actor.userId,
      subjectUserId: member.id,
      action: "blocked_time.updated",
      details: { title: input.title },
    });
  });
}

async function writeTimes(tx: Tx, blockedTimeId: string, span: Span, extra: { title?: string; allDay?: boolean } = {}) {
  const block = await tx.blockedTime.update({
    where: { id: blockedTimeId },
    data: { startsAt: new Date(span.start), endsAt: new Date(span.end), ...extra },
    select: { userId: true },
  });
  await tx.staffHold.update({
    where: { blockedTimeId },
    data: { startsAt: new Date(span.start), endsAt: new Date(span.end), active: true },
  });
  await enqueueBlockedTimePush(tx, blockedTimeId, block.userId);
}

/**
 * Two-way sync: the member moved their blocked time in iCloud. Applied when it overlaps nothing
 * of theirs in the CRM; otherwise AppError("CONFLICT") with the reason.
 */
export async function moveBlockedTime(options: {
  blockedTimeId: string;
  startsAt: Date;
  endsAt: Date;
  actorUserId: string;
  inTransaction?: (tx: Tx) => Promise<void>;
}): Promise<void> {
  const block = await db.blockedTime.findUnique({
    where: { id: options.blockedTimeId },
    include: { user: { select: { timeZone: true } } },
  });
  if (!block || block.deletedAt) throw new AppError("NOT_FOUND", "This blocked time was deleted in the CRM.");
  const span = { start: options.startsAt.getTime(), end: options.endsAt.getTime() };
  if (span.end <= span.start) throw new AppError("INVALID_INPUT", "The end must be after the start.");
  if (span.end - span.start > MAX_BLOCK_MS) throw new AppError("INVALID_INPUT", "Blocked time can last up to 31 days.");
  await withHoldsTransaction(block.userId, async (tx) => {
    await assertFree(tx, block.userId, block.user.timeZone, [span], block.id);
    await writeTimes(tx, block.id, span);
    await options.inTransaction?.(tx);
    await recordAudit(tx, {
      organizationId: block.organizationId,
      actorId: options.actorUserId,
      subjectUserId: block.userId,
      action: "blocked_time.updated",
      details: { title: block.title, from: "iCloud" },
    });
  });
}

/** Deletes one occurrence, or it and the later ones of its series; their iCloud copies are removed. */
export async function deleteBlockedTime(options: { actor: Actor; blockedTimeId: string; scope?: "one" | "following" }): Promise<number> {
  const { block, member } = await loadBlock(options.actor, options.blockedTimeId);
  return removeBlocks(block, options.scope ?? "one", options.actor.userId, member.id);
}

/** Two-way sync: the member deleted their blocked time in iCloud and chose "Cancel". */
export async function deleteBlockedTimeFromICloud(options: { blockedTimeId: string; actorUserId: string }): Promise<void> {
  const block = await db.blockedTime.findUnique({ where: { id: options.blockedTimeId } });
  if (!block || block.deletedAt) return;
  await removeBlocks(block, "one", options.actorUserId, block.userId);
}

async function removeBlocks(
  block: { id: string; seriesId: string | null; startsAt: Date; organizationId: string; title: string },
  scope: "one" | "following",
  actorId: string,
  userId: string,
) {
  return db.$transaction(async (tx) => {
    const targets =
      scope === "following" && block.seriesId
        ? await tx.blockedTime.findMany({
            where: { seriesId: block.seriesId, deletedAt: null, startsAt: { gte: block.startsAt } },
            select: { id: true },
          })
        : [{ id: block.id }];
    const ids = targets.map((t) => t.id);
    await tx.blockedTime.updateMany({ where: { id: { in: ids } }, data: { deletedAt: new Date() } });
    await tx.staffHold.updateMany({ where: { blockedTimeId: { in: ids } }, data: { active: false } });
    for (const id of ids) await enqueueBlockedTimePush(tx, id, userId);
    await recordAudit(tx, {
      organizationId: block.organizationId,
      actorId,
      subjectUserId: userId,
      action: "blocked_time.deleted",
      details: { title: block.title, occurrences: ids.length },
    });
    return ids.length;
  });
}
