// The authorization matrix of team and account management: anonymous, a staff member (the
// subject of the action), another staff member, their admin, and an admin of another
// organization, against every server action and domain function of team management, blocked time
// and the sync options, and the existing
// ones they sit next to. Server actions are public POST endpoints: each is called directly with
// a chosen session (next-auth's auth() replaced) against the real PostgreSQL, in a fresh world
// per case, and each case asserts the exact outcome and that nothing changed when refused.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/lib/auth/form-state";
import type { Actor } from "@/lib/auth/session";

const session = vi.hoisted(() => ({ user: null as null | Record<string, unknown> }));
const signIn = vi.hoisted(() => vi.fn(async () => undefined));
vi.mock("@/lib/auth/config", () => ({
  auth: async () => (session.user ? { user: { ...session.user }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
  signIn,
}));
// The invitation action imports AuthError from next-auth, whose entry needs Next's server runtime.
vi.mock("next-auth", () => ({ AuthError: class AuthError extends Error {} }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const team = await import("@/components/team/actions");
const profile = await import("@/components/profile/actions");
const appointments = await import("@/components/appointments/actions");
const hours = await import("@/components/working-hours/actions");
const invite = await import("@/components/auth/accept-invitation-actions");
const calendarPage = await import("@/components/calendar-view/actions");
const calendarSettings = await import("@/components/calendar-settings/actions");
const { createBlockedTime } = await import("@/lib/blocked-time/blocked-time");
const { BlockedTimeSchema } = await import("@/lib/blocked-time/schemas");
const { db } = await import("@/lib/db");
const { hashPassword } = await import("@/lib/auth/password");
const { zonedTimeToInstant } = await import("@/lib/availability");
const { createBooking } = await import("@/lib/booking/create");
const { isAppError } = await import("@/lib/errors");
const { getEmail } = await import("@/lib/email/log");
const { createInvitation, listPendingInvitations } = await import("@/lib/team/invitations");
const { listFutureAppointments } = await import("@/lib/team/members");
const { saveWorkingHours } = await import("@/lib/team/working-hours");
const { createBookingCalendar, customer } = await import("../support/booking-factories");
const { createOrganization, uniqueSuffix } = await import("../support/factories");

const PASSWORD = "matrix password";
const passwordHash = await hashPassword(PASSWORD);

beforeEach(() => {
  session.user = null;
});

const ZONE = "Europe/Berlin";
const DATE = (() => {
  const d = new Date(Date.now() + 7 * 86_400_000);
  while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
})();

type Member = { id: string; organizationId: string; role: "ADMIN" | "STAFF"; name: string; email: string };

async function member(organizationId: string, role: "ADMIN" | "STAFF", name: string): Promise<Member> {
  const user = await db.user.create({
    data: { organizationId, role, name, email: `${name.toLowerCase()}-${uniqueSuffix()}@example.test`, timeZone: ZONE, passwordHash },
  });
  await db.workingHours.createMany({
    data: [1, 2, 3, 4, 5].map((weekday) => ({ organizationId, userId: user.id, weekday, startMinute: 540, endMinute: 1020 })),
  });
  return user;
}

/** S (staff, the subject), O (another staff), G (staff, free to take over S's booking), A (admin); F admin elsewhere. */
async function world() {
  const org = await createOrganization();
  const [S, O, G, A] = await Promise.all([
    member(org.id, "STAFF", "Sam"),
    member(org.id, "STAFF", "Olga"),
    member(org.id, "STAFF", "Gus"),
    member(org.id, "ADMIN", "Ada"),
  ]);
  const F = await member((await createOrganization()).id, "ADMIN", "Fay");
  const calendar = await createBookingCalendar({
    organizationId: org.id,
    type: "ROUND_ROBIN",
    memberIds: [S.id, G.id],
    priorities: [9, 1],
  });
  const booking = await createBooking({
    slug: calendar.slug,
    start: zonedTimeToInstant(DATE, 600, ZONE),
    timeZone: ZONE,
    customer: customer(),
  });
  expect(booking.staff.map((s) => s.id)).toEqual([S.id]);
  const actorA: Actor = { userId: A.id, organizationId: org.id, role: "ADMIN", name: A.name, email: A.email };
  const invitation = await createInvitation({
    actor: actorA,
    input: { name: "Ivy", email: `ivy-${uniqueSuffix()}@example.test`, role: "STAFF", timeZone: ZONE },
  });
  const invitationEmail = await db.emailMessage.findFirstOrThrow({ where: { organizationId: org.id, kind: "invitation" } });
  return { org, S, O, G, A, F, appointmentId: booking.id, invitation, invitationEmail };
}
type World = Awaited<ReturnType<typeof world>>;

const WHO = ["anonymous", "staff", "another staff", "admin", "admin elsewhere"] as const;
type Who = (typeof WHO)[number];
const userOf = (w: World, who: Who): Member | null =>
  ({ anonymous: null, staff: w.S, "another staff": w.O, admin: w.A, "admin elsewhere": w.F })[who];
const actorOf = (u: Member): Actor => ({ userId: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email });
function signInAs(u: Member | null) {
  session.user = u && { id: u.id, organizationId: u.organizationId, role: u.role, name: u.name, email: u.email, sessionVersion: 0 };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

/** "OK", "REDIRECT <path>", or the refusal's code; a form state's code, or an AppError's. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    const result = (await p) as FormState | unknown;
    if (result && typeof result === "object" && "ok" in result) {
      const state = result as Exclude<FormState, null>;
      return state.ok ? "OK" : ("code" in state && state.code) || `INVALID: ${state.message}`;
    }
    return result === null ? "NULL" : "OK";
  } catch (error) {
    if (isAppError(error)) return error.code;
    const digest = (error as { digest?: string }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return `REDIRECT ${digest.split(";")[2]?.split("?")[0]}`;
    throw error;
  }
}

type Expected = Record<Who, string>;
const ADMIN_ONLY: Expected = {
  anonymous: "UNAUTHENTICATED",
  staff: "FORBIDDEN",
  "another staff": "FORBIDDEN",
  admin: "OK",
  "admin elsewhere": "NOT_FOUND",
};
const ANY_MEMBER: Expected = { anonymous: "UNAUTHENTICATED", staff: "OK", "another staff": "OK", admin: "OK", "admin elsewhere": "OK" };

interface Case {
  name: string;
  expected: Expected;
  run: (w: World) => Promise<unknown>;
  /** Runs afterwards: asserts what changed (when allowed) or that nothing did (when refused). */
  check?: (w: World, allowed: boolean, who: Who) => Promise<void>;
  /** Prepare the world before signing in (e.g. deactivate the subject). */
  prepare?: (w: World) => Promise<void>;
}

const user = (id: string) => db.user.findUniqueOrThrow({ where: { id } });

const ACTIONS: Case[] = [
  {
    name: "changeRoleAction: make the staff member an admin",
    expected: ADMIN_ONLY,
    run: (w) => team.changeRoleAction(null, form({ userId: w.S.id, role: "ADMIN" })),
    check: async (w, allowed) => expect((await user(w.S.id)).role).toBe(allowed ? "ADMIN" : "STAFF"),
  },
  {
    name: "deactivateMemberAction: deactivate the staff member",
    expected: ADMIN_ONLY,
    run: (w) => team.deactivateMemberAction(null, form({ userId: w.S.id })),
    check: async (w, allowed) => expect((await user(w.S.id)).deactivatedAt !== null).toBe(allowed),
  },
  {
    name: "reactivateMemberAction: reactivate the deactivated staff member (whose own session no longer counts)",
    expected: { ...ADMIN_ONLY, staff: "UNAUTHENTICATED" },
    prepare: async (w) => void (await db.user.update({ where: { id: w.S.id }, data: { deactivatedAt: new Date() } })),
    run: (w) => team.reactivateMemberAction(null, form({ userId: w.S.id })),
    check: async (w, allowed) => expect((await user(w.S.id)).deactivatedAt === null).toBe(allowed),
  },
  {
    name: "reassignAppointmentAction: hand the staff member's booking to a free colleague",
    expected: ADMIN_ONLY,
    run: (w) => team.reassignAppointmentAction(null, form({ appointmentId: w.appointmentId, fromUserId: w.S.id, toUserId: w.G.id })),
    check: async (w, allowed) => {
      const holds = await db.staffHold.findMany({ where: { appointmentId: w.appointmentId, active: true } });
      expect(holds.map((h) => h.userId)).toEqual([allowed ? w.G.id : w.S.id]);
    },
  },
  {
    name: "cancelMemberAppointmentAction: cancel the staff member's booking from Admin > Team",
    expected: ADMIN_ONLY,
    run: (w) => team.cancelMemberAppointmentAction(null, form({ appointmentId: w.appointmentId, fromUserId: w.S.id })),
    check: async (w, allowed) =>
      expect((await db.appointment.findUniqueOrThrow({ where: { id: w.appointmentId } })).status).toBe(allowed ? "CANCELLED" : "CONFIRMED"),
  },
  {
    name: "inviteMemberAction: invite someone (an admin elsewhere invites into their own organization)",
    expected: { ...ADMIN_ONLY, "admin elsewhere": "OK" },
    run: (w) => team.inviteMemberAction(null, form({ name: "Nia", email: `nia-${w.org.id}@example.test`, role: "ADMIN", timeZone: ZONE })),
    check: async (w, allowed, who) => {
      const rows = await db.invitation.findMany({ where: { email: `nia-${w.org.id}@example.test` } });
      expect(rows.map((r) => r.organizationId)).toEqual(allowed ? [userOf(w, who)!.organizationId] : []);
    },
  },
  {
    name: "resendInvitationAction: resend the organization's invitation",
    expected: ADMIN_ONLY,
    run: (w) => team.resendInvitationAction(null, form({ invitationId: w.invitation.invitationId })),
    check: async (w, allowed) =>
      expect(await db.emailMessage.count({ where: { organizationId: w.org.id, kind: "invitation" } })).toBe(allowed ? 2 : 1),
  },
  {
    name: "revokeInvitationAction: revoke the organization's invitation",
    expected: ADMIN_ONLY,
    run: (w) => team.revokeInvitationAction(null, form({ invitationId: w.invitation.invitationId })),
    check: async (w, allowed) =>
      expect((await db.invitation.findUniqueOrThrow({ where: { id: w.invitation.invitationId } })).revokedAt !== null).toBe(allowed),
  },
  {
    name: "saveProfileAction: changes only the signed-in member's own name",
    expected: ANY_MEMBER,
    run: () => profile.saveProfileAction(null, form({ name: "Renamed", timeZone: "Asia/Tokyo" })),
    check: async (w, allowed, who) => {
      const renamed = await db.user.findMany({
        where: { organizationId: { in: [w.org.id, w.F.organizationId] }, name: "Renamed" },
        select: { id: true },
      });
      expect(renamed.map((r) => r.id)).toEqual(allowed ? [userOf(w, who)!.id] : []);
    },
  },
  {
    name: "changePasswordAction: changes only the signed-in member's own password, ending their sessions",
    expected: ANY_MEMBER,
    run: () =>
      profile.changePasswordAction(
        null,
        form({ currentPassword: PASSWORD, password: "a brand new password", confirmPassword: "a brand new password" }),
      ),
    check: async (w, allowed, who) => {
      const bumped = await db.user.findMany({
        where: { organizationId: { in: [w.org.id, w.F.organizationId] }, sessionVersion: { gt: 0 } },
        select: { id: true },
      });
      expect(bumped.map((r) => r.id)).toEqual(allowed ? [userOf(w, who)!.id] : []);
    },
  },
  {
    name: "saveNotificationPreferencesAction: the signed-in member's own preferences",
    expected: ANY_MEMBER,
    run: () => profile.saveNotificationPreferencesAction(null, form({ emailOnNewBooking: "on" })),
    check: async (w, allowed, who) => {
      const off = await db.user.findMany({
        where: { organizationId: { in: [w.org.id, w.F.organizationId] }, emailOnCancel: false },
        select: { id: true },
      });
      expect(off.map((r) => r.id)).toEqual(allowed ? [userOf(w, who)!.id] : []);
    },
  },
  {
    name: "acceptInvitationAction: public, the token is the authority",
    expected: { anonymous: "OK", staff: "OK", "another staff": "OK", admin: "OK", "admin elsewhere": "OK" },
    run: (w) =>
      invite.acceptInvitationAction(
        null,
        form({ token: w.invitation.url.split("/").pop()!, name: "Ivy", password: "ivy's password", confirmPassword: "ivy's password" }),
      ),
    check: async (w) => expect(await db.user.count({ where: { organizationId: w.org.id, name: "Ivy", role: "STAFF" } })).toBe(1),
  },
  {
    name: "cancelAppointmentAction (appointments): the assigned member or an admin",
    expected: {
      anonymous: "UNAUTHENTICATED",
      staff: "REDIRECT /appointments/{appointmentId}",
      "another staff": "FORBIDDEN",
      admin: "REDIRECT /appointments/{appointmentId}",
      "admin elsewhere": "NOT_FOUND",
    },
    run: (w) => appointments.cancelAppointmentAction(null, form({ appointmentId: w.appointmentId })),
    check: async (w, allowed) =>
      expect((await db.appointment.findUniqueOrThrow({ where: { id: w.appointmentId } })).status).toBe(allowed ? "CANCELLED" : "CONFIRMED"),
  },
  {
    name: "saveWorkingHoursAction (working hours): the member themselves or an admin",
    expected: { anonymous: "UNAUTHENTICATED", staff: "OK", "another staff": "FORBIDDEN", admin: "OK", "admin elsewhere": "FORBIDDEN" },
    run: (w) => hours.saveWorkingHoursAction(null, form({ userId: w.S.id, timeZone: ZONE, "start-1": "08:00", "end-1": "12:00" })),
    check: async (w, allowed) => expect(await db.workingHours.count({ where: { userId: w.S.id } })).toBe(allowed ? 1 : 5),
  },
  {
    name: "blockTimeAction (calendar): block the staff member's time",
    expected: { anonymous: "UNAUTHENTICATED", staff: "OK", "another staff": "FORBIDDEN", admin: "OK", "admin elsewhere": "FORBIDDEN" },
    run: (w) =>
      calendarPage.blockTimeAction(
        null,
        form({ userId: w.S.id, title: "Focus", startDate: DATE, startTime: "14:00", endDate: DATE, endTime: "15:00" }),
      ),
    check: async (w, allowed) => expect(await db.blockedTime.count({ where: { userId: w.S.id } })).toBe(allowed ? 1 : 0),
  },
  {
    name: "updateBlockedTimeAction (calendar): rename the staff member's blocked time",
    expected: { anonymous: "UNAUTHENTICATED", staff: "OK", "another staff": "FORBIDDEN", admin: "OK", "admin elsewhere": "NOT_FOUND" },
    prepare: (w) => blockFor(w),
    run: async (w) =>
      calendarPage.updateBlockedTimeAction(
        null,
        form({
          blockedTimeId: (await blockOf(w)).id,
          userId: w.S.id,
          title: "Renamed",
          startDate: DATE,
          startTime: "14:00",
          endDate: DATE,
          endTime: "15:00",
        }),
      ),
    check: async (w, allowed) => expect((await blockOf(w)).title).toBe(allowed ? "Renamed" : "Focus"),
  },
  {
    name: "deleteBlockedTimeAction (calendar): delete the staff member's blocked time",
    expected: { anonymous: "UNAUTHENTICATED", staff: "OK", "another staff": "FORBIDDEN", admin: "OK", "admin elsewhere": "NOT_FOUND" },
    prepare: (w) => blockFor(w),
    run: async (w) => calendarPage.deleteBlockedTimeAction(null, form({ blockedTimeId: (await blockOf(w)).id, scope: "one" })),
    check: async (w, allowed) => expect((await blockOf(w)).deletedAt !== null).toBe(allowed),
  },
  {
    name: "saveSyncOptionsAction (Calendar Settings): the staff member's sync direction",
    expected: { anonymous: "UNAUTHENTICATED", staff: "OK", "another staff": "FORBIDDEN", admin: "OK", "admin elsewhere": "FORBIDDEN" },
    run: (w) =>
      calendarSettings.saveSyncOptionsAction(
        null,
        form({ userId: w.S.id, syncDirection: "TWO_WAY", onICloudDelete: "CANCEL", copyBlockedTimeToICloud: "on" }),
      ),
    check: async (w, allowed) => expect((await user(w.S.id)).syncDirection).toBe(allowed ? "TWO_WAY" : "ONE_WAY"),
  },
  {
    name: "dismissICloudNoticesAction (banner): dismisses only the signed-in member's own notices",
    expected: ANY_MEMBER,
    prepare: async (w) =>
      void (await db.syncActivity.create({
        data: {
          organizationId: w.org.id,
          userId: w.S.id,
          operation: "icloud-move",
          outcome: "undone",
          detail: "Not applied.",
          needsAttention: true,
        },
      })),
    run: async (w) => {
      const notice = await db.syncActivity.findFirstOrThrow({ where: { userId: w.S.id, needsAttention: true } });
      return calendarSettings.dismissICloudNoticesAction(null, form({ activityId: notice.id }));
    },
    check: async (w, _allowed, who) => {
      const notice = await db.syncActivity.findFirstOrThrow({ where: { userId: w.S.id, needsAttention: true } });
      expect(notice.acknowledgedAt !== null).toBe(who === "staff");
    },
  },
];

async function blockFor(w: World) {
  await createBlockedTime({
    actor: actorOf(w.A),
    input: BlockedTimeSchema.parse({
      userId: w.S.id,
      title: "Focus",
      startDate: DATE,
      startTime: "14:00",
      endDate: DATE,
      endTime: "15:00",
    }),
  });
}
const blockOf = (w: World) => db.blockedTime.findFirstOrThrow({ where: { userId: w.S.id } });

describe.each(ACTIONS)("$name", (c) => {
  it.each(WHO)("as %s", async (who) => {
    const w = await world();
    await c.prepare?.(w);
    signInAs(userOf(w, who));
    const expected = c.expected[who].replace("{appointmentId}", w.appointmentId);
    expect(await outcome(c.run(w))).toBe(expected);
    session.user = null;
    await c.check?.(w, expected === "OK" || expected.startsWith("REDIRECT"), who);
  });
});

// Domain functions take the actor directly (no anonymous caller exists there).
const MEMBERS = ["staff", "another staff", "admin", "admin elsewhere"] as const;
const DOMAIN: { name: string; expected: Record<(typeof MEMBERS)[number], string>; run: (w: World, actor: Actor) => Promise<unknown> }[] = [
  {
    name: "listFutureAppointments of the staff member",
    expected: { staff: "FORBIDDEN", "another staff": "FORBIDDEN", admin: "OK", "admin elsewhere": "NOT_FOUND" },
    run: async (w, actor) => expect((await listFutureAppointments({ actor, userId: w.S.id })).map((a) => a.id)).toEqual([w.appointmentId]),
  },
  {
    name: "listPendingInvitations (each admin sees their own organization's only)",
    expected: { staff: "FORBIDDEN", "another staff": "FORBIDDEN", admin: "OK", "admin elsewhere": "OK" },
    run: async (w, actor) =>
      expect((await listPendingInvitations({ actor })).map((i) => i.id)).toEqual(
        actor.organizationId === w.org.id ? [w.invitation.invitationId] : [],
      ),
  },
  {
    name: "getEmail of the invitation email (email log)",
    expected: { staff: "FORBIDDEN", "another staff": "FORBIDDEN", admin: "OK", "admin elsewhere": "NULL" },
    run: (w, actor) => getEmail({ actor, id: w.invitationEmail.id }),
  },
  {
    name: "saveWorkingHours of the staff member",
    expected: { staff: "OK", "another staff": "FORBIDDEN", admin: "OK", "admin elsewhere": "FORBIDDEN" },
    run: (w, actor) =>
      saveWorkingHours({ actor, input: { userId: w.S.id, timeZone: ZONE, hours: [{ weekday: 1, startMinute: 480, endMinute: 720 }] } }),
  },
];

describe.each(DOMAIN)("$name", (c) => {
  it.each(MEMBERS)("as %s", async (who) => {
    const w = await world();
    expect(await outcome(c.run(w, actorOf(userOf(w, who)!)))).toBe(c.expected[who]);
  });
});

describe("a session that no longer matches the database", () => {
  it("an admin demoted by another admin is refused on their next action", async () => {
    const w = await world();
    const B = await member(w.org.id, "ADMIN", "Bea");
    signInAs(w.A);
    expect(await outcome(team.changeRoleAction(null, form({ userId: B.id, role: "STAFF" })))).toBe("OK");
    signInAs(B);
    expect(await outcome(team.changeRoleAction(null, form({ userId: w.A.id, role: "STAFF" })))).toBe("UNAUTHENTICATED");
    expect((await user(w.A.id)).role).toBe("ADMIN");
  });

  it("a deactivated member's open session is refused on their next action", async () => {
    const w = await world();
    signInAs(w.A);
    expect(await outcome(team.deactivateMemberAction(null, form({ userId: w.S.id })))).toBe("OK");
    signInAs(w.S);
    expect(await outcome(profile.saveProfileAction(null, form({ name: "Still here?", timeZone: ZONE })))).toBe("UNAUTHENTICATED");
    expect((await user(w.S.id)).name).toBe("Sam");
  });

  it("the last active admin can't demote or deactivate themselves", async () => {
    const w = await world();
    signInAs(w.A);
    const demote = await team.changeRoleAction(null, form({ userId: w.A.id, role: "STAFF" }));
    expect(demote).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "Ada is the last active admin, so they can't be demoted. Make someone else an admin first.",
    });
    expect(await team.deactivateMemberAction(null, form({ userId: w.A.id }))).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "You can't deactivate yourself. Ask another admin.",
    });
  });
});
